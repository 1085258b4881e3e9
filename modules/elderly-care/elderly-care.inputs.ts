import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { ElderlyCareHelperKind, ElderlyCareLiving } from './elderly-care.entities';

@InputType({ description: 'Filter for elderly profiles.' })
export class ElderlyCareProfileFilter {
  @Field(() => ID, { nullable: true, description: 'Only profiles of this grid.' })
  gridId?: string | null;

  @Field(() => ElderlyCareLiving, { nullable: true, description: 'Only this living situation.' })
  living?: ElderlyCareLiving | null;

  @Field(() => Boolean, { nullable: true, description: 'Only those who need care (true) or not (false).' })
  needsCare?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Include closed profiles (default: active only).' })
  includeEnded?: boolean | null;
}

@InputType({ description: 'Filter for helper pairings.' })
export class ElderlyCarePairingFilter {
  @Field(() => ID, { nullable: true, description: 'Only pairings of this grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only pairings of this elderly person.' })
  profileId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include ended pairings (default: active only).' })
  includeEnded?: boolean | null;
}

@InputType({ description: 'Register an elderly resident of the grid.' })
export class RegisterElderlyCareProfileInput {
  @Field(() => ID, { description: 'The resident; the profile belongs to their grid.' })
  residentId!: string;

  @Field(() => ElderlyCareLiving, { description: 'How they live.' })
  living!: ElderlyCareLiving;

  @Field(() => Boolean, { nullable: true, description: 'Needs care in daily life (default: false).' })
  needsCare?: boolean | null;

  @Field(() => String, { nullable: true, description: 'What help they need.' })
  careNeeds?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Registration date; default: today.' })
  registeredOn?: string | null;
}

@InputType({ description: 'Changes to an elderly profile; omitted fields stay as they are.' })
export class UpdateElderlyCareProfileInput {
  @Field(() => ID, { description: 'The profile.' })
  id!: string;

  @Field(() => ElderlyCareLiving, { nullable: true, description: 'How they live.' })
  living?: ElderlyCareLiving | null;

  @Field(() => Boolean, { nullable: true, description: 'Needs care in daily life.' })
  needsCare?: boolean | null;

  @Field(() => String, { nullable: true, description: 'What help they need; null clears.' })
  careNeeds?: string | null;
}

@InputType({ description: 'Close an elderly profile.' })
export class EndElderlyCareProfileInput {
  @Field(() => ID, { description: 'The profile.' })
  id!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Closing date; default: today.' })
  endedOn?: string | null;

  @Field(() => String, { description: 'Why (moved away, passed away...).' })
  reason!: string;
}

@InputType({ description: 'A new helper pairing (结对帮扶).' })
export class CreateElderlyCarePairingInput {
  @Field(() => ID, { description: 'The elderly profile.' })
  profileId!: string;

  @Field(() => ElderlyCareHelperKind, { description: 'Who the helper is.' })
  helperKind!: ElderlyCareHelperKind;

  @Field(() => String, { nullable: true, description: "Helper's name; default: the resident's name." })
  helperName?: string | null;

  @Field(() => ID, { nullable: true, description: 'The helper, when they live on the same grid.' })
  helperResidentId?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Start; default: today.' })
  startedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'What the helper does.' })
  note?: string | null;
}

@InputType({ description: 'End a helper pairing.' })
export class EndElderlyCarePairingInput {
  @Field(() => ID, { description: 'The pairing.' })
  id!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'End; default: today.' })
  endedOn?: string | null;
}
