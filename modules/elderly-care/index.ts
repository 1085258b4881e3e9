import { authenticated, defineGridModule, findReadable } from '../../src/modules';
import { ElderlyCarePairing, ElderlyCareProfile } from './elderly-care.entities';
import { elderlyCareMetrics, overdueCount } from './elderly-care.metrics';
import { elderlyCare } from './elderly-care.module';
import {
  ElderlyCarePairingFieldResolver,
  ElderlyCareProfileFieldResolver,
  ElderlyCareResolver,
} from './elderly-care.resolver';
import { seedElderlyCare } from './elderly-care.seed';

/** 居家养老型网格 — elderly profiles, helper pairings, visits, clinics and birthday celebrations. */
export default defineGridModule(elderlyCare, {
  entities: [ElderlyCareProfile, ElderlyCarePairing],
  resolvers: [ElderlyCareResolver, ElderlyCareProfileFieldResolver, ElderlyCarePairingFieldResolver],
  metrics: elderlyCareMetrics,
  permissions: {
    Query: { elderlyCareProfiles: authenticated, elderlyCarePairings: authenticated },
    Mutation: {
      registerElderlyCareProfile: authenticated,
      updateElderlyCareProfile: authenticated,
      endElderlyCareProfile: authenticated,
      createElderlyCarePairing: authenticated,
      endElderlyCarePairing: authenticated,
    },
    ElderlyCareProfile: authenticated,
    ElderlyCareProfileConnection: authenticated,
    ElderlyCareProfileEdge: authenticated,
    ElderlyCarePairing: authenticated,
    ElderlyCarePairingConnection: authenticated,
    ElderlyCarePairingEdge: authenticated,
  },
  nodes: {
    ElderlyCareProfile: (ctx, id) => findReadable(ctx, ElderlyCareProfile, id),
    ElderlyCarePairing: (ctx, id) => findReadable(ctx, ElderlyCarePairing, id),
  },
  hooks: {
    // A shorter interval can make many elderly overdue at once: say how many, for dashboards and webhooks.
    async onSettingsChange(ctx, grid, before, after) {
      if (after.visitIntervalDays >= before.visitIntervalDays) return;
      const overdue = await overdueCount(ctx.em, [grid.id], ctx.app.clock.now(), after.visitIntervalDays);
      elderlyCare.event(
        ctx,
        'visit_interval_shortened',
        { type: 'Grid', id: grid.id },
        { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id },
        { from: before.visitIntervalDays, to: after.visitIntervalDays, overdueProfiles: overdue },
      );
    },
  },
  seed: seedElderlyCare,
});
