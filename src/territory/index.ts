import { admin, authenticated, platformAdmin } from '../auth/permissions';
import type { Feature } from '../graphql/feature';
import { Building } from './building.entity';
import { BuildingUnit } from './building-unit.entity';
import { Community } from './community.entity';
import { MicroGrid } from './micro-grid.entity';
import { Grid } from './grid.entity';
import { Street } from './street.entity';
import {
  CommunityFieldResolver,
  GridFieldResolver,
  StreetFieldResolver,
  TerritoryResolver,
} from './territory.resolver';
import { getCommunity, getGrid, getStreet } from './territory.service';
import { seedTerritory } from './territory.seed';

export { Building, BuildingUnit, Community, Grid, MicroGrid, Street };
export { GridStatus } from './grid.entity';
export * as territoryService from './territory.service';
export { containsPoint, geoJsonPolygon, type GeoPolygon } from './geo';

export const territoryFeature: Feature = {
  name: 'territory',
  entities: [Street, Community, Grid, MicroGrid, Building, BuildingUnit],
  resolvers: [TerritoryResolver, StreetFieldResolver, CommunityFieldResolver, GridFieldResolver],
  permissions: {
    Query: { streets: authenticated, communities: authenticated, grids: authenticated },
    Mutation: { createStreet: platformAdmin, createCommunity: admin, createGrid: admin, updateGrid: admin },
    Street: authenticated,
    StreetConnection: authenticated,
    StreetEdge: authenticated,
    Community: authenticated,
    CommunityConnection: authenticated,
    CommunityEdge: authenticated,
    Grid: authenticated,
    GridConnection: authenticated,
    GridEdge: authenticated,
    MicroGrid: authenticated,
    Building: authenticated,
    BuildingUnit: authenticated,
  },
  nodes: { Street: getStreet, Community: getCommunity, Grid: getGrid },
  seed: seedTerritory,
};
