import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { assertCovers, covers, type Placement } from '../auth/jurisdiction';
import type { AuthenticatedViewer } from '../auth/viewer';
import { AppError, badInput, ErrorCode, type Message } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import { parseInput, text } from '../graphql/validate';
import { Household, Resident, ResidentTag, ResidentTagKind } from '../people';
import { checkIdNumber, type IdNumberFacts } from '../people/id-number';
import {
  assertMayUseTags,
  canSeeSensitiveTags,
  idNumber,
  isSensitiveTag,
  pastDate,
  phone,
  requirePeopleWriter,
  today,
} from '../people/people.access';
import { Gender, ResidencyType } from '../people/resident.entity';
import { refusal as consent, RESIDENT_FIELDS } from '../people/resident.service';
import type { RequestContext } from '../server/context';
import { recordEvent } from './event.service';
import { TerritoryLookup, type Place, type PlaceRef } from './territory-lookup';

/*
 * Upsert by external id: a district system (or a spreadsheet) sends its rows with its own ids, and
 * each row is created, updated, left unchanged, or refused with the field and the reason. Every row
 * is atomic (see `writeChunk`: a chunk's rows share one transaction, or a savepoint under an
 * Idempotency-Key, and fall back to one each when the database refuses any of them), so a bad row
 * never takes the good ones with it and a good row is never half-written. Rows are decided from a
 * few set-based reads per chunk rather than queries per row: imports of thousands of rows are
 * bound by the inserts, not by round trips. Sending the same batch again finds nothing to change:
 * UNCHANGED, and no event.
 */

export const MAX_UPSERT_ROWS = 5000;

export enum UpsertStatus {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  ERROR = 'ERROR',
}

export interface RowProblem {
  /** Dotted path of the bad input, e.g. `rows.3.idNumber`. */
  field: string;
  code: string;
  message: Message;
}

export interface UpsertRowResult {
  index: number;
  externalId: string | null;
  status: UpsertStatus;
  /** Database id of the record (created, updated or unchanged). */
  id: string | null;
  /** For residents: the fields that changed (UPDATED) or were given (CREATED). */
  changed: string[];
  error: RowProblem | null;
}

export interface UpsertSummary {
  results: UpsertRowResult[];
  created: number;
  updated: number;
  unchanged: number;
  errors: number;
}

export interface HouseholdRow extends PlaceRef {
  externalId: string;
  room?: string | null;
  householdNumber?: string | null;
  address?: string | null;
}

export interface ResidentRow extends PlaceRef {
  externalId: string;
  householdExternalId?: string | null;
  name: string;
  gender?: Gender | null;
  birthDate?: string | null;
  idNumber?: string | null;
  phone?: string | null;
  residency?: ResidencyType | null;
  relationToHead?: string | null;
  refusedInfo?: boolean | null;
  refusalReason?: string | null;
  tags?: ResidentTagKind[] | null;
}

/** Progress callback for long imports (the CLI's progress bar). */
export type OnProgress = (done: number, total: number) => void;

const sourceSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff_.:-]*$/, 'letters, digits, "-", "_", ":" or "."');

const externalId = text(128);
const optional = (max: number) => text(max).nullish();
const placeFields = {
  communityCode: optional(32),
  gridCode: optional(100),
  building: optional(100),
  unit: optional(50),
};

const householdSchema = z.object({
  externalId,
  ...placeFields,
  room: optional(32),
  householdNumber: optional(64),
  address: optional(300),
});

const residentSchemaOf = (day: string) =>
  z
    .object({
      externalId,
      ...placeFields,
      householdExternalId: optional(128),
      name: text(50),
      gender: z.nativeEnum(Gender).nullish(),
      birthDate: pastDate(day).nullish(),
      idNumber: idNumber(day).nullish(),
      phone: phone.nullish(),
      residency: z.nativeEnum(ResidencyType).nullish(),
      relationToHead: optional(32),
      refusedInfo: z.boolean().nullish(),
      refusalReason: optional(100),
      tags: z.array(z.nativeEnum(ResidentTagKind)).max(Object.keys(ResidentTagKind).length).nullish(),
    })
    .refine((r) => !(r.refusedInfo === false && r.refusalReason), {
      path: ['refusalReason'],
      message: 'a reason is only recorded when the resident declined (refusedInfo)',
    });

type ParsedResident = z.infer<ReturnType<typeof residentSchemaOf>>;

// Building a zod schema costs far more than checking a row with it: one per day, not one per row.
let residentSchemaCache: { day: string; schema: ReturnType<typeof residentSchemaOf> } | null = null;
function residentSchema(day: string): ReturnType<typeof residentSchemaOf> {
  if (residentSchemaCache?.day !== day) residentSchemaCache = { day, schema: residentSchemaOf(day) };
  return residentSchemaCache.schema;
}

const DUPLICATE_ID_NUMBER: Message = {
  en: 'A resident with this ID number is already registered',
  zh: '该身份证号已登记',
};

/** Validates the batch as a whole: a bad source or size refuses the request and writes nothing. */
function checkBatch(source: string, rows: unknown[]): string {
  const s = parseInput(sourceSchema, source, 'source');
  if (!Array.isArray(rows) || rows.length === 0 || rows.length > MAX_UPSERT_ROWS) {
    throw badInput('rows', {
      en: `rows: give 1 to ${MAX_UPSERT_ROWS} rows per call`,
      zh: `rows：每次提交 1 至 ${MAX_UPSERT_ROWS} 行`,
    });
  }
  return s;
}

function problemOf(e: unknown, fallbackField: string): RowProblem | null {
  if (e instanceof AppError) {
    const ext = e.extensions as { code: string; field?: string; i18n: Message };
    return { field: ext.field ?? fallbackField, code: ext.code, message: ext.i18n };
  }
  return null;
}

/**
 * Runs one row in its own transaction: `em.begin()` is a new transaction, or a savepoint of the
 * Idempotency-Key's transaction when the request carries one. On failure the row's writes are
 * rolled back and nothing of it stays in the unit of work.
 */
async function atomically(ctx: RequestContext, work: () => Promise<void>): Promise<void> {
  await ctx.em.begin();
  try {
    await work();
    await ctx.em.commit();
  } catch (e) {
    await ctx.em.rollback().catch(() => undefined);
    throw e;
  } finally {
    // Entities of a rolled-back row must not reach a later flush; committed ones are not reused.
    ctx.em.clear();
  }
}

/** What planning decided for one row: its result and, when something changes, how to write it. */
interface Planned {
  result: UpsertRowResult;
  /**
   * Writes the row's change and its event on `ctx.em`: native statements run at once, created
   * entities at the flush that commits. It may run twice (see `writeChunk`), so it decides nothing
   * and takes its ids from the plan.
   */
  write?: () => Promise<void>;
}

/**
 * Writes a chunk's changes. All of them first go in one transaction (a savepoint under an
 * Idempotency-Key): one commit instead of one per row, and the flush sends the created rows and
 * their events as multi-row inserts. Planning has already refused what it can see (formats,
 * jurisdiction, duplicates), so this nearly always succeeds; when it does not (a concurrent writer,
 * a constraint), the chunk is rolled back whole and its rows are written again one by one, each
 * atomic on its own, so only the guilty row is refused.
 */
async function writeChunk(ctx: RequestContext, planned: Planned[]): Promise<void> {
  const writes = planned.filter((p) => p.write);
  if (!writes.length) return;
  try {
    await atomically(ctx, async () => {
      for (const p of writes) await p.write!();
    });
    return;
  } catch {
    // Row by row below; an error that is not the row's own is thrown from there.
  }
  for (const p of writes) {
    const { index: i, externalId } = p.result;
    try {
      await atomically(ctx, p.write!);
    } catch (e) {
      const problem =
        problemOf(e, `rows.${i}`) ??
        (e instanceof UniqueConstraintViolationException ? uniqueProblem(e, i) : null);
      if (!problem) throw e;
      p.result = errorResult(i, externalId, problem);
    }
  }
}

/** Same external id twice in one batch: the first wins, later ones are refused. */
function duplicateCheck(): (externalId: string, i: number) => RowProblem | null {
  const seen = new Map<string, number>();
  return (id, i) => {
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, i);
      return null;
    }
    return {
      field: `rows.${i}.externalId`,
      code: ErrorCode.BAD_USER_INPUT,
      message: {
        en: `rows.${i}.externalId: the same external id is already in row ${first} of this batch`,
        zh: `rows.${i}.externalId：与本批第 ${first} 行的外部编号重复`,
      },
    };
  };
}

function summarize(results: UpsertRowResult[]): UpsertSummary {
  const count = (s: UpsertStatus) => results.filter((r) => r.status === s).length;
  return {
    results,
    created: count(UpsertStatus.CREATED),
    updated: count(UpsertStatus.UPDATED),
    unchanged: count(UpsertStatus.UNCHANGED),
    errors: count(UpsertStatus.ERROR),
  };
}

/** Rows read, decided and written together: large enough for few queries, small enough for short transactions. */
const CHUNK = 500;

/** How one kind of record is upserted, in three steps per chunk. */
interface RowSteps<R, P extends { externalId: string }, E> {
  /** Checks a row's own fields (no database); throws an AppError for a bad row. */
  parse(row: R, i: number): P;
  /** Reads at once what the chunk's rows will need (places, households, ID numbers, tags). */
  prefetch(rows: P[], existing: E[]): Promise<void>;
  /** Decides a row from memory; throws an AppError to refuse it. */
  plan(row: P, i: number, existing: E | undefined): Promise<Planned>;
}

/**
 * Rows in chunks: each chunk is parsed, everything it needs is read in a few set-based queries,
 * each row is decided in memory, and then the chunk's changes are written (see `writeChunk`).
 * Results keep the order of the rows.
 */
async function eachRow<R extends { externalId?: unknown }, P extends { externalId: string }, E>(
  ctx: RequestContext,
  source: string,
  rows: R[],
  entity: typeof Household | typeof Resident,
  onProgress: OnProgress | undefined,
  steps: RowSteps<R, P, E>,
): Promise<UpsertRowResult[]> {
  const results: UpsertRowResult[] = [];
  const duplicate = duplicateCheck();
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const planned: (Planned | null)[] = [];
    const parsed: { i: number; row: P }[] = [];
    chunk.forEach((raw, k) => {
      const i = start + k;
      const ext = typeof raw?.externalId === 'string' ? raw.externalId.trim() : null;
      try {
        const dup = ext ? duplicate(ext, i) : null;
        if (dup) throw new RowRefused(dup);
        parsed.push({ i, row: steps.parse(raw, i) });
        planned.push(null);
      } catch (e) {
        planned.push({ result: errorResult(i, ext, refusal(e, i)) });
      }
    });
    const ids = parsed.map((p) => p.row.externalId);
    const found = ids.length
      ? ((await ctx.em.find(
          entity as typeof Resident,
          { source, externalId: { $in: ids } },
          { disableIdentityMap: true },
        )) as unknown as (E & { externalId: string })[])
      : [];
    const byId = new Map(found.map((e) => [e.externalId, e]));
    await steps.prefetch(
      parsed.map((p) => p.row),
      found,
    );
    for (const { i, row } of parsed) {
      try {
        planned[i - start] = await steps.plan(row, i, byId.get(row.externalId));
      } catch (e) {
        planned[i - start] = { result: errorResult(i, row.externalId, refusal(e, i)) };
      }
    }
    const done = planned as Planned[];
    await writeChunk(ctx, done);
    for (const p of done) results.push(p.result);
    onProgress?.(start + chunk.length, rows.length);
  }
  return results;
}

/** A refusal decided before any AppError exists (the batch's own duplicate check). */
class RowRefused extends Error {
  constructor(readonly problem: RowProblem) {
    super(problem.message.en);
  }
}

/** The problem to report for a refused row; anything that is not a refusal is thrown on. */
function refusal(e: unknown, i: number): RowProblem {
  if (e instanceof RowRefused) return e.problem;
  const problem = problemOf(e, `rows.${i}`);
  if (!problem) throw e;
  return problem;
}

function errorResult(index: number, externalId: string | null, error: RowProblem): UpsertRowResult {
  return { index, externalId, status: UpsertStatus.ERROR, id: null, changed: [], error };
}

function uniqueProblem(e: UniqueConstraintViolationException, i: number): RowProblem {
  // Never says where the other record lives: it may be outside the viewer's jurisdiction. The
  // constraint's name tells which one was hit (the message also quotes the statement, whose column
  // list names id_number whatever the constraint).
  const constraint =
    (e as { constraint?: string }).constraint ?? /unique constraint "([^"]+)"/.exec(e.message)?.[1] ?? '';
  if (/id_number/.test(constraint)) {
    return {
      field: `rows.${i}.idNumber`,
      code: ErrorCode.CONFLICT,
      message: DUPLICATE_ID_NUMBER,
    };
  }
  return {
    field: `rows.${i}.externalId`,
    code: ErrorCode.CONFLICT,
    message: {
      en: 'Another request wrote this external id at the same time; send the row again',
      zh: '另一请求同时写入了该外部编号，请重新提交此行',
    },
  };
}

// ---------- households ----------

const HOUSEHOLD_FIELDS = ['gridId', 'buildingId', 'unitId', 'room', 'householdNumber', 'address'] as const;

type ParsedHousehold = z.infer<typeof householdSchema>;

/** Creates or updates households by `(source, externalId)`. */
export async function upsertHouseholds(
  ctx: RequestContext,
  rawSource: string,
  rows: HouseholdRow[],
  opts: { defaultCommunityId?: string; onProgress?: OnProgress } = {},
): Promise<UpsertSummary> {
  const v = requirePeopleWriter(ctx.viewer);
  const source = checkBatch(rawSource, rows);
  const places = new TerritoryLookup(ctx, v);
  const results = await eachRow<HouseholdRow, ParsedHousehold, Household>(
    ctx,
    source,
    rows,
    Household,
    opts.onProgress,
    {
      parse: (raw, i) => parseInput(householdSchema, raw, `rows.${i}`),
      prefetch: (parsed) => places.prefetch(parsed, opts.defaultCommunityId),
      plan: async (row, i, existing) => {
        if (existing) assertCovers(v.jurisdiction, existing);
        const hasPlace = !!(row.gridCode || row.building || row.communityCode);
        const p: Place | null =
          hasPlace || !existing ? await places.resolve(row, `rows.${i}`, opts.defaultCommunityId) : null;
        const address =
          row.address ??
          (p?.buildingLabel
            ? `${p.buildingLabel}${p.unitName ?? ''}${row.room ? `${row.room}室` : ''}`
            : null);
        if (!existing) {
          if (!address) {
            throw badInput(`rows.${i}.address`, {
              en: `rows.${i}.address: give the address, or the building it can be made from`,
              zh: `rows.${i}.address：请提供地址，或可生成地址的楼栋`,
            });
          }
          const place = p!;
          const values = {
            id: uuidv7(),
            streetId: place.streetId,
            communityId: place.communityId,
            gridId: place.gridId,
            buildingId: place.buildingId,
            unitId: place.unitId,
            room: row.room ?? null,
            householdNumber: row.householdNumber ?? null,
            address,
            source,
            externalId: row.externalId,
          };
          const fields = HOUSEHOLD_FIELDS.filter((k) => values[k] != null);
          return {
            result: ok(i, row.externalId, UpsertStatus.CREATED, values.id, [...fields]),
            write: async () => {
              const h = ctx.em.create(Household, values);
              recordEvent(ctx, 'household.created', { type: 'Household', id: h.id }, h, {
                fields,
                source,
                externalId: row.externalId,
              });
            },
          };
        }

        const next: Partial<Record<(typeof HOUSEHOLD_FIELDS)[number], string | null>> = {};
        if (p) {
          next.gridId = p.gridId;
          // A place given again without building or unit keeps the ones recorded in the same grid.
          next.buildingId = row.building
            ? p.buildingId
            : p.gridId === existing.gridId
              ? existing.buildingId
              : null;
          next.unitId = row.unit
            ? p.unitId
            : next.buildingId === existing.buildingId
              ? existing.unitId
              : null;
        }
        if (row.room != null) next.room = row.room;
        if (row.householdNumber != null) next.householdNumber = row.householdNumber;
        if (row.address != null) next.address = row.address;
        const changed = HOUSEHOLD_FIELDS.filter(
          (k) => k in next && (next[k] ?? null) !== ((existing[k] as string | null | undefined) ?? null),
        );
        if (!changed.length)
          return { result: ok(i, row.externalId, UpsertStatus.UNCHANGED, existing.id, []) };
        const moved = changed.some((k) => k === 'gridId' || k === 'buildingId' || k === 'unitId');
        const placement = p && moved ? p : existing;
        return {
          result: ok(i, row.externalId, UpsertStatus.UPDATED, existing.id, [...changed]),
          write: async () => {
            const set: Record<string, unknown> = { updatedAt: ctx.app.clock.now() };
            for (const k of changed) set[k] = next[k] ?? null;
            if (p && moved) Object.assign(set, { streetId: p.streetId, communityId: p.communityId });
            await ctx.em.nativeUpdate(Household, { id: existing.id }, set);
            if (moved) {
              // Members live where their household does; their tags carry the grid for their index.
              const to = {
                streetId: placement.streetId,
                communityId: placement.communityId,
                gridId: (set.gridId as string | undefined) ?? existing.gridId,
                buildingId: (set.buildingId as string | null | undefined) ?? existing.buildingId ?? null,
                unitId: 'unitId' in set ? (set.unitId as string | null) : (existing.unitId ?? null),
              };
              await ctx.em.nativeUpdate(Resident, { householdId: existing.id }, to);
              const members = await ctx.em.find(
                Resident,
                { householdId: existing.id },
                { fields: ['id'], disableIdentityMap: true },
              );
              if (members.length) {
                await ctx.em.nativeUpdate(
                  ResidentTag,
                  { residentId: { $in: members.map((m) => m.id) } },
                  { communityId: to.communityId, gridId: to.gridId },
                );
              }
            }
            recordEvent(ctx, 'household.updated', { type: 'Household', id: existing.id }, placement, {
              changed,
              source,
              externalId: row.externalId,
            });
          },
        };
      },
    },
  );
  return summarize(results);
}

function ok(
  index: number,
  externalId: string,
  status: UpsertStatus,
  id: string,
  changed: string[],
): UpsertRowResult {
  return { index, externalId, status, id, changed, error: null };
}

// ---------- residents ----------

type ResidentField = (typeof RESIDENT_FIELDS)[number];

const TAG_ORDER = Object.values(ResidentTagKind);

/**
 * Birth date and gender are those of the ID number whenever one is recorded: given values must
 * agree with it, missing ones are taken from it.
 */
function reconcile(
  prefix: string,
  id: string | null | undefined,
  birthDate: string | null | undefined,
  gender: Gender | null | undefined,
): { birthDate?: string | null; gender?: Gender | null } {
  if (!id) return { birthDate, gender };
  const facts = checkIdNumber(id, '9999-12-31') as IdNumberFacts;
  if (birthDate != null && birthDate !== facts.birthDate) {
    throw badInput(`${prefix}.birthDate`, {
      en: `${prefix}.birthDate does not match the birth date in the ID number`,
      zh: `${prefix}.birthDate 与身份证号中的出生日期不一致`,
    });
  }
  if (gender != null && gender !== facts.gender) {
    throw badInput(`${prefix}.gender`, {
      en: `${prefix}.gender does not match the ID number`,
      zh: `${prefix}.gender 与身份证号不一致`,
    });
  }
  return { birthDate: facts.birthDate, gender: facts.gender as Gender };
}

/** Checks a resident row's own fields (formats, ID number agreement) without reading the database. */
export function validateResidentRow(ctx: RequestContext, raw: ResidentRow, prefix: string): void {
  const row = parseInput(residentSchema(today(ctx)), raw, prefix);
  reconcile(prefix, row.idNumber, row.birthDate, row.gender);
}

/** Creates or updates residents by `(source, externalId)`; households are named by their external id. */
export async function upsertResidents(
  ctx: RequestContext,
  rawSource: string,
  rows: ResidentRow[],
  opts: { defaultCommunityId?: string; onProgress?: OnProgress } = {},
): Promise<UpsertSummary> {
  const v = requirePeopleWriter(ctx.viewer);
  const source = checkBatch(rawSource, rows);
  const day = today(ctx);
  const schema = residentSchema(day);
  const places = new TerritoryLookup(ctx, v);
  const em = ctx.em;
  const conflict = (prefix: string) =>
    new AppError(ErrorCode.CONFLICT, DUPLICATE_ID_NUMBER, { field: `${prefix}.idNumber` });

  // Read per chunk, for the whole chunk at once.
  const households = new Map<string, Household | null>();
  let byIdNumber = new Map<string, Resident>();
  let tagsOf = new Map<string, ResidentTagKind[]>();
  // Who holds an ID number after the rows already decided in this batch (null: released). It
  // overrides `byIdNumber`, so two rows claiming one number are told apart before the database
  // would have to refuse one of them (which would cost the chunk its single transaction).
  const heldBy = new Map<string, string | null>();
  const holderOf = (n: string): string | null =>
    heldBy.has(n) ? heldBy.get(n)! : (byIdNumber.get(n)?.id ?? null);

  const results = await eachRow<ResidentRow, ParsedResident, Resident>(
    ctx,
    source,
    rows,
    Resident,
    opts.onProgress,
    {
      parse: (raw, i) => {
        const row = parseInput(schema, raw, `rows.${i}`);
        if (row.tags) assertMayUseTags(v, row.tags);
        return row;
      },

      prefetch: async (parsed, found) => {
        await places.prefetch(
          parsed.filter((r) => !r.householdExternalId),
          opts.defaultCommunityId,
        );
        const hhIds = [
          ...new Set(parsed.map((r) => r.householdExternalId).filter((x): x is string => !!x)),
        ].filter((x) => !households.has(x));
        if (hhIds.length) {
          for (const x of hhIds) households.set(x, null);
          const hs = await em.find(
            Household,
            { source, externalId: { $in: hhIds } },
            { disableIdentityMap: true },
          );
          for (const h of hs) households.set(h.externalId!, h);
        }
        // Every holder of the chunk's ID numbers: records to link, and numbers already taken
        // (whatever their jurisdiction: a taken number is refused without saying where).
        const numbers = [...new Set(parsed.map((r) => r.idNumber).filter((x): x is string => !!x))];
        byIdNumber = new Map(
          (numbers.length
            ? await em.find(Resident, { idNumber: { $in: numbers } }, { disableIdentityMap: true })
            : []
          ).map((r) => [r.idNumber!, r]),
        );
        const known = new Set([...found.map((r) => r.id), ...[...byIdNumber.values()].map((r) => r.id)]);
        tagsOf = new Map();
        if (known.size) {
          const tags = await em.find(
            ResidentTag,
            { residentId: { $in: [...known] } },
            { fields: ['residentId', 'kind'], disableIdentityMap: true },
          );
          for (const t of tags) tagsOf.set(t.residentId, [...(tagsOf.get(t.residentId) ?? []), t.kind]);
        }
      },

      plan: async (row, i, found) => {
        const prefix = `rows.${i}`;
        let existing = found;
        if (!existing && row.idNumber) {
          // A person registered by hand before the district system synced: adopt the record when
          // it has no external id yet and lies inside the jurisdiction (otherwise: duplicate, said
          // generically). A number taken or released by an earlier row of this batch is decided
          // by that row.
          if (heldBy.has(row.idNumber)) {
            if (heldBy.get(row.idNumber) != null) throw conflict(prefix);
          } else {
            const same = byIdNumber.get(row.idNumber);
            if (same) {
              if (same.externalId != null || !isCovered(v, same)) throw conflict(prefix);
              existing = same;
            }
          }
        }
        if (existing) assertCovers(v.jurisdiction, existing);
        if (existing && row.idNumber && row.idNumber !== existing.idNumber) {
          const holder = holderOf(row.idNumber);
          if (holder != null && holder !== existing.id) throw conflict(prefix);
        }

        // Placement: the household's, or the place the row names, or (updates only) unchanged.
        let place: RowPlace;
        if (row.householdExternalId) {
          const h = households.get(row.householdExternalId);
          if (!h || !isCovered(v, h)) {
            throw badInput(`${prefix}.householdExternalId`, {
              en: `${prefix}.householdExternalId: no household with this external id in your jurisdiction`,
              zh: `${prefix}.householdExternalId：您的管辖范围内没有该外部编号的住户`,
            });
          }
          place = placedAs(h, h.id);
        } else if (row.gridCode || row.building || row.communityCode || !existing) {
          const p = await places.resolve(row, prefix, opts.defaultCommunityId);
          place = { ...p, householdId: null };
        } else {
          place = placedAs(existing, existing.householdId ?? null);
        }

        const idNo = row.idNumber ?? existing?.idNumber ?? null;
        const identity = reconcile(prefix, idNo, row.birthDate, row.gender);
        const next: Record<ResidentField, unknown> = {
          householdId: place.householdId,
          gridId: place.gridId,
          buildingId: place.buildingId,
          unitId: place.unitId,
          name: row.name,
          gender: identity.gender ?? row.gender ?? existing?.gender ?? null,
          birthDate: identity.birthDate ?? row.birthDate ?? existing?.birthDate ?? null,
          idNumber: idNo,
          phone: row.phone ?? existing?.phone ?? null,
          residency: row.residency ?? existing?.residency ?? null,
          relationToHead: row.relationToHead ?? existing?.relationToHead ?? null,
          // An upsert never clears a field: a missing reason keeps the stored one.
          ...consent(
            { refusedInfo: row.refusedInfo, refusalReason: row.refusalReason ?? undefined },
            existing ? { refusedInfo: existing.refusedInfo, refusalReason: existing.refusalReason } : null,
          ),
        };

        if (!existing) {
          const id = uuidv7();
          const fields = [
            ...RESIDENT_FIELDS.filter((k) => next[k] != null && next[k] !== false),
            ...(row.tags?.length ? ['tags'] : []),
          ];
          if (idNo) heldBy.set(idNo, id);
          return {
            result: ok(i, row.externalId, UpsertStatus.CREATED, id, fields),
            write: async () => {
              em.create(Resident, {
                id,
                streetId: place.streetId,
                communityId: place.communityId,
                ...(next as Partial<Resident>),
                name: row.name,
                source,
                externalId: row.externalId,
              });
              for (const kind of new Set(row.tags ?? [])) {
                em.create(ResidentTag, {
                  residentId: id,
                  kind,
                  communityId: place.communityId,
                  gridId: place.gridId,
                });
              }
              recordEvent(ctx, 'resident.created', { type: 'Resident', id }, place, {
                householdId: place.householdId ? toGlobalId('Household', place.householdId) : null,
                fields,
                source,
                externalId: row.externalId,
              });
            },
          };
        }

        const target = existing;
        const changed: string[] = RESIDENT_FIELDS.filter(
          (k) => (next[k] ?? null) !== ((target[k] as unknown) ?? null),
        );
        const adopt = target.source !== source || target.externalId !== row.externalId;
        // Tags: the row's list replaces the visible ones; sensitive tags a viewer may not see stay.
        let addTags: ResidentTagKind[] = [];
        let dropTags: ResidentTagKind[] = [];
        if (row.tags) {
          const currentTags = tagsOf.get(target.id) ?? [];
          const want = new Set(row.tags);
          const keepHidden = !canSeeSensitiveTags(v);
          dropTags = currentTags.filter((t) => !want.has(t) && !(keepHidden && isSensitiveTag(t)));
          addTags = TAG_ORDER.filter((t) => want.has(t) && !currentTags.includes(t));
          if (addTags.length || dropTags.length) changed.push('tags');
        }
        if (!changed.length && !adopt) {
          return { result: ok(i, row.externalId, UpsertStatus.UNCHANGED, target.id, []) };
        }
        if (changed.includes('idNumber') && target.idNumber) heldBy.set(target.idNumber, null);
        if (idNo) heldBy.set(idNo, target.id);

        return {
          result: ok(i, row.externalId, UpsertStatus.UPDATED, target.id, changed),
          write: async () => {
            const set: Record<string, unknown> = {
              updatedAt: ctx.app.clock.now(),
              streetId: place.streetId,
              communityId: place.communityId,
              source,
              externalId: row.externalId,
            };
            for (const k of RESIDENT_FIELDS) if (changed.includes(k)) set[k] = next[k] ?? null;
            await em.nativeUpdate(Resident, { id: target.id }, set);
            if (dropTags.length) {
              await em.nativeDelete(ResidentTag, { residentId: target.id, kind: { $in: dropTags } });
            }
            if (changed.includes('gridId')) {
              await em.nativeUpdate(
                ResidentTag,
                { residentId: target.id },
                { communityId: place.communityId, gridId: place.gridId },
              );
            }
            for (const kind of addTags) {
              em.create(ResidentTag, {
                residentId: target.id,
                kind,
                communityId: place.communityId,
                gridId: place.gridId,
              });
            }
            recordEvent(ctx, 'resident.updated', { type: 'Resident', id: target.id }, place, {
              changed,
              source,
              externalId: row.externalId,
              ...(adopt ? { linked: true } : {}),
            });
          },
        };
      },
    },
  );
  ctx.loaders.delete('people:tags');
  return summarize(results);
}

function isCovered(v: AuthenticatedViewer, p: Placement): boolean {
  return covers(v.jurisdiction, p);
}

/**
 * An external id for a spreadsheet row that has none: derived from what identifies the person, as
 * a hash, so that the same file imported again finds the same records and no ID number or name is
 * kept in (or echoed as) the external id.
 */
export function derivedExternalId(kind: 'id' | 'hh' | 'nm', ...parts: string[]): string {
  return `${kind}-${createHash('sha256').update(parts.join('\u0000'), 'utf8').digest('hex').slice(0, 24)}`;
}

/** A resident row's placement, household included. */
type RowPlace = Omit<Place, 'buildingLabel' | 'unitName'> & { householdId: string | null };

/** Where a row goes when it keeps the placement of a record (its household's, or its own). */
function placedAs(
  x: {
    streetId: string;
    communityId: string;
    gridId?: string | null;
    buildingId?: string | null;
    unitId?: string | null;
  },
  householdId: string | null,
): RowPlace {
  return {
    streetId: x.streetId,
    communityId: x.communityId,
    gridId: x.gridId!,
    buildingId: x.buildingId ?? null,
    unitId: x.unitId ?? null,
    householdId,
  };
}
