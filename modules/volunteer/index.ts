import { authenticated, defineGridModule, findReadable } from '../../src/modules';
import { VolunteerMember, VolunteerPairing, VolunteerTeam } from './volunteer.entities';
import { volunteerMetrics } from './volunteer.metrics';
import { volunteer } from './volunteer.module';
import {
  VolunteerMemberFieldResolver,
  VolunteerPairingFieldResolver,
  VolunteerResolver,
  VolunteerTeamFieldResolver,
} from './volunteer.resolver';
import { seedVolunteer } from './volunteer.seed';

/** 志愿型网格 — volunteer teams, volunteers, services and household pairings. */
export default defineGridModule(volunteer, {
  entities: [VolunteerTeam, VolunteerMember, VolunteerPairing],
  resolvers: [
    VolunteerResolver,
    VolunteerTeamFieldResolver,
    VolunteerMemberFieldResolver,
    VolunteerPairingFieldResolver,
  ],
  metrics: volunteerMetrics,
  permissions: {
    Query: {
      volunteerTeams: authenticated,
      volunteerMembers: authenticated,
      volunteerPairings: authenticated,
    },
    Mutation: {
      createVolunteerTeam: authenticated,
      registerVolunteer: authenticated,
      endVolunteerMembership: authenticated,
      createVolunteerPairing: authenticated,
      endVolunteerPairing: authenticated,
    },
    VolunteerTeam: authenticated,
    VolunteerTeamConnection: authenticated,
    VolunteerTeamEdge: authenticated,
    VolunteerMember: authenticated,
    VolunteerMemberConnection: authenticated,
    VolunteerMemberEdge: authenticated,
    VolunteerPairing: authenticated,
    VolunteerPairingConnection: authenticated,
    VolunteerPairingEdge: authenticated,
  },
  nodes: {
    VolunteerTeam: (ctx, id) => findReadable(ctx, VolunteerTeam, id),
    VolunteerMember: (ctx, id) => findReadable(ctx, VolunteerMember, id),
    VolunteerPairing: (ctx, id) => findReadable(ctx, VolunteerPairing, id),
  },
  hooks: {
    // A newly enabled grid gets a team to register volunteers into.
    async onEnable(ctx, grid) {
      const teams = await ctx.em.count(VolunteerTeam, { gridId: grid.id });
      if (!teams) {
        ctx.em.create(VolunteerTeam, {
          streetId: grid.streetId,
          communityId: grid.communityId,
          gridId: grid.id,
          name: `${grid.name}志愿服务队`,
        });
      }
    },
    // Pairings are promises to households: they must be ended or handed over, not silently dropped.
    async beforeDisable(ctx, grid) {
      const active = await ctx.em.count(VolunteerPairing, { gridId: grid.id, endedOn: null });
      return active
        ? {
            en: `${active} volunteer pairing(s) with households are still active; end them before switching the module off`,
            zh: `仍有 ${active} 个志愿者与住户的结对未结束，请先结束结对再停用本模块`,
          }
        : null;
    },
  },
  seed: seedVolunteer,
});
