import { authFeature } from './auth';
import { casesFeature } from './cases';
import type { Feature } from './graphql/feature';
import { integrationFeature, peopleImportFeature, webhooksFeature } from './integration';
import { createModuleFeatures } from './modules/feature';
import { partyFeature } from './party';
import { peopleFeature } from './people';
import { reportsFeature } from './reports';
import { staffFeature } from './staff';
import { territoryFeature } from './territory';
import { installedModules } from '../modules';

/** The module system and every module listed in modules/index.ts; last, so module seeds build on the core data. */
const moduleFeatures = createModuleFeatures(installedModules, () =>
  coreFeatures.flatMap((f) => f.metrics ?? []),
);

/** The core features, listed explicitly; their order is the order of the schema build. */
export const coreFeatures: Feature[] = [
  authFeature,
  territoryFeature,
  peopleFeature,
  staffFeature,
  partyFeature,
  casesFeature,
  integrationFeature,
  webhooksFeature,
  peopleImportFeature,
  ...moduleFeatures,
  reportsFeature,
];
