import { authenticated, defineGridModule, findReadable, registerCounts } from '../../src/modules';
import { CareTarget, CareTeam } from './care.entities';
import { careMetrics, CARE_REGISTER } from './care.metrics';
import { care } from './care.module';
import { CareResolver, CareTargetFieldResolver, CareTeamFieldResolver } from './care.resolver';
import { seedCare } from './care.seed';

/** 关爱型网格 — the care register, care teams, door-knock visits, care calls and help. */
export default defineGridModule(care, {
  entities: [CareTeam, CareTarget],
  resolvers: [CareResolver, CareTargetFieldResolver, CareTeamFieldResolver],
  metrics: careMetrics,
  permissions: {
    Query: { careTargets: authenticated, careTeams: authenticated },
    Mutation: {
      registerCareTarget: authenticated,
      updateCareTarget: authenticated,
      endCareTarget: authenticated,
      createCareTeam: authenticated,
      disbandCareTeam: authenticated,
    },
    CareTarget: authenticated,
    CareTargetConnection: authenticated,
    CareTargetEdge: authenticated,
    CareTeam: authenticated,
    CareTeamConnection: authenticated,
    CareTeamEdge: authenticated,
  },
  nodes: {
    CareTarget: (ctx, id) => findReadable(ctx, CareTarget, id),
    CareTeam: (ctx, id) => findReadable(ctx, CareTeam, id),
  },
  hooks: {
    // A shorter interval can make many targets overdue at once: say how many, for dashboards and webhooks.
    async onSettingsChange(ctx, grid, before, after) {
      if (after.visitIntervalDays >= before.visitIntervalDays) return;
      const counts = await registerCounts(
        ctx.em,
        CARE_REGISTER,
        [grid.id],
        ctx.app.clock.now(),
        after.visitIntervalDays,
      );
      care.event(
        ctx,
        'interval_shortened',
        { type: 'Grid', id: grid.id },
        { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id },
        { from: before.visitIntervalDays, to: after.visitIntervalDays, overdueTargets: counts.overdue },
      );
    },
  },
  seed: seedCare,
});
