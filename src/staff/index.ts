import { authenticated } from '../auth/permissions';
import type { Feature } from '../graphql/feature';
import { StaffMember } from './staff-member.entity';

export { StaffMember };

/** Staff members, assignments on the ladder, roster, trainings, sentiment logs. */
export const staffFeature: Feature = {
  name: 'staff',
  entities: [StaffMember],
  resolvers: [],
  permissions: { StaffMember: authenticated },
  nodes: {},
};
