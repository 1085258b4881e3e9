import { Field, ID, InputType } from 'type-graphql';
import { CivilityReportKind, CivilityReportStatus } from './civility.entities';

@InputType({ description: 'Filter for uncivil-behaviour reports.' })
export class CivilityReportFilter {
  @Field(() => ID, { nullable: true, description: 'Only reports of this grid.' })
  gridId?: string | null;

  @Field(() => CivilityReportKind, { nullable: true, description: 'Only this kind of behaviour.' })
  kind?: CivilityReportKind | null;

  @Field(() => CivilityReportStatus, { nullable: true, description: 'Only open or only resolved ones.' })
  status?: CivilityReportStatus | null;
}

@InputType({ description: 'Uncivil behaviour seen on a grid.' })
export class CreateCivilityReportInput {
  @Field(() => ID, { description: 'The grid (the civility module must be enabled there).' })
  gridId!: string;

  @Field(() => CivilityReportKind, { description: 'What kind of behaviour.' })
  kind!: CivilityReportKind;

  @Field(() => String, { description: 'What was seen.' })
  description!: string;

  @Field(() => String, { description: 'Where.' })
  location!: string;

  @Field(() => ID, { nullable: true, description: 'The building of the same grid where it happened.' })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The resident of the same grid who reported it.' })
  reporterId?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was reported; default: now.' })
  reportedAt?: Date | null;
}

@InputType({ description: 'A follow-up of an open report.' })
export class AddCivilityReportFollowUpInput {
  @Field(() => ID, { description: 'The report.' })
  id!: string;

  @Field(() => String, { description: 'What was done or found (劝导、整改、复查).' })
  note!: string;

  @Field(() => Date, { nullable: true, description: 'When; default: now.' })
  at?: Date | null;
}

@InputType({ description: 'How an open report was resolved.' })
export class ResolveCivilityReportInput {
  @Field(() => ID, { description: 'The report.' })
  id!: string;

  @Field(() => String, { description: 'How it was resolved.' })
  resolution!: string;

  @Field(() => Date, { nullable: true, description: 'When; default: now.' })
  resolvedAt?: Date | null;
}
