import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Switch a module on for a grid.' })
export class EnableModuleInput {
  @Field(() => ID, { description: 'The grid.' })
  gridId!: string;

  @Field(() => String, { description: 'Module id, e.g. "elderly-care" (see `modules`).' })
  moduleId!: string;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'Settings to set, by name; the rest keep their defaults (or, on re-enabling, their previous values).',
  })
  settings?: Record<string, unknown> | null;
}

@InputType({ description: 'Change some settings of a module on a grid.' })
export class UpdateModuleSettingsInput {
  @Field(() => ID, { description: 'The grid.' })
  gridId!: string;

  @Field(() => String, { description: 'Module id.' })
  moduleId!: string;

  @Field(() => GraphQLJSONObject, {
    description: 'Settings to change, by name; others stay as they are; null resets one to its default.',
  })
  settings!: Record<string, unknown>;
}

@InputType({ description: 'Switch a module off for a grid; its records stay readable.' })
export class DisableModuleInput {
  @Field(() => ID, { description: 'The grid.' })
  gridId!: string;

  @Field(() => String, { description: 'Module id.' })
  moduleId!: string;

  @Field(() => String, { nullable: true, description: 'Why (kept with the enablement history).' })
  reason?: string | null;
}

@InputType({ description: 'Filter for the activity feed of a grid.' })
export class GridActivityFilter {
  @Field(() => String, { nullable: true, description: 'Only activities of this module.' })
  moduleId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this kind, e.g. "legal.lecture".' })
  kind?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only activities at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only activities before this time.' })
  to?: Date | null;
}

@InputType({ description: 'Filter for the activity feed.' })
export class ActivityFilter extends GridActivityFilter {
  @Field(() => ID, { nullable: true, description: 'Only this grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only grids of this community.' })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only grids of this street.' })
  streetId?: string | null;
}

@InputType({ description: 'The territory node a metric is computed for: exactly one of the three.' })
export class MetricScopeInput {
  @Field(() => ID, { nullable: true, description: 'A grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A community (all its grids).' })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A street (all its grids).' })
  streetId?: string | null;
}

@InputType({ description: 'A half-open period [from, to).' })
export class PeriodInput {
  @Field(() => Date, { description: 'Start (included).' })
  from!: Date;

  @Field(() => Date, { description: 'End (excluded).' })
  to!: Date;
}
