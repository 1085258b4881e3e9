import { Field, ID, InputType, Int } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { GridStatus } from './grid.entity';

@InputType({ description: 'A new street.' })
export class CreateStreetInput {
  @Field(() => String, { description: 'Unique code.' })
  code!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;
}

@InputType({ description: 'A new community of a street.' })
export class CreateCommunityInput {
  @Field(() => ID, { description: 'The street.' })
  streetId!: string;

  @Field(() => String, { description: 'Unique code.' })
  code!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;
}

@InputType({ description: 'A new grid of a community.' })
export class CreateGridInput {
  @Field(() => ID, { description: 'The community.' })
  communityId!: string;

  @Field(() => String, { description: 'Unique code.' })
  code!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => Int, { nullable: true, description: 'Target household count.' })
  targetHouseholds?: number | null;

  @Field(() => String, { nullable: true, description: 'Primary module id (theme).' })
  theme?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'GeoJSON Polygon or MultiPolygon.' })
  boundary?: Record<string, unknown> | null;
}

@InputType({ description: 'Changes to a grid; omitted fields stay as they are, null clears.' })
export class UpdateGridInput {
  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => Int, { nullable: true, description: 'Target household count.' })
  targetHouseholds?: number | null;

  @Field(() => String, { nullable: true, description: 'Primary module id (theme).' })
  theme?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'GeoJSON Polygon or MultiPolygon.' })
  boundary?: Record<string, unknown> | null;
}

@InputType({ description: 'Filter for communities.' })
export class CommunityFilter {
  @Field(() => ID, { nullable: true, description: 'Only communities of this street.' })
  streetId?: string | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text.' })
  nameContains?: string | null;
}

@InputType({ description: 'Filter for grids.' })
export class GridFilter {
  @Field(() => ID, { nullable: true, description: 'Only grids of this community.' })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only grids of this street.' })
  streetId?: string | null;

  @Field(() => GridStatus, { nullable: true, description: 'Only grids in this status (default: any).' })
  status?: GridStatus | null;

  @Field(() => String, { nullable: true, description: 'Only grids with this primary theme (module id).' })
  theme?: string | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text.' })
  nameContains?: string | null;
}

@InputType({ description: 'Changes to a street; omitted fields stay as they are.' })
export class UpdateStreetInput {
  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;
}

@InputType({ description: 'Changes to a community; omitted fields stay as they are.' })
export class UpdateCommunityInput {
  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;
}

@InputType({ description: 'A new micro-grid of a grid.' })
export class CreateMicroGridInput {
  @Field(() => ID, { description: 'The grid (must be in use).' })
  gridId!: string;

  @Field(() => String, { description: 'Code, unique within the grid.' })
  code!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;
}

@InputType({ description: 'Changes to a micro-grid; omitted fields stay as they are.' })
export class UpdateMicroGridInput {
  @Field(() => String, { nullable: true, description: 'New code, unique within the grid.' })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;
}

@InputType({ description: 'Filter for micro-grids.' })
export class MicroGridFilter {
  @Field(() => ID, { nullable: true, description: 'Only micro-grids of this grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only micro-grids of this community.' })
  communityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text.' })
  nameContains?: string | null;
}

@InputType({ description: 'A new building in a grid.' })
export class CreateBuildingInput {
  @Field(() => ID, { description: 'The grid (must be in use).' })
  gridId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'A micro-grid of that grid, if the building belongs to one.',
  })
  microGridId?: string | null;

  @Field(() => String, { description: 'Name or number, e.g. "3号楼".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Street address.' })
  address?: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of floors (1–200).' })
  floors?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether people live in it (default true).' })
  residential?: boolean | null;
}

@InputType({
  description:
    'Changes to a building; omitted fields stay as they are, null clears. A building changes grid only by re-gridding.',
})
export class UpdateBuildingInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Move the building to this micro-grid of its grid; null takes it out of any micro-grid.',
  })
  microGridId?: string | null;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Street address.' })
  address?: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of floors (1–200).' })
  floors?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether people live in it.' })
  residential?: boolean | null;
}

@InputType({ description: 'Filter for buildings.' })
export class BuildingFilter {
  @Field(() => ID, { nullable: true, description: 'Only buildings of this grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only buildings of this micro-grid.' })
  microGridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only buildings of this community.' })
  communityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text.' })
  nameContains?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only residential (true) or other (false) buildings.',
  })
  residential?: boolean | null;
}

@InputType({ description: 'A new unit (entrance) of a building.' })
export class CreateBuildingUnitInput {
  @Field(() => ID, { description: 'The building.' })
  buildingId!: string;

  @Field(() => String, { description: 'Name, unique within the building, e.g. "1单元".' })
  name!: string;
}

@InputType({ description: 'Changes to a building unit; omitted fields stay as they are.' })
export class UpdateBuildingUnitInput {
  @Field(() => String, { nullable: true, description: 'New name, unique within the building.' })
  name?: string | null;
}

@InputType({ description: 'Filter for building units.' })
export class BuildingUnitFilter {
  @Field(() => ID, { nullable: true, description: 'Only units of this building.' })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only units of this grid.' })
  gridId?: string | null;
}

@InputType({ description: 'One new grid of a split, and the buildings it takes over.' })
export class SplitGridPartInput {
  @Field(() => String, { description: 'Unique code of the new grid.' })
  code!: string;

  @Field(() => String, { description: 'Name of the new grid.' })
  name!: string;

  @Field(() => Int, { nullable: true, description: 'Target household count.' })
  targetHouseholds?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Primary module id (theme); default: the theme of the grid being split.',
  })
  theme?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'GeoJSON Polygon or MultiPolygon.' })
  boundary?: Record<string, unknown> | null;

  @Field(() => [ID], {
    description:
      'Buildings of the old grid this part takes over. Every building of the old grid must be named by exactly one part.',
  })
  buildingIds!: string[];

  @Field(() => [ID], {
    nullable: true,
    description:
      'Micro-grids this part takes over. Needed only for micro-grids without buildings: the others follow their buildings.',
  })
  microGridIds?: string[] | null;
}

@InputType({ description: 'The grid that replaces the merged grids.' })
export class MergeGridsInput {
  @Field(() => String, { description: 'Unique code of the new grid.' })
  code!: string;

  @Field(() => String, { description: 'Name of the new grid.' })
  name!: string;

  @Field(() => Int, { nullable: true, description: 'Target household count.' })
  targetHouseholds?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Primary module id (theme); default: the theme the merged grids share, if they share one.',
  })
  theme?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'GeoJSON Polygon or MultiPolygon.' })
  boundary?: Record<string, unknown> | null;
}
