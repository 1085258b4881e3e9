import type { Feature } from '../graphql/feature';

/** The closed loop of cases (问题处理闭环). */
export const casesFeature: Feature = {
  name: 'cases',
  entities: [],
  resolvers: [],
  permissions: {},
  nodes: {},
};
