import {
  Arg,
  Ctx,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  registerEnumType,
  Resolver,
} from 'type-graphql';
import { ScopeLevel } from '../auth/roles';
import { requireViewer } from '../auth/viewer';
import { badInput, notFound } from '../graphql/errors';
import { fromGlobalId, fromOptionalGlobalId, toGlobalId } from '../graphql/global-id';
import { Gender, ResidencyType, ResidentTagKind } from '../people';
import { ResidentFilter } from '../people/people.inputs';
import { PersonalField } from '../people/reveal.resolver';
import type { RequestContext } from '../server/context';
import { Community } from '../territory';
import {
  MAX_UPSERT_ROWS,
  upsertHouseholds,
  upsertResidents,
  UpsertStatus,
  type RowProblem,
  type UpsertSummary,
} from './people-upsert.service';
import { requestResidentExport } from './resident-export.service';
import { importResidentSheet, type SheetImportResult } from './resident-sheet';

registerEnumType(UpsertStatus, {
  name: 'UpsertStatus',
  description: 'What an upsert did with one row.',
  valuesConfig: {
    CREATED: { description: '新建 a new record was created' },
    UPDATED: { description: '更新 the record existed and changed' },
    UNCHANGED: { description: '未变 the record existed and already said the same' },
    ERROR: { description: '错误 the row was refused; nothing of it was written' },
  },
});

@ObjectType('UpsertRowError', { description: 'Why a row was refused.' })
export class UpsertRowError {
  @Field(() => String, { description: 'Dotted path of the bad input, e.g. "rows.3.idNumber".' })
  field!: string;

  @Field(() => String, {
    description: 'Error code, as in `extensions.code` (BAD_USER_INPUT, CONFLICT, ...).',
  })
  code!: string;

  @Field(() => String, { description: 'The reason, in the request’s language. Never repeats personal data.' })
  message!: string;
}

@ObjectType('UpsertRowResult', { description: 'The outcome of one row, in the order sent.' })
export class UpsertRowResult {
  @Field(() => Int, { description: 'Position of the row in `rows` (0-based).' })
  index!: number;

  @Field(() => String, { nullable: true, description: 'The row’s external id.' })
  externalId!: string | null;

  @Field(() => UpsertStatus, { description: 'What was done.' })
  status!: UpsertStatus;

  @Field(() => ID, { nullable: true, description: 'Global id of the record (null for ERROR).' })
  id!: string | null;

  @Field(() => [String], {
    description: 'Fields given (CREATED) or changed (UPDATED); empty otherwise.',
  })
  changed!: string[];

  @Field(() => UpsertRowError, { nullable: true, description: 'Why the row was refused (ERROR only).' })
  error!: UpsertRowError | null;
}

@ObjectType('UpsertResult', { description: 'Per-row results of an upsert, with counts.' })
export class UpsertResult {
  @Field(() => [UpsertRowResult], { description: 'One result per row, in the order sent.' })
  results!: UpsertRowResult[];

  @Field(() => Int, { description: 'Rows created.' })
  created!: number;

  @Field(() => Int, { description: 'Rows updated.' })
  updated!: number;

  @Field(() => Int, { description: 'Rows that changed nothing.' })
  unchanged!: number;

  @Field(() => Int, { description: 'Rows refused.' })
  errors!: number;
}

@InputType('HouseholdUpsertRow', {
  description:
    'A household by your own id. Its place: `gridCode`, or `communityCode` with `building` (number or ' +
    'name, e.g. "3" or "3号楼"); `unit` ("1" or "1单元") needs the building. On update, omitted or null ' +
    'fields stay as they are.',
})
export class HouseholdUpsertRow {
  @Field(() => String, { description: 'Your id for the household (1–128 characters), unique per source.' })
  externalId!: string;

  @Field(() => String, { nullable: true, description: 'Community code, e.g. "SQ0101".' })
  communityCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Grid code, e.g. "SQ0101-01".' })
  gridCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Building number or name (楼栋).' })
  building?: string | null;

  @Field(() => String, { nullable: true, description: 'Unit of the building (单元).' })
  unit?: string | null;

  @Field(() => String, { nullable: true, description: 'Room (房号), up to 32 characters.' })
  room?: string | null;

  @Field(() => String, { nullable: true, description: 'Household number (户号), up to 64 characters.' })
  householdNumber?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Address; made from building, unit and room when not given.',
  })
  address?: string | null;
}

@InputType('ResidentUpsertRow', {
  description:
    'A resident by your own id: in a household (`householdExternalId`, of the same source) or placed ' +
    'directly (`gridCode`, or `communityCode` with `building`). Only the name is required. On update, ' +
    'omitted or null fields stay as they are. A resident registered earlier without an external id is ' +
    'linked by ID number.',
})
export class ResidentUpsertRow {
  @Field(() => String, { description: 'Your id for the resident (1–128 characters), unique per source.' })
  externalId!: string;

  @Field(() => String, { nullable: true, description: 'External id of the household (same source).' })
  householdExternalId?: string | null;

  @Field(() => String, { nullable: true, description: 'Community code, without a household.' })
  communityCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Grid code, without a household.' })
  gridCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Building number or name, without a household.' })
  building?: string | null;

  @Field(() => String, { nullable: true, description: 'Unit, without a household.' })
  unit?: string | null;

  @Field(() => String, { description: 'Name, 1–50 characters.' })
  name!: string;

  @Field(() => Gender, { nullable: true, description: 'Gender; taken from the ID number when not given.' })
  gender?: Gender | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Date of birth, YYYY-MM-DD; must agree with the ID number. Text, so that one malformed date refuses its row, not the batch.',
  })
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Resident ID number (GB 11643). Never echoed.' })
  idNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Mobile or landline. Never echoed.' })
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
    description: 'Why they declined, up to 100 characters (implies refusedInfo); null keeps the stored one.',
  })
  refusalReason?: string | null;

  @Field(() => [ResidentTagKind], {
    nullable: true,
    description:
      'The complete list of tags (replaces the ones you may see); sensitive ones only by administrators and grid chiefs. Null leaves tags as they are.',
  })
  tags?: ResidentTagKind[] | null;
}

@InputType('HeaderMappingInput', { description: 'One column of a spreadsheet and the field it holds.' })
export class HeaderMappingInput {
  @Field(() => String, { description: 'The header as written in the file.' })
  header!: string;

  @Field(() => String, {
    description:
      'The field: a standard header (姓名, 身份证号, ...) or its English name (name, idNumber, ...).',
  })
  field!: string;
}

@ObjectType('ImportProblem', { description: 'Why a spreadsheet row was refused.' })
export class ImportProblem {
  @Field(() => String, { description: 'The column, as headed in the file.' })
  column!: string;

  @Field(() => String, { nullable: true, description: 'The field of that column (name, idNumber, ...).' })
  field!: string | null;

  @Field(() => String, { description: 'Error code (BAD_USER_INPUT, CONFLICT, FORBIDDEN ...).' })
  code!: string;

  @Field(() => String, { description: 'The reason, in the request’s language.' })
  message!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The cell as written, to find it; ID numbers and phones masked.',
  })
  value!: string | null;
}

@ObjectType('ImportRowResult', { description: 'The outcome of one spreadsheet row.' })
export class ImportRowResult {
  @Field(() => Int, { description: 'Row number as the spreadsheet shows it (the header row is counted).' })
  rowNumber!: number;

  @Field(() => UpsertStatus, { description: 'What was done with the resident of the row.' })
  status!: UpsertStatus;

  @Field(() => ID, { nullable: true, description: 'Global id of the resident.' })
  residentId!: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the household, when the row names one.' })
  householdId!: string | null;

  @Field(() => [ImportProblem], { description: 'Problems of a refused row.' })
  problems!: ImportProblem[];
}

@ObjectType('ResidentImportResult', { description: 'The outcome of a spreadsheet import.' })
export class ResidentImportResult {
  @Field(() => [ImportRowResult], { description: 'One result per non-blank row.' })
  rows!: ImportRowResult[];

  @Field(() => Int, { description: 'Residents created.' })
  created!: number;

  @Field(() => Int, { description: 'Residents updated.' })
  updated!: number;

  @Field(() => Int, { description: 'Rows that changed nothing.' })
  unchanged!: number;

  @Field(() => Int, { description: 'Rows refused.' })
  errors!: number;

  @Field(() => Int, { description: 'Households created.' })
  householdsCreated!: number;

  @Field(() => Int, { description: 'Households updated.' })
  householdsUpdated!: number;

  @Field(() => [String], { description: 'Columns of the file that were not imported.' })
  ignoredColumns!: string[];
}

@InputType('ExportRevealInput', {
  description: 'Reveal ID numbers and/or phones in an export; recorded in the audit log with the reason.',
})
export class ExportRevealInput {
  @Field(() => [PersonalField], { description: 'Fields to export unmasked.' })
  fields!: PersonalField[];

  @Field(() => String, { description: 'Why (4–500 characters), recorded in the audit log.' })
  reason!: string;
}

@ObjectType('ResidentExport', { description: 'A prepared residents export: download it from `url`.' })
export class ResidentExport {
  @Field(() => String, {
    description:
      'Path of the .xlsx download on this server, with a signed token (no other credentials needed): GET it before `expiresAt`.',
  })
  url!: string;

  @Field(() => Date, { description: 'When the URL stops working.' })
  expiresAt!: Date;

  @Field(() => String, { description: 'Suggested file name.' })
  filename!: string;

  @Field(() => Int, { description: 'Residents the export will hold.' })
  rowCount!: number;
}

function localized(ctx: RequestContext, e: RowProblem | null) {
  return e ? { field: e.field, code: e.code, message: e.message[ctx.locale] } : null;
}

function toUpsertResult(ctx: RequestContext, type: string, s: UpsertSummary): UpsertResult {
  return {
    ...s,
    results: s.results.map((r) => ({
      ...r,
      id: r.id ? toGlobalId(type, r.id) : null,
      error: localized(ctx, r.error),
    })),
  };
}

function toImportResult(ctx: RequestContext, s: SheetImportResult): ResidentImportResult {
  return {
    ...s,
    rows: s.rows.map((r) => ({
      ...r,
      residentId: r.residentId ? toGlobalId('Resident', r.residentId) : null,
      householdId: r.householdId ? toGlobalId('Household', r.householdId) : null,
      problems: r.problems.map((p) => ({ ...p, message: p.message[ctx.locale] })),
    })),
  };
}

/** A community the viewer works in (their jurisdiction lies inside it, or it inside theirs). */
async function importCommunity(ctx: RequestContext, id: string): Promise<Community> {
  const j = requireViewer(ctx.viewer).jurisdiction;
  const c = await ctx.em.findOne(Community, { id });
  const ok =
    !!c &&
    (j.level === ScopeLevel.PLATFORM ||
      (j.level === ScopeLevel.STREET ? c.streetId === j.streetId : c.id === j.communityId));
  if (!ok) throw notFound('Community');
  return c!;
}

@Resolver()
export class PeopleImportResolver {
  @Mutation(() => UpsertResult, {
    description:
      'Create or update up to 5,000 households by your own ids (API keys: people:write). Each row is ' +
      'atomic; sending the same rows again answers UNCHANGED and records no event.',
  })
  upsertHouseholds(
    @Ctx() ctx: RequestContext,
    @Arg('source', () => String, {
      description: 'Your system’s name, e.g. "district-pop"; ids are unique per source.',
    })
    source: string,
    @Arg('rows', () => [HouseholdUpsertRow], { description: '1 to 5,000 rows.' }) rows: HouseholdUpsertRow[],
  ): Promise<UpsertResult> {
    return upsertHouseholds(ctx, source, rows).then((s) => toUpsertResult(ctx, 'Household', s));
  }

  @Mutation(() => UpsertResult, {
    description:
      'Create or update up to 5,000 residents by your own ids (API keys: people:write). Each row is ' +
      'atomic; sending the same rows again answers UNCHANGED and records no event.',
  })
  upsertResidents(
    @Ctx() ctx: RequestContext,
    @Arg('source', () => String, { description: 'Your system’s name; ids are unique per source.' })
    source: string,
    @Arg('rows', () => [ResidentUpsertRow], { description: '1 to 5,000 rows.' }) rows: ResidentUpsertRow[],
  ): Promise<UpsertResult> {
    return upsertResidents(ctx, source, rows).then((s) => toUpsertResult(ctx, 'Resident', s));
  }

  @Mutation(() => ResidentImportResult, {
    description:
      'Import a residents spreadsheet a frontend has already read: the header row and the rows as text. ' +
      'Chinese headers (姓名, 性别, 出生日期, 身份证号, 联系电话, 网格, 楼栋, 单元, 房号, 户号, 人员类别, 标签 ...) ' +
      'are recognized; `mapping` names the fields of other layouts. Same rules as `npm run import`.',
  })
  async importResidents(
    @Ctx() ctx: RequestContext,
    @Arg('source', () => String, { description: 'Name of the ledger, e.g. "xingfu-ledger".' }) source: string,
    @Arg('communityId', () => ID, { description: 'The community the rows belong to.' }) communityId: string,
    @Arg('header', () => [String], { description: 'The header row as written.' }) header: string[],
    @Arg('rows', () => [[String]], {
      description: 'Data rows, cells as text (dates as YYYY-MM-DD or as written), at most 5,000.',
    })
    rows: (string | null)[][],
    @Arg('mapping', () => [HeaderMappingInput], {
      nullable: true,
      description: 'Header → field for layouts with other headers; each header must be in `header`.',
    })
    mapping?: HeaderMappingInput[] | null,
  ): Promise<ResidentImportResult> {
    if (rows.length > MAX_UPSERT_ROWS) {
      throw badInput('rows', {
        en: `rows: at most ${MAX_UPSERT_ROWS} rows per call`,
        zh: `rows：每次最多 ${MAX_UPSERT_ROWS} 行`,
      });
    }
    const community = await importCommunity(ctx, fromGlobalId(communityId, 'Community', 'communityId'));
    const result = await importResidentSheet(ctx, {
      source,
      communityId: community.id,
      rows: [header, ...rows],
      mapping: mapping ? Object.fromEntries(mapping.map((m) => [m.header, m.field])) : null,
    });
    return toImportResult(ctx, result);
  }

  @Mutation(() => ResidentExport, {
    description:
      'Export residents as .xlsx (community administrators and above). ID numbers and phones are masked ' +
      'unless `reveal` names them with a reason. Audited; answers with a download URL valid for 10 minutes.',
  })
  exportResidents(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ResidentFilter, { nullable: true, description: 'Which residents (as `residents`).' })
    filter?: ResidentFilter | null,
    @Arg('reveal', () => ExportRevealInput, { nullable: true, description: 'Fields to export unmasked.' })
    reveal?: ExportRevealInput | null,
  ): Promise<ResidentExport> {
    return requestResidentExport(
      ctx,
      {
        gridId: fromOptionalGlobalId(filter?.gridId, 'Grid', 'filter.gridId'),
        communityId: fromOptionalGlobalId(filter?.communityId, 'Community', 'filter.communityId'),
        buildingId: fromOptionalGlobalId(filter?.buildingId, 'Building', 'filter.buildingId'),
        householdId: fromOptionalGlobalId(filter?.householdId, 'Household', 'filter.householdId'),
        tags: filter?.tags,
        needsSupport: filter?.needsSupport,
        ageMin: filter?.ageMin,
        ageMax: filter?.ageMax,
        residency: filter?.residency,
        namePrefix: filter?.namePrefix,
      },
      reveal,
    );
  }
}
