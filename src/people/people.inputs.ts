import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { OrganizationKind } from './organization.entity';
import { Gender, ResidencyType } from './resident.entity';
import { ResidentTagKind } from './resident-tag.entity';

@InputType({ description: 'Filter for households; every condition given must hold.' })
export class HouseholdFilter {
  @Field(() => ID, { nullable: true, description: 'Only households of this grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only households of this community.' })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only households in this building.' })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only households in this building unit.' })
  unitId?: string | null;
}

@InputType({ description: 'Filter for residents; every condition given must hold.' })
export class ResidentFilter {
  @Field(() => ID, { nullable: true, description: 'Only residents of this grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only residents of this community.' })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only residents living in this building.' })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only members of this household.' })
  householdId?: string | null;

  @Field(() => [ResidentTagKind], {
    nullable: true,
    description:
      'Only residents carrying at least one of these tags. Sensitive tags (DISABLED, LOW_INCOME, ' +
      'SPECIAL_HARDSHIP) may be used only by administrators and grid chiefs; others get FORBIDDEN.',
  })
  tags?: ResidentTagKind[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only residents with at least one sensitive tag (needing support); false: only those without.',
  })
  needsSupport?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Only residents at least this old today (full years, China time); residents without a birth date never match.',
  })
  ageMin?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Only residents at most this old today (full years, China time); residents without a birth date never match.',
  })
  ageMax?: number | null;

  @Field(() => ResidencyType, { nullable: true, description: 'Only residents of this residency.' })
  residency?: ResidencyType | null;

  @Field(() => String, { nullable: true, description: 'Only residents whose name starts with this text.' })
  namePrefix?: string | null;
}

@InputType({ description: 'Filter for organizations; every condition given must hold.' })
export class OrganizationFilter {
  @Field(() => OrganizationKind, { nullable: true, description: 'Only organizations of this kind.' })
  kind?: OrganizationKind | null;

  @Field(() => ID, { nullable: true, description: 'Only organizations of this grid.' })
  gridId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only organizations of this community (its grids and the community level).',
  })
  communityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text.' })
  nameContains?: string | null;
}

@InputType({ description: 'A new household in a grid, optionally in one of its buildings and units.' })
export class CreateHouseholdInput {
  @Field(() => ID, { description: 'The grid.' })
  gridId!: string;

  @Field(() => ID, { nullable: true, description: 'A building of that grid.' })
  buildingId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A unit of that building (the building is taken from the unit when not given).',
  })
  unitId?: string | null;

  @Field(() => String, { description: 'Address as written on the ledger (1–300 characters).' })
  address!: string;

  @Field(() => String, { nullable: true, description: 'Household number (户号), up to 64 characters.' })
  householdNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Room (房号), up to 32 characters.' })
  room?: string | null;
}

@InputType({
  description:
    'Changes to a household; omitted fields stay as they are, null clears. Its residents follow a new building or unit.',
})
export class UpdateHouseholdInput {
  @Field(() => ID, {
    nullable: true,
    description: 'A building of the household’s grid; null clears (and clears the unit).',
  })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A unit of the household’s grid; null clears.' })
  unitId?: string | null;

  @Field(() => String, { nullable: true, description: 'Address (cannot be cleared).' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Household number (户号).' })
  householdNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Room (房号).' })
  room?: string | null;
}

@InputType({
  description:
    'A new resident. Give a household (the grid, building and unit are the household’s) or a grid ' +
    '(optionally with a building and unit of it). Only the name is required: residents may refuse the rest.',
})
export class CreateResidentInput {
  @Field(() => ID, { nullable: true, description: 'The household the resident belongs to.' })
  householdId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The grid, when there is no household.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A building of the grid, when there is no household.' })
  buildingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A unit of the grid, when there is no household.' })
  unitId?: string | null;

  @Field(() => String, { description: 'Name, 1–50 characters.' })
  name!: string;

  @Field(() => Gender, { nullable: true, description: 'Gender; taken from the ID number when not given.' })
  gender?: Gender | null;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description:
      'Date of birth; taken from the ID number when not given, and must agree with it when both are.',
  })
  birthDate?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      '18-character resident ID number (GB 11643, check character 0-9 or X). Never shown unmasked.',
  })
  idNumber?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Mobile (1[3-9] and 9 digits) or landline (0 + area code, optional "-", 7–8 digits).',
  })
  phone?: string | null;

  @Field(() => ResidencyType, { nullable: true, description: 'Residency.' })
  residency?: ResidencyType | null;

  @Field(() => String, {
    nullable: true,
    description: 'Relation to the head of household, up to 32 characters.',
  })
  relationToHead?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The resident declined to give optional information.',
  })
  refusedInfo?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why they declined, up to 100 characters (implies refusedInfo).',
  })
  refusalReason?: string | null;

  @Field(() => [ResidentTagKind], {
    nullable: true,
    description: 'Tags; sensitive ones only by administrators and grid chiefs.',
  })
  tags?: ResidentTagKind[] | null;
}

@InputType({ description: 'Changes to a resident; omitted fields stay as they are, null clears.' })
export class UpdateResidentInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Move to this household (its grid, building and unit follow); null leaves the household.',
  })
  householdId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Building of the resident’s grid, for residents without a household.',
  })
  buildingId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Unit of the resident’s grid, for residents without a household.',
  })
  unitId?: string | null;

  @Field(() => String, { nullable: true, description: 'Name (cannot be cleared).' })
  name?: string | null;

  @Field(() => Gender, { nullable: true, description: 'Gender.' })
  gender?: Gender | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Date of birth.' })
  birthDate?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Resident ID number; a new one also sets birth date and gender unless they are given.',
  })
  idNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone.' })
  phone?: string | null;

  @Field(() => ResidencyType, { nullable: true, description: 'Residency.' })
  residency?: ResidencyType | null;

  @Field(() => String, { nullable: true, description: 'Relation to the head of household.' })
  relationToHead?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The resident declined to give optional information.',
  })
  refusedInfo?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why they declined, up to 100 characters (implies refusedInfo).',
  })
  refusalReason?: string | null;
}

@InputType({
  description: 'A new organization, in a grid or at community level (give one of gridId or communityId).',
})
export class CreateOrganizationInput {
  @Field(() => ID, { nullable: true, description: 'The grid it sits in.' })
  gridId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The community, for organizations serving the whole community.',
  })
  communityId?: string | null;

  @Field(() => String, { description: 'Name, 1–200 characters.' })
  name!: string;

  @Field(() => OrganizationKind, { description: 'Kind.' })
  kind!: OrganizationKind;

  @Field(() => String, {
    nullable: true,
    description: 'Unified social credit code (统一社会信用代码, 18 characters, GB 32100 check character).',
  })
  creditCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Address, up to 300 characters.' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact person, up to 50 characters.' })
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact phone (mobile or landline). Shown masked.' })
  contactPhone?: string | null;
}

@InputType({ description: 'Changes to an organization; omitted fields stay as they are, null clears.' })
export class UpdateOrganizationInput {
  @Field(() => String, { nullable: true, description: 'Name (cannot be cleared).' })
  name?: string | null;

  @Field(() => OrganizationKind, { nullable: true, description: 'Kind (cannot be cleared).' })
  kind?: OrganizationKind | null;

  @Field(() => String, { nullable: true, description: 'Unified social credit code.' })
  creditCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Address.' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact person.' })
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact phone.' })
  contactPhone?: string | null;
}
