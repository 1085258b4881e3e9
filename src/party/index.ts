import { admin, authenticated } from '../auth/permissions';
import type { Feature } from '../graphql/feature';
import { AidRecord } from './aid-record.entity';
import { getAidRecord } from './aid.service';
import { partyMetrics } from './party.metrics';
import {
  AidRecordFieldResolver,
  GridPartyFieldResolver,
  HouseholdAidFieldResolver,
  PartyActivityFieldResolver,
  PartyMembershipFieldResolver,
  PartyOrganizationFieldResolver,
  PartyResolver,
  PartySummaryFieldResolver,
} from './party.resolver';
import { seedParty } from './party.seed';
import { PartyActivity, PartyActivityHousehold } from './party-activity.entity';
import { getPartyActivity } from './party-activity.service';
import { PartyMembership } from './party-membership.entity';
import { getPartyMembership } from './party-membership.service';
import { PartyOrganization } from './party-organization.entity';
import { getPartyOrganization } from './party-organization.service';

export { AidRecord, PartyActivity, PartyActivityHousehold, PartyMembership, PartyOrganization };
export { AidKind } from './aid-record.entity';
export { PartyActivityKind } from './party-activity.entity';
export { PartyMembershipKind } from './party-membership.entity';
export { PartyAttachmentLevel, PartyOrganizationKind } from './party-organization.entity';
export { computePartySummary, type PartySummaryData, type SummaryScope } from './party-summary.service';

/** Party organizations, memberships, party activities and aid records. */
export const partyFeature: Feature = {
  name: 'party',
  // Memberships and aid name people and households: API keys need the people scopes.
  area: 'people',
  entities: [PartyOrganization, PartyMembership, PartyActivity, PartyActivityHousehold, AidRecord],
  resolvers: [
    PartyResolver,
    PartyOrganizationFieldResolver,
    PartyMembershipFieldResolver,
    PartyActivityFieldResolver,
    AidRecordFieldResolver,
    PartySummaryFieldResolver,
    GridPartyFieldResolver,
    HouseholdAidFieldResolver,
  ],
  permissions: {
    Query: {
      partyOrganizations: authenticated,
      partyMemberships: authenticated,
      partyActivities: authenticated,
      aidRecords: authenticated,
      partySummary: authenticated,
    },
    Mutation: {
      createPartyOrganization: admin,
      updatePartyOrganization: admin,
      addPartyMember: admin,
      updatePartyMembership: admin,
      endPartyMembership: admin,
      // Grid staff record these for their own grid; the services check the jurisdiction.
      recordPartyActivity: authenticated,
      recordAid: authenticated,
    },
    PartyOrganization: authenticated,
    PartyOrganizationConnection: authenticated,
    PartyOrganizationEdge: authenticated,
    PartyMembership: authenticated,
    PartyMembershipConnection: authenticated,
    PartyMembershipEdge: authenticated,
    PartyActivity: authenticated,
    PartyActivityConnection: authenticated,
    PartyActivityEdge: authenticated,
    AidRecord: authenticated,
    AidRecordConnection: authenticated,
    AidRecordEdge: authenticated,
    PartySummary: authenticated,
    PartyOrganizationKindCount: authenticated,
    PartyMembershipKindCount: authenticated,
    PartyActivityKindCount: authenticated,
    AidKindCount: authenticated,
    Grid: { partyOrganizations: authenticated },
    Household: { aidRecords: authenticated },
  },
  nodes: {
    PartyOrganization: getPartyOrganization,
    PartyMembership: getPartyMembership,
    PartyActivity: getPartyActivity,
    AidRecord: getAidRecord,
  },
  seed: seedParty,
  metrics: partyMetrics,
};
