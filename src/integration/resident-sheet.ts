import { AppError, badInput, ErrorCode, type Message } from '../graphql/errors';
import { maskIdNumber, maskPhone, ResidentTagKind } from '../people';
import { Gender, ResidencyType } from '../people/resident.entity';
import type { RequestContext } from '../server/context';
import {
  derivedExternalId,
  MAX_UPSERT_ROWS,
  upsertHouseholds,
  upsertResidents,
  UpsertStatus,
  validateResidentRow,
  type HouseholdRow,
  type OnProgress,
  type ResidentRow,
  type UpsertSummary,
} from './people-upsert.service';
import { buildingKey, unitKey } from './territory-lookup';

/*
 * The residents' ledger as community staff keep it in Excel: one row per person, Chinese column
 * headers, households implied by building, unit and room (or a household number). Shared by the
 * `npm run import` CLI and the `importResidents` mutation (for files a frontend already parsed):
 * headers are mapped to fields, cells converted, households upserted first, then residents, and
 * every problem is reported against the sheet's row number and column.
 */

export type SheetField =
  | 'externalId'
  | 'name'
  | 'gender'
  | 'birthDate'
  | 'idNumber'
  | 'phone'
  | 'grid'
  | 'building'
  | 'unit'
  | 'room'
  | 'householdNumber'
  | 'address'
  | 'relationToHead'
  | 'residency'
  | 'tags'
  | 'refusedInfo';

/** Every field with its standard Chinese header and the other headers ledgers use for it. */
export const SHEET_FIELDS: readonly { field: SheetField; header: string; aliases: string[] }[] = [
  { field: 'externalId', header: '编号', aliases: ['外部编号', '人员编号', '居民编号'] },
  { field: 'name', header: '姓名', aliases: ['名字', '居民姓名'] },
  { field: 'gender', header: '性别', aliases: [] },
  { field: 'birthDate', header: '出生日期', aliases: ['出生年月日', '生日'] },
  { field: 'idNumber', header: '身份证号', aliases: ['身份证号码', '公民身份号码', '证件号码'] },
  { field: 'phone', header: '联系电话', aliases: ['电话', '手机', '手机号', '手机号码', '联系方式'] },
  { field: 'grid', header: '网格', aliases: ['所属网格', '网格编码', '网格名称'] },
  { field: 'building', header: '楼栋', aliases: ['楼号', '楼栋号'] },
  { field: 'unit', header: '单元', aliases: ['单元号'] },
  { field: 'room', header: '房号', aliases: ['门牌号', '房间号'] },
  { field: 'householdNumber', header: '户号', aliases: ['户编号'] },
  { field: 'address', header: '地址', aliases: ['住址', '家庭住址'] },
  { field: 'relationToHead', header: '与户主关系', aliases: ['关系', '家庭关系'] },
  { field: 'residency', header: '人员类别', aliases: ['居住类型', '人口类型', '居住状态'] },
  { field: 'tags', header: '标签', aliases: ['特殊人群', '人群标签', '重点人群'] },
  { field: 'refusedInfo', header: '拒绝提供信息', aliases: ['拒填'] },
];

/** "* 姓名（必填）" and "姓名" are the same header. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s*＊:：]/g, '')
    .trim();
}

const BY_HEADER = new Map<string, SheetField>();
for (const f of SHEET_FIELDS) {
  BY_HEADER.set(f.field.toLowerCase(), f.field);
  for (const h of [f.header, ...f.aliases]) BY_HEADER.set(normalizeHeader(h), f.field);
}

/** A mapping that cannot be applied to the file: the whole import is refused, nothing written. */
export class HeaderError extends Error {
  constructor(readonly text: Message) {
    super(text.en);
  }
}

/** Column index (0-based) of each field. */
export type ColumnMap = Map<SheetField, number>;

/**
 * Maps the header row to fields. Without a mapping, headers are recognized by name (standard and
 * common alternatives); with one (`{ "file header": "field or standard header" }`), exactly its
 * headers are used and each must be in the file.
 */
export function mapHeaders(
  headers: readonly string[],
  mapping?: Record<string, string> | null,
): { columns: ColumnMap; ignored: string[] } {
  const normalized = headers.map((h) => normalizeHeader(String(h ?? '')));
  const columns: ColumnMap = new Map();
  const used = new Set<number>();
  if (mapping) {
    const missing: string[] = [];
    for (const [fileHeader, target] of Object.entries(mapping)) {
      const field = BY_HEADER.get(normalizeHeader(target)) ?? BY_HEADER.get(target.trim().toLowerCase());
      if (!field) {
        throw new HeaderError({
          en: `The mapping names an unknown field "${target}" (fields: ${SHEET_FIELDS.map((f) => f.field).join(', ')})`,
          zh: `映射文件中的字段“${target}”不存在（可用字段：${SHEET_FIELDS.map((f) => f.header).join('、')}）`,
        });
      }
      const col = normalized.indexOf(normalizeHeader(fileHeader));
      if (col < 0) {
        missing.push(fileHeader);
        continue;
      }
      if (columns.has(field)) {
        throw new HeaderError({
          en: `The mapping maps two columns to ${field}`,
          zh: `映射文件把两列映射到了同一字段“${target}”`,
        });
      }
      columns.set(field, col);
      used.add(col);
    }
    if (missing.length) {
      throw new HeaderError({
        en: `The mapping does not match the file: no column ${missing.map((m) => `"${m}"`).join(', ')} (the file has ${headers.map((h) => `"${h}"`).join(', ')})`,
        zh: `映射文件与表格不符：表格中没有列 ${missing.map((m) => `“${m}”`).join('、')}（表格的列为 ${headers.map((h) => `“${h}”`).join('、')}）`,
      });
    }
  } else {
    normalized.forEach((h, col) => {
      const field = BY_HEADER.get(h);
      if (field && !columns.has(field)) {
        columns.set(field, col);
        used.add(col);
      }
    });
  }
  if (!columns.has('name')) {
    throw new HeaderError({
      en: `No name column (姓名) found; the header row is ${headers.map((h) => `"${h}"`).join(', ')}. Use a mapping file for other layouts.`,
      zh: `未找到“姓名”列；表头为 ${headers.map((h) => `“${h}”`).join('、')}。其他格式请使用表头映射文件（--mapping）。`,
    });
  }
  const ignored = headers.filter((h, col) => !used.has(col) && String(h ?? '').trim() !== '');
  return { columns, ignored };
}

/**
 * Finds the header row among the first rows (ledgers often start with a title row): the first row
 * whose cells map to a name column and at least one other field.
 */
export function findHeaderRow(
  rows: readonly (readonly Cell[])[],
  mapping?: Record<string, string> | null,
): number {
  const limit = Math.min(rows.length, 10);
  for (let r = 0; r < limit; r++) {
    const headers = rows[r]!.map(cellText);
    try {
      if (mapHeaders(headers, mapping).columns.size >= 2) return r;
    } catch {
      // not this row
    }
  }
  return 0;
}

/** A cell as the readers give it. */
export type Cell = string | number | boolean | Date | null | undefined;

export function cellText(c: Cell): string {
  if (c == null) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
}

// ---------- cell conversion ----------

const GENDERS: Record<string, Gender> = {
  男: Gender.MALE,
  M: Gender.MALE,
  MALE: Gender.MALE,
  女: Gender.FEMALE,
  F: Gender.FEMALE,
  FEMALE: Gender.FEMALE,
};

const RESIDENCY: Record<string, ResidencyType> = {
  常住: ResidencyType.PERMANENT,
  常住人口: ResidencyType.PERMANENT,
  PERMANENT: ResidencyType.PERMANENT,
  户籍: ResidencyType.REGISTERED,
  户籍人口: ResidencyType.REGISTERED,
  REGISTERED: ResidencyType.REGISTERED,
  流动: ResidencyType.FLOATING,
  流动人口: ResidencyType.FLOATING,
  FLOATING: ResidencyType.FLOATING,
};

const TAGS: Record<string, ResidentTagKind> = {
  独居: ResidentTagKind.ELDERLY_ALONE,
  独居老人: ResidentTagKind.ELDERLY_ALONE,
  空巢: ResidentTagKind.EMPTY_NEST,
  空巢老人: ResidentTagKind.EMPTY_NEST,
  残疾: ResidentTagKind.DISABLED,
  残疾人: ResidentTagKind.DISABLED,
  低保: ResidentTagKind.LOW_INCOME,
  低保户: ResidentTagKind.LOW_INCOME,
  特困: ResidentTagKind.SPECIAL_HARDSHIP,
  特困人员: ResidentTagKind.SPECIAL_HARDSHIP,
  留守儿童: ResidentTagKind.LEFT_BEHIND_CHILD,
  失能: ResidentTagKind.NEEDS_CARE,
  失能老人: ResidentTagKind.NEEDS_CARE,
  退役军人: ResidentTagKind.VETERAN,
};
for (const k of Object.values(ResidentTagKind)) TAGS[k] = k;

const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1']);
const NO = new Set(['否', 'N', 'NO', 'FALSE', '0']);

class CellProblem extends Error {
  constructor(
    readonly field: SheetField,
    readonly text: Message,
  ) {
    super(text.en);
  }
}

/** 1990-03-07, 1990/3/7, 1990.3.7, 19900307, 1990年3月7日 and date cells → YYYY-MM-DD. */
function toDate(c: Cell): string {
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  const s = cellText(c);
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return s; // left as written: validation names the problem
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

function enumOf<T>(field: SheetField, table: Record<string, T>, c: Cell, en: string, zh: string): T {
  const s = cellText(c);
  const v = table[s] ?? table[s.toUpperCase()];
  if (v === undefined) throw new CellProblem(field, { en: `${en}`, zh });
  return v;
}

/** One sheet row, converted to what the upsert takes. */
interface Draft {
  values: Partial<Record<SheetField, string>>;
  gender?: Gender;
  residency?: ResidencyType;
  tags?: ResidentTagKind[];
  refusedInfo?: boolean;
}

function convert(row: readonly Cell[], columns: ColumnMap): Draft {
  const d: Draft = { values: {} };
  for (const [field, col] of columns) {
    const c = row[col];
    const s = cellText(c);
    if (s === '') continue;
    switch (field) {
      case 'gender':
        d.gender = enumOf(field, GENDERS, c, 'must be 男 or 女', '应为“男”或“女”');
        break;
      case 'residency':
        d.residency = enumOf(field, RESIDENCY, c, 'must be 常住, 户籍 or 流动', '应为“常住”“户籍”或“流动”');
        break;
      case 'tags':
        d.tags = [
          ...new Set(
            s
              .split(/[,，、;；/\s]+/)
              .filter(Boolean)
              .map((t) =>
                enumOf(
                  field,
                  TAGS,
                  t,
                  `unknown tag (use ${Object.keys(TAGS)
                    .filter((k) => /[^\x00-\x7f]/.test(k))
                    .join(', ')})`,
                  `标签不存在（可用：${Object.keys(TAGS)
                    .filter((k) => /[^\x00-\x7f]/.test(k))
                    .join('、')}）`,
                ),
              ),
          ),
        ];
        break;
      case 'refusedInfo': {
        const u = s.toUpperCase();
        if (!YES.has(u) && !NO.has(u)) {
          throw new CellProblem(field, { en: 'must be 是 or 否', zh: '应为“是”或“否”' });
        }
        d.refusedInfo = YES.has(u);
        break;
      }
      case 'birthDate':
        d.values.birthDate = toDate(c);
        break;
      case 'idNumber':
        if (typeof c === 'number') {
          // Excel keeps 15 significant digits: an 18-digit number has lost its last ones.
          throw new CellProblem(field, {
            en: 'stored as a number, which loses digits; format the column as text and enter the ID number again',
            zh: '以数字格式保存会丢失位数，请将该列设为文本格式后重新录入',
          });
        }
        d.values.idNumber = s.toUpperCase();
        break;
      default:
        d.values[field] = s;
    }
  }
  return d;
}

// ---------- import ----------

export interface SheetProblem {
  /** Column header as in the file, or the field when the problem is not about one column. */
  column: string;
  field: SheetField | null;
  code: string;
  message: Message;
  /** The cell as written; ID numbers and phones masked. */
  value: string | null;
}

export interface SheetRowResult {
  /** Row number as the spreadsheet shows it (the header row counts). */
  rowNumber: number;
  status: UpsertStatus;
  residentId: string | null;
  householdId: string | null;
  problems: SheetProblem[];
}

export interface SheetImportResult {
  rows: SheetRowResult[];
  created: number;
  updated: number;
  unchanged: number;
  errors: number;
  householdsCreated: number;
  householdsUpdated: number;
  ignoredColumns: string[];
}

export interface SheetInput {
  source: string;
  communityId: string;
  /** All rows of the sheet as read, header row included. */
  rows: readonly (readonly Cell[])[];
  /** 1-based sheet row number of `rows[0]` (default 1). */
  firstRowNumber?: number;
  mapping?: Record<string, string> | null;
  onProgress?: OnProgress;
}

/** Which sheet field an upsert error path (`rows.3.idNumber`) is about. */
const FIELD_OF_PATH: Record<string, SheetField> = {
  externalId: 'externalId',
  name: 'name',
  gender: 'gender',
  birthDate: 'birthDate',
  idNumber: 'idNumber',
  phone: 'phone',
  gridCode: 'grid',
  communityCode: 'grid',
  building: 'building',
  unit: 'unit',
  room: 'room',
  householdNumber: 'householdNumber',
  address: 'address',
  relationToHead: 'relationToHead',
  residency: 'residency',
  tags: 'tags',
  refusedInfo: 'refusedInfo',
  householdExternalId: 'householdNumber',
};

/**
 * Imports a residents sheet into one community. Blank rows are skipped; every other row gets a
 * result. Households come first (rows sharing a household number, or building + unit + room, are
 * one household); a row whose household was refused is refused with the household's reason.
 */
export async function importResidentSheet(
  ctx: RequestContext,
  input: SheetInput,
): Promise<SheetImportResult> {
  const headerAt = findHeaderRow(input.rows, input.mapping);
  const headerCells = (input.rows[headerAt] ?? []).map(cellText);
  let mapped: { columns: ColumnMap; ignored: string[] };
  try {
    mapped = mapHeaders(headerCells, input.mapping);
  } catch (e) {
    if (e instanceof HeaderError) throw badInput('headers', e.text);
    throw e;
  }
  const { columns } = mapped;
  const first = (input.firstRowNumber ?? 1) + headerAt + 1;
  const columnOf = (f: SheetField | null): string =>
    f && columns.has(f)
      ? headerCells[columns.get(f)!]!
      : (SHEET_FIELDS.find((x) => x.field === f)?.header ?? '');
  const shown = (f: SheetField | null, row: readonly Cell[]): string | null => {
    if (!f || !columns.has(f)) return null;
    const s = cellText(row[columns.get(f)!]);
    if (!s) return null;
    if (f === 'idNumber') return maskIdNumber(s);
    if (f === 'phone') return maskPhone(s);
    return s.slice(0, 60);
  };

  const results: SheetRowResult[] = [];
  interface Pending {
    result: SheetRowResult;
    raw: readonly Cell[];
    row: ResidentRow;
    household: string | null;
  }
  const pending: Pending[] = [];
  const households = new Map<string, { row: HouseholdRow; members: Pending[] }>();
  // The same person twice in one file: the first row counts, later ones are refused (across chunks too).
  const firstRow = new Map<string, number>();
  const problem = (
    field: SheetField,
    code: string,
    message: Message,
    raw: readonly Cell[],
  ): SheetProblem => ({
    column: columnOf(field),
    field,
    code,
    message,
    value: shown(field, raw),
  });

  for (let r = headerAt + 1; r < input.rows.length; r++) {
    const raw = input.rows[r]!;
    if (raw.every((c) => cellText(c) === '')) continue;
    const result: SheetRowResult = {
      rowNumber: first + (r - headerAt - 1),
      status: UpsertStatus.ERROR,
      residentId: null,
      householdId: null,
      problems: [],
    };
    results.push(result);
    let draft: Draft;
    try {
      draft = convert(raw, columns);
    } catch (e) {
      if (!(e instanceof CellProblem)) throw e;
      result.problems.push(problem(e.field, ErrorCode.BAD_USER_INPUT, e.text, raw));
      continue;
    }
    const v = draft.values;
    const household =
      v.householdNumber || (v.building && v.room)
        ? v.householdNumber
          ? `hh:${v.householdNumber}`
          : `addr:${v.grid ?? ''}/${buildingKey(v.building!)}/${v.unit ? unitKey(v.unit) : ''}/${v.room}`
        : null;
    const externalId =
      v.externalId ??
      (v.idNumber
        ? derivedExternalId('id', v.idNumber)
        : derivedExternalId('nm', input.communityId, household ?? `grid:${v.grid ?? ''}`, v.name ?? ''));
    const row: ResidentRow = {
      externalId,
      householdExternalId: household,
      gridCode: household ? null : (v.grid ?? null),
      building: household ? null : (v.building ?? null),
      unit: household ? null : (v.unit ?? null),
      name: v.name ?? '',
      gender: draft.gender ?? null,
      birthDate: v.birthDate ?? null,
      idNumber: v.idNumber ?? null,
      phone: v.phone ?? null,
      residency: draft.residency ?? null,
      relationToHead: v.relationToHead ?? null,
      refusedInfo: draft.refusedInfo ?? null,
      tags: draft.tags ?? null,
    };
    // Rows that cannot be imported are refused before their household is written.
    try {
      validateResidentRow(ctx, row, 'row');
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const ext = e.extensions as { code: string; field?: string; i18n: Message };
      result.problems.push(toSheetProblem(ext.field ?? 'row', ext.code, ext.i18n, raw));
      continue;
    }
    const earlier = firstRow.get(externalId);
    if (earlier !== undefined) {
      const field: SheetField = v.externalId ? 'externalId' : v.idNumber ? 'idNumber' : 'name';
      result.problems.push(
        problem(
          field,
          ErrorCode.BAD_USER_INPUT,
          {
            en: `the same person is already in row ${earlier} of this file`,
            zh: `与本表第 ${earlier} 行为同一人，重复`,
          },
          raw,
        ),
      );
      continue;
    }
    firstRow.set(externalId, result.rowNumber);
    const p: Pending = { result, raw, row, household };
    pending.push(p);
    if (household) {
      const known = households.get(household);
      if (known) known.members.push(p);
      else {
        households.set(household, {
          row: {
            externalId: household,
            gridCode: v.grid ?? null,
            building: v.building ?? null,
            unit: v.unit ?? null,
            room: v.room ?? null,
            householdNumber: v.householdNumber ?? null,
            address: v.address ?? null,
          },
          members: [p],
        });
      }
    }
  }

  function toSheetProblem(path: string, code: string, message: Message, raw: readonly Cell[]): SheetProblem {
    const key = path.split('.').pop() ?? '';
    const field = FIELD_OF_PATH[key] ?? null;
    return {
      column: columnOf(field),
      field,
      code,
      message: stripPath(message, path),
      value: shown(field, raw),
    };
  }

  const total = pending.length + households.size;
  const hhList = [...households.values()];
  const hhResults = hhList.length
    ? await inChunks(
        hhList.map((h) => h.row),
        (rows, offset) =>
          upsertHouseholds(ctx, input.source, rows, {
            defaultCommunityId: input.communityId,
            onProgress: (done) => input.onProgress?.(offset + done, total),
          }),
      )
    : null;
  const refused = new Set<Pending>();
  hhList.forEach((h, i) => {
    const res = hhResults!.results[i]!;
    for (const m of h.members) {
      if (res.error) {
        m.result.problems.push(toSheetProblem(res.error.field, res.error.code, res.error.message, m.raw));
        refused.add(m);
      } else m.result.householdId = res.id;
    }
  });

  const toImport = pending.filter((p) => !refused.has(p));
  const resResults = toImport.length
    ? await inChunks(
        toImport.map((p) => p.row),
        (rows, offset) =>
          upsertResidents(ctx, input.source, rows, {
            defaultCommunityId: input.communityId,
            onProgress: (done) => input.onProgress?.(households.size + offset + done, total),
          }),
      )
    : null;
  resResults?.results.forEach((res, i) => {
    const p = toImport[i]!;
    p.result.status = res.status;
    p.result.residentId = res.id;
    if (res.error)
      p.result.problems.push(toSheetProblem(res.error.field, res.error.code, res.error.message, p.raw));
  });
  input.onProgress?.(total, total);

  const count = (s: UpsertStatus) => results.filter((r) => r.status === s).length;
  return {
    rows: results,
    created: count(UpsertStatus.CREATED),
    updated: count(UpsertStatus.UPDATED),
    unchanged: count(UpsertStatus.UNCHANGED),
    errors: count(UpsertStatus.ERROR),
    householdsCreated: hhResults?.created ?? 0,
    householdsUpdated: hhResults?.updated ?? 0,
    ignoredColumns: mapped.ignored,
  };
}

/** Upserts in batches of the largest size the service takes; results in the order of `rows`. */
async function inChunks<R>(
  rows: R[],
  run: (chunk: R[], offset: number) => Promise<UpsertSummary>,
): Promise<UpsertSummary> {
  const out: UpsertSummary = { results: [], created: 0, updated: 0, unchanged: 0, errors: 0 };
  for (let offset = 0; offset < rows.length; offset += MAX_UPSERT_ROWS) {
    const s = await run(rows.slice(offset, offset + MAX_UPSERT_ROWS), offset);
    out.results.push(...s.results.map((r) => ({ ...r, index: r.index + offset })));
    out.created += s.created;
    out.updated += s.updated;
    out.unchanged += s.unchanged;
    out.errors += s.errors;
  }
  return out;
}

/** "rows.3.idNumber: check character does not match" → "check character does not match". */
function stripPath(m: Message, path: string): Message {
  const strip = (s: string) => (s.startsWith(path) ? s.slice(path.length).replace(/^[:：\s]+/, '') : s);
  return { en: strip(m.en), zh: strip(m.zh) };
}
