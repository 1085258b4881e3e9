import { authFeature } from './auth';
import { casesFeature } from './cases';
import type { Feature } from './graphql/feature';
import { integrationFeature } from './integration';
import { partyFeature } from './party';
import { peopleFeature } from './people';
import { staffFeature } from './staff';
import { territoryFeature } from './territory';

/** The core features, listed explicitly; their order is the order of the schema build. */
export const coreFeatures: Feature[] = [
  authFeature,
  territoryFeature,
  peopleFeature,
  staffFeature,
  partyFeature,
  casesFeature,
  integrationFeature,
];
