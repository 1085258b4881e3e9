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
