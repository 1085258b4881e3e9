import { authenticated } from '../auth/permissions';
import type { Feature } from '../graphql/feature';
import { getHousehold } from './household.service';
import { Household } from './household.entity';
import { getOrganization } from './organization.service';
import { Organization } from './organization.entity';
import {
  BuildingPeopleResolver,
  GridPeopleResolver,
  HouseholdFieldResolver,
  OrganizationFieldResolver,
  PeopleResolver,
  ResidentFieldResolver,
} from './people.resolver';
import { peopleMetricDefinitions } from './people.metrics';
import { seedPeople } from './people.seed';
import { RevealResolver } from './reveal.resolver';
import { getResident } from './resident.service';
import { Resident } from './resident.entity';
import { ResidentTag } from './resident-tag.entity';

export { Household, Organization, Resident, ResidentTag };
export { Gender, ResidencyType } from './resident.entity';
export { ResidentTagKind, SENSITIVE_TAGS } from './resident-tag.entity';
export { OrganizationKind } from './organization.entity';
export { maskIdNumber, maskPhone } from './masking';
export { canSeeSensitiveTags } from './people.access';
export * as householdService from './household.service';
export * as residentService from './resident.service';
export * as organizationService from './organization.service';

/** Households, residents and their tags, organizations. */
export const peopleFeature: Feature = {
  name: 'people',
  area: 'people',
  entities: [Household, Resident, ResidentTag, Organization],
  resolvers: [
    PeopleResolver,
    HouseholdFieldResolver,
    ResidentFieldResolver,
    OrganizationFieldResolver,
    BuildingPeopleResolver,
    GridPeopleResolver,
    RevealResolver,
  ],
  permissions: {
    Query: { households: authenticated, residents: authenticated, organizations: authenticated },
    Mutation: {
      createHousehold: authenticated,
      updateHousehold: authenticated,
      createResident: authenticated,
      updateResident: authenticated,
      setResidentTags: authenticated,
      createOrganization: authenticated,
      updateOrganization: authenticated,
      revealResident: authenticated,
    },
    RevealedResident: authenticated,
    Household: authenticated,
    HouseholdConnection: authenticated,
    HouseholdEdge: authenticated,
    Resident: authenticated,
    ResidentConnection: authenticated,
    ResidentEdge: authenticated,
    Organization: authenticated,
    OrganizationConnection: authenticated,
    OrganizationEdge: authenticated,
    Building: { households: authenticated, residentCount: authenticated },
    Grid: { householdCount: authenticated, residentCount: authenticated },
  },
  nodes: { Household: getHousehold, Resident: getResident, Organization: getOrganization },
  seed: seedPeople,
  metrics: peopleMetricDefinitions,
};
