import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, ID, InputType } from 'type-graphql';
import { LivelihoodPhase, LivelihoodScopeItemKind } from './livelihood.entities';

@InputType({ description: 'Filter for renovation projects.' })
export class LivelihoodProjectFilter {
  @Field(() => ID, { nullable: true, description: 'Only projects of this grid.' })
  gridId?: string | null;

  @Field(() => LivelihoodPhase, { nullable: true, description: 'Only projects now in this phase.' })
  phase?: LivelihoodPhase | null;
}

@InputType({ description: 'One kind of work in a renovation project.' })
export class LivelihoodScopeItemInput {
  @Field(() => LivelihoodScopeItemKind, { description: 'The kind of work (each at most once).' })
  item!: LivelihoodScopeItemKind;

  @Field(() => Float, { nullable: true, description: 'How much, in the unit of the kind (米 or 平方米).' })
  quantity?: number | null;

  @Field(() => String, { nullable: true, description: 'Notes.' })
  note?: string | null;
}

@InputType({ description: 'A new renovation project of a grid.' })
export class CreateLivelihoodProjectInput {
  @Field(() => ID, { description: 'The grid (the livelihood module must be enabled there).' })
  gridId!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the project does and why.' })
  summary?: string | null;

  @Field(() => [LivelihoodScopeItemInput], { description: 'The work it covers (at least one kind).' })
  scope!: LivelihoodScopeItemInput[];

  @Field(() => [ID], { nullable: true, description: 'Buildings of the same grid it covers.' })
  buildingIds?: string[] | null;

  @Field(() => LivelihoodPhase, {
    nullable: true,
    description: 'The phase it is in when registered (default DEMOLISH, the first).',
  })
  phase?: LivelihoodPhase | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When it started; default: today.' })
  startedOn?: string | null;
}

@InputType({
  description: 'Changes to a renovation project; the phase changes with recordLivelihoodPhaseChange.',
})
export class UpdateLivelihoodProjectInput {
  @Field(() => ID, { description: 'The project.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New summary.' })
  summary?: string | null;

  @Field(() => [LivelihoodScopeItemInput], { nullable: true, description: 'The whole new scope.' })
  scope?: LivelihoodScopeItemInput[] | null;

  @Field(() => [ID], { nullable: true, description: 'The whole new list of buildings ([] for none).' })
  buildingIds?: string[] | null;
}
