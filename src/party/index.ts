import type { Feature } from '../graphql/feature';

/** Party organizations, memberships, party activities and aid records. */
export const partyFeature: Feature = {
  name: 'party',
  entities: [],
  resolvers: [],
  permissions: {},
  nodes: {},
};
