import type { Feature } from '../graphql/feature';

/** Households, residents and their tags, organizations. */
export const peopleFeature: Feature = {
  name: 'people',
  entities: [],
  resolvers: [],
  permissions: {},
  nodes: {},
};
