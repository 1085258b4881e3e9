import { authenticated } from '../auth/permissions';
import type { Feature } from '../graphql/feature';
import { Household } from './household.entity';
import { Organization } from './organization.entity';
import { Resident } from './resident.entity';
import { ResidentTag } from './resident-tag.entity';

export { Household, Organization, Resident, ResidentTag };
export { Gender, ResidencyType } from './resident.entity';
export { ResidentTagKind, SENSITIVE_TAGS } from './resident-tag.entity';
export { OrganizationKind } from './organization.entity';

/** Households, residents and their tags, organizations. */
export const peopleFeature: Feature = {
  name: 'people',
  entities: [Household, Resident, ResidentTag, Organization],
  resolvers: [],
  permissions: { Household: authenticated, Resident: authenticated, Organization: authenticated },
  nodes: {},
};
