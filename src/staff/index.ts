import type { Feature } from '../graphql/feature';

/** Staff members, assignments on the ladder, roster, trainings, sentiment logs. */
export const staffFeature: Feature = {
  name: 'staff',
  entities: [],
  resolvers: [],
  permissions: {},
  nodes: {},
};
