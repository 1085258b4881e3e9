import DataLoader from 'dataloader';
import type { EntityClass, EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import {
  Case,
  CaseState,
  observeCaseStates,
  reportCase,
  type CaseStateChange,
  type ReportCaseData,
} from '../cases';
import type { CaseAction } from '../cases';
import { conflict } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import { DomainEvent } from '../integration/event.entity';
import { loader, type RequestContext } from '../server/context';
import { inTransaction } from '../territory/transaction';
import { ModuleCaseLink } from './case-link.entity';
import type { AnyGridModule, ModuleIdentity } from './define';
import { allowLinkedCaseWrite, moduleOfEntity } from './guard';
import type { ModuleRecord } from './module-record';
import { readableWhere } from './records';
import { registry } from './registry';

/*
 * Case links: a module turns one of its records into a case of the closed loop (through
 * `reportCase`, the same path as every other report), the two stay linked both ways, and when the
 * case changes state the module hears of it in the same transaction (`hooks.onLinkedCaseChanged`).
 */

/** What a module gives for the case it opens; the grid is always the record's own. */
export type LinkedCaseInput = Omit<
  ReportCaseData,
  'gridId' | 'communityId' | 'location' | 'externalSystem' | 'externalId'
>;

const ALREADY = {
  en: 'This record has already been turned into a case',
  zh: '该记录已转为案件',
};

/**
 * Opens a case for a module record and links them, in one transaction with whatever the module
 * queued on the unit of work (the record itself, its event). The caller has passed
 * `requireEnabled` for the record's grid. Errors of the report (category, reporter, role) come back
 * as they are, naming `input.<field>`, and nothing is written.
 */
export async function openLinkedCase(
  ctx: RequestContext,
  module: Pick<ModuleIdentity, 'id'>,
  record: ModuleRecord,
  input: LinkedCaseInput,
): Promise<Case> {
  if (moduleOfEntity(record) !== module.id) {
    throw new Error(`${record.constructor.name} is not an entity of module ${module.id}`);
  }
  if (await ctx.em.count(ModuleCaseLink, { moduleId: module.id, recordId: record.id }))
    throw conflict(ALREADY);
  return inTransaction(ctx, ALREADY, async () => {
    const c = await reportCase(ctx, { ...input, gridId: record.gridId });
    ctx.em.create(ModuleCaseLink, {
      streetId: record.streetId,
      communityId: record.communityId,
      gridId: record.gridId,
      moduleId: module.id,
      recordType: record.constructor.name,
      recordId: record.id,
      caseId: c.id,
    });
    return c;
  });
}

/** Links a demo record to a demo case (seeds only: the live path is `openLinkedCase`). */
export function seedCaseLink(
  em: EntityManager,
  module: Pick<ModuleIdentity, 'id'>,
  record: ModuleRecord,
  caseId: string,
): ModuleCaseLink {
  return em.create(ModuleCaseLink, {
    streetId: record.streetId,
    communityId: record.communityId,
    gridId: record.gridId,
    moduleId: module.id,
    recordType: record.constructor.name,
    recordId: record.id,
    caseId,
  });
}

/** How a linked case stands, for the record that follows it. */
export type LinkedCaseOutcome = 'OPEN' | 'RESOLVED' | 'REJECTED';

/** RESOLVED from the resolution on (feedback and closing keep it so), REJECTED, otherwise OPEN. */
export function linkedCaseOutcome(state: CaseState): LinkedCaseOutcome {
  if (state === CaseState.RESOLVED || state === CaseState.FEEDBACK_GIVEN || state === CaseState.CLOSED)
    return 'RESOLVED';
  return state === CaseState.REJECTED ? 'REJECTED' : 'OPEN';
}

/** What a module's `onLinkedCaseChanged` hook receives. */
export interface LinkedCaseChange<R = unknown> {
  /** The unit of work of the case change: change the record (and only your own rows) here. */
  em: EntityManager;
  /** The module's record, loaded; changes to it are flushed with the case even if the module is off now. */
  record: R;
  link: ModuleCaseLink;
  case: Case;
  action: CaseAction;
  from: CaseState;
  to: CaseState;
  at: Date;
  /** Queues the module's domain event `<module id>.<name>` about the record, in the same transaction. */
  event(name: string, payload?: Record<string, unknown>): void;
}

/** Tells the modules whose records are linked to a case that changed state. */
async function tellLinkedRecords(change: CaseStateChange): Promise<void> {
  const links = await change.em.find(ModuleCaseLink, { caseId: change.case.id }, { orderBy: { id: 'asc' } });
  for (const link of links) {
    const module = registry().find(link.moduleId);
    const hook = module?.hooks.onLinkedCaseChanged;
    const entity = module && entityOf(module, link.recordType);
    if (!hook || !entity) continue;
    const record = (await change.em.findOne(entity, { id: link.recordId })) as ModuleRecord | null;
    if (!record) continue;
    allowLinkedCaseWrite(record);
    await hook({
      em: change.em,
      record,
      link,
      case: change.case,
      action: change.action,
      from: change.from,
      to: change.to,
      at: change.at,
      event: (name, payload = {}) => {
        change.em.create(DomainEvent, {
          type: `${link.moduleId}.${name}`,
          subjectId: toGlobalId(link.recordType, record.id),
          payload: { caseId: toGlobalId('Case', change.case.id), caseState: change.to, ...payload },
          occurredAt: new Date(),
          actorId: change.actorId,
          requestId: change.requestId,
          streetId: record.streetId,
          communityId: record.communityId,
          gridId: record.gridId,
        });
      },
    });
  }
}

function entityOf(module: AnyGridModule, recordType: string): EntityClass<{ id: string }> | undefined {
  return module.entities.find((e) => (e as { name: string }).name === recordType) as
    | EntityClass<{ id: string }>
    | undefined;
}

let observing = false;

/** Starts telling modules about their linked cases (once per process, when modules are installed). */
export function observeLinkedCases(): void {
  if (observing) return;
  observing = true;
  observeCaseStates(tellLinkedRecords);
}

// ---------- reads ----------

/**
 * The case a module record was turned into, if the viewer may see it (a case re-routed beyond
 * their jurisdiction reads as null). Batched: one query for the links and one for the cases of a page.
 */
export function linkedCase(ctx: RequestContext, record: { id: string }): Promise<Case | null> {
  return loader(
    ctx,
    'modules:linkedCase',
    () =>
      new DataLoader<string, Case | null>(async (ids) => {
        const links = await ctx.em.find(ModuleCaseLink, { recordId: { $in: ids as string[] } });
        const cases = links.length
          ? await ctx.em.find(Case, {
              $and: [{ id: { $in: links.map((l) => l.caseId) } }, readableWhere(ctx)],
            } as FilterQuery<Case>)
          : [];
        const byCase = new Map(cases.map((c) => [c.id, c]));
        const byRecord = new Map(links.map((l) => [l.recordId, byCase.get(l.caseId) ?? null]));
        return ids.map((id) => byRecord.get(id) ?? null);
      }),
  ).load(record.id);
}

/**
 * The module records linked to a case that the viewer may see, batched over a page of cases: one
 * query for the links, one per record type.
 */
export function linkedRecords(ctx: RequestContext, caseId: string): Promise<object[]> {
  return loader(
    ctx,
    'modules:linkedRecords',
    () =>
      new DataLoader<string, object[]>(async (ids) => {
        const links = await ctx.em.find(
          ModuleCaseLink,
          { caseId: { $in: ids as string[] } },
          { orderBy: { id: 'asc' } },
        );
        const found = new Map<string, object>();
        const byType = new Map<string, ModuleCaseLink[]>();
        for (const l of links)
          byType.set(`${l.moduleId}/${l.recordType}`, [
            ...(byType.get(`${l.moduleId}/${l.recordType}`) ?? []),
            l,
          ]);
        for (const group of byType.values()) {
          const module = registry().find(group[0]!.moduleId);
          const entity = module && entityOf(module, group[0]!.recordType);
          if (!entity) continue;
          const rows = await ctx.em.find(entity, {
            $and: [{ id: { $in: group.map((l) => l.recordId) } }, readableWhere(ctx)],
          } as FilterQuery<{ id: string }>);
          for (const r of rows) found.set(r.id, r);
        }
        return ids.map((id) =>
          links
            .filter((l) => l.caseId === id)
            .flatMap((l) => (found.has(l.recordId) ? [found.get(l.recordId)!] : [])),
        );
      }),
  ).load(caseId);
}
