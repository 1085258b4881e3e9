import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { LegalAdviserKind, LegalDisputeType, LegalMediationStatus, LegalPartyRole } from './legal.entities';

@InputType({ description: 'Filter for legal advisers.' })
export class LegalAdviserFilter {
  @Field(() => ID, { nullable: true, description: 'Only advisers of this grid.' })
  gridId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only those still serving.' })
  activeOnly?: boolean | null;
}

@InputType({ description: 'Filter for mediations.' })
export class LegalMediationFilter {
  @Field(() => ID, { nullable: true, description: 'Only mediations of this grid.' })
  gridId?: string | null;

  @Field(() => LegalMediationStatus, { nullable: true, description: 'Only in this status.' })
  status?: LegalMediationStatus | null;

  @Field(() => LegalDisputeType, { nullable: true, description: 'Only this kind of dispute.' })
  disputeType?: LegalDisputeType | null;
}

@InputType({ description: 'A new legal adviser of a grid.' })
export class AddLegalAdviserInput {
  @Field(() => ID, { description: 'The grid (the legal module must be enabled there).' })
  gridId!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => LegalAdviserKind, { description: 'Who they are.' })
  kind!: LegalAdviserKind;

  @Field(() => String, { nullable: true, description: 'Law firm, office or unit.' })
  organization?: string | null;
}

@InputType({ description: 'A party to a mediation.' })
export class LegalPartyInput {
  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => LegalPartyRole, { description: 'Role.' })
  role!: LegalPartyRole;
}

@InputType({ description: 'A dispute taken on for mediation.' })
export class OpenLegalMediationInput {
  @Field(() => ID, { description: 'The grid.' })
  gridId!: string;

  @Field(() => LegalDisputeType, { description: 'Kind of dispute.' })
  disputeType!: LegalDisputeType;

  @Field(() => String, { description: 'What the dispute is about.' })
  summary!: string;

  @Field(() => [LegalPartyInput], { description: 'The parties (at least two, one an applicant).' })
  parties!: LegalPartyInput[];

  @Field(() => ID, { nullable: true, description: 'The mediator, a legal adviser of the grid.' })
  mediatorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The case it came in as, on the same grid.' })
  caseId?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When it was taken on; default: today.' })
  openedOn?: string | null;
}

@InputType({ description: 'The parties withdraw a mediation.' })
export class WithdrawLegalMediationInput {
  @Field(() => ID, { description: 'The mediation.' })
  id!: string;

  @Field(() => String, { description: 'Why.' })
  reason!: string;
}
