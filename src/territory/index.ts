import { admin, authenticated, platformAdmin } from '../auth/permissions';
import type { Feature } from '../graphql/feature';
import { Building } from './building.entity';
import { BuildingUnit } from './building-unit.entity';
import {
  BuildingFieldResolver,
  BuildingResolver,
  BuildingUnitFieldResolver,
  MicroGridFieldResolver,
} from './building.resolver';
import { getBuilding, getBuildingUnit, getMicroGrid } from './building.service';
import { Community } from './community.entity';
import { MicroGrid } from './micro-grid.entity';
import { Grid } from './grid.entity';
import { GridLineage } from './grid-lineage.entity';
import { RegridResolver } from './regrid.resolver';
import { Street } from './street.entity';
import {
  CommunityFieldResolver,
  GridFieldResolver,
  StreetFieldResolver,
  TerritoryResolver,
} from './territory.resolver';
import { getCommunity, getStreet, readGrid } from './territory.service';
import { seedTerritory } from './territory.seed';

export { Building, BuildingUnit, Community, Grid, GridLineage, MicroGrid, Street };
export { GridStatus } from './grid.entity';
export { GridLineageKind } from './grid-lineage.entity';
export * as territoryService from './territory.service';
export * as buildingService from './building.service';
export { containsPoint, geoJsonPolygon, type GeoPolygon } from './geo';

export const territoryFeature: Feature = {
  name: 'territory',
  entities: [Street, Community, Grid, GridLineage, MicroGrid, Building, BuildingUnit],
  resolvers: [
    TerritoryResolver,
    StreetFieldResolver,
    CommunityFieldResolver,
    GridFieldResolver,
    BuildingResolver,
    MicroGridFieldResolver,
    BuildingFieldResolver,
    BuildingUnitFieldResolver,
    RegridResolver,
  ],
  permissions: {
    Query: {
      streets: authenticated,
      communities: authenticated,
      grids: authenticated,
      microGrids: authenticated,
      buildings: authenticated,
      buildingUnits: authenticated,
    },
    Mutation: {
      createStreet: platformAdmin,
      updateStreet: admin,
      createCommunity: admin,
      updateCommunity: admin,
      createGrid: admin,
      updateGrid: admin,
      createMicroGrid: admin,
      updateMicroGrid: admin,
      createBuilding: admin,
      updateBuilding: admin,
      createBuildingUnit: admin,
      updateBuildingUnit: admin,
      splitGrid: admin,
      mergeGrids: admin,
    },
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
    MicroGridConnection: authenticated,
    MicroGridEdge: authenticated,
    Building: authenticated,
    BuildingConnection: authenticated,
    BuildingEdge: authenticated,
    BuildingUnit: authenticated,
    BuildingUnitConnection: authenticated,
    BuildingUnitEdge: authenticated,
    SplitGridPayload: authenticated,
    MergeGridsPayload: authenticated,
  },
  nodes: {
    Street: getStreet,
    Community: getCommunity,
    Grid: readGrid,
    MicroGrid: getMicroGrid,
    Building: getBuilding,
    BuildingUnit: getBuildingUnit,
  },
  seed: seedTerritory,
};
