import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { CaseScale, CaseSource } from '../../src/cases';
import {
  HeartBridgeChannel,
  HeartBridgeConcernKind,
  HeartBridgeConcernStatus,
  HeartBridgeMood,
  HeartBridgeSentimentTopic,
} from './heart-bridge.entities';

@InputType({ description: 'Filter for concerns (三事).' })
export class HeartBridgeConcernFilter {
  @Field(() => ID, { nullable: true, description: 'Only concerns of this grid.' })
  gridId?: string | null;

  @Field(() => HeartBridgeConcernKind, { nullable: true, description: 'Only this kind.' })
  kind?: HeartBridgeConcernKind | null;

  @Field(() => HeartBridgeConcernStatus, { nullable: true, description: 'Only in this status.' })
  status?: HeartBridgeConcernStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only those raised by this resident.' })
  residentId?: string | null;
}

@InputType({ description: 'Filter for the sentiment ledger.' })
export class HeartBridgeSentimentFilter {
  @Field(() => ID, { nullable: true, description: 'Only entries of this grid.' })
  gridId?: string | null;

  @Field(() => HeartBridgeSentimentTopic, { nullable: true, description: 'Only this topic.' })
  topic?: HeartBridgeSentimentTopic | null;

  @Field(() => HeartBridgeMood, { nullable: true, description: 'Only this mood.' })
  mood?: HeartBridgeMood | null;
}

@InputType({ description: 'A concern a resident of the grid raises.' })
export class RaiseHeartBridgeConcernInput {
  @Field(() => ID, { description: 'The grid (the heart-bridge module must be enabled there).' })
  gridId!: string;

  @Field(() => HeartBridgeConcernKind, { description: '操心事, 烦心事 or 揪心事.' })
  kind!: HeartBridgeConcernKind;

  @Field(() => ID, { description: 'The resident raising it, of the same grid.' })
  residentId!: string;

  @Field(() => String, { description: 'Short title (≤ 100 characters).' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What it is about (≤ 1000 characters).' })
  description?: string | null;

  @Field(() => HeartBridgeChannel, { nullable: true, description: 'How it reached the grid; default VISIT.' })
  channel?: HeartBridgeChannel | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When it was raised; default today.' })
  raisedOn?: string | null;
}

@InputType({ description: 'A concern handled on the grid.' })
export class ResolveHeartBridgeConcernInput {
  @Field(() => ID, { description: 'The concern (open, not turned into a case).' })
  id!: string;

  @Field(() => String, { description: 'What was done (≤ 2000 characters).' })
  resolution!: string;
}

@InputType({ description: 'Turn a concern into a case of the closed loop.' })
export class TurnHeartBridgeConcernIntoCaseInput {
  @Field(() => ID, { description: 'The concern (open, not yet a case).' })
  id!: string;

  @Field(() => ID, { description: 'Category of the case (see `caseCategories`).' })
  categoryId!: string;

  @Field(() => CaseScale, { nullable: true, description: 'Scale; default: the category’s.' })
  scale?: CaseScale | null;

  @Field(() => CaseSource, {
    nullable: true,
    description: 'Source of the case; default RESIDENT (居民自报), the resident raised it.',
  })
  source?: CaseSource | null;

  @Field(() => String, { nullable: true, description: 'Case description; default: the concern’s.' })
  description?: string | null;
}

@InputType({ description: 'An entry of the sentiment ledger (民情台账).' })
export class RecordHeartBridgeSentimentInput {
  @Field(() => ID, { description: 'The grid.' })
  gridId!: string;

  @Field(() => HeartBridgeSentimentTopic, { description: 'What it is about.' })
  topic!: HeartBridgeSentimentTopic;

  @Field(() => HeartBridgeMood, { description: 'The mood it was voiced in.' })
  mood!: HeartBridgeMood;

  @Field(() => String, { description: 'The opinion, as heard (≤ 1000 characters).' })
  opinion!: string;

  @Field(() => ID, { nullable: true, description: 'The resident voicing it, of the same grid.' })
  residentId?: string | null;

  @Field(() => Int, { nullable: true, description: 'How many residents voiced it (1–500); default 1.' })
  voices?: number | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When it was heard; default today.' })
  recordedOn?: string | null;
}
