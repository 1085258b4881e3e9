import {
  OptimisticLockError,
  UniqueConstraintViolationException,
  type EntityManager,
} from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { toGlobalId } from '../graphql/global-id';
import { DomainEvent } from '../integration/event.entity';
import type { AppServices } from '../server/context';
import { CaseCategory } from './case-category.entity';
import { Case } from './case.entity';
import { CaseAction, CaseState, OPEN_STATES, OverdueClock } from './case.enums';
import { CaseEvent } from './case-event.entity';
import { notifyCaseStateChange } from './case-observers';
import { applyTransition } from './case-lifecycle';
import { RATING_TIMEOUT_DAYS } from './case-sla';
import { transitionFor } from './case-state-machine';

const BATCH = 500;
const MAX_BATCHES = 20;
const OPEN = OPEN_STATES.map((s) => `'${s}'`).join(', ');

export interface SweepResult {
  /** Overdue records written by this run (one per case, clock and step). */
  overdue: number;
  /** Cases closed because the rating did not come in time. */
  closed: number;
}

interface Candidate {
  id: string;
  street_id: string;
  community_id: string;
  grid_id: string | null;
  state: CaseState;
  step_no: number;
  due_at: Date | string;
  overall_due_at: Date | string;
}

interface Inserted {
  case_id: string;
  clock: OverdueClock;
  step_no: number;
  due_at: Date | string;
  state: CaseState;
  street_id: string;
  community_id: string;
  grid_id: string | null;
}

/**
 * The SLA sweeper. Safe with any number of server processes running it at once: overdue records
 * are inserted with ON CONFLICT DO NOTHING on (case, clock, step), and only the process whose
 * insert took writes the `case.overdue` event, in the same transaction; automatic closes are
 * guarded by the case version like any other action.
 */
export async function sweepCases(em: EntityManager, app: Pick<AppServices, 'clock'>): Promise<SweepResult> {
  const now = app.clock.now();
  let overdue = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const { found, written } = await recordOverdue(em.fork(), now);
    overdue += written;
    if (found < BATCH) break;
  }
  const closed = await closeUnrated(em.fork(), now);
  return { overdue, closed };
}

async function recordOverdue(em: EntityManager, now: Date): Promise<{ found: number; written: number }> {
  const candidates = (await em.getConnection().execute(
    `select c.id, c.street_id, c.community_id, c.grid_id, c.state, c.step_no, c.due_at, c.overall_due_at
     from case_record c
     where c.state in (${OPEN}) and (
       (c.due_at < ? and not exists (select 1 from case_overdue o
          where o.case_id = c.id and o.clock = 'STEP' and o.step_no = c.step_no))
       or (c.overall_due_at < ? and not exists (select 1 from case_overdue o
          where o.case_id = c.id and o.clock = 'OVERALL' and o.step_no = 0)))
     order by c.id limit ${BATCH}`,
    [now, now],
    'all',
  )) as Candidate[];
  if (!candidates.length) return { found: 0, written: 0 };

  const values: string[] = [];
  const params: unknown[] = [];
  const row = (c: Candidate, clock: OverdueClock, stepNo: number, dueAt: Date | string) => {
    values.push('(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    params.push(
      uuidv7(),
      now,
      now,
      c.street_id,
      c.community_id,
      c.grid_id,
      c.id,
      clock,
      stepNo,
      dueAt,
      now,
      c.state,
    );
  };
  for (const c of candidates) {
    if (new Date(c.due_at).getTime() < now.getTime()) row(c, OverdueClock.STEP, c.step_no, c.due_at);
    if (new Date(c.overall_due_at).getTime() < now.getTime())
      row(c, OverdueClock.OVERALL, 0, c.overall_due_at);
  }
  let written = 0;
  await em.transactional(async (tem) => {
    const inserted = (await tem.execute(
      `insert into case_overdue
         (id, created_at, updated_at, street_id, community_id, grid_id, case_id, clock, step_no, due_at, detected_at, state)
       values ${values.join(', ')}
       on conflict (case_id, clock, step_no) do nothing
       returning case_id, clock, step_no, due_at, state, street_id, community_id, grid_id`,
      params,
      'all',
    )) as Inserted[];
    for (const r of inserted) {
      tem.create(DomainEvent, {
        type: 'case.overdue',
        subjectId: toGlobalId('Case', r.case_id),
        payload: {
          clock: r.clock,
          stepNo: Number(r.step_no),
          dueAt: new Date(r.due_at).toISOString(),
          state: r.state,
        },
        occurredAt: now,
        actorId: null,
        requestId: null,
        streetId: r.street_id,
        communityId: r.community_id,
        gridId: r.grid_id,
      });
    }
    written = inserted.length;
  });
  return { found: candidates.length, written };
}

/** "CLOSED (after the resident's rating, or a timeout)": the timeout, as a system step. */
async function closeUnrated(em: EntityManager, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - RATING_TIMEOUT_DAYS * 24 * 3600 * 1000);
  const due = await em.find(
    Case,
    { state: CaseState.FEEDBACK_GIVEN, feedbackAt: { $lt: cutoff } },
    { orderBy: { id: 'asc' }, limit: BATCH },
  );
  let closed = 0;
  for (const found of due) {
    const fork = em.fork();
    const c = await fork.findOne(Case, found.id);
    if (!c || c.state !== CaseState.FEEDBACK_GIVEN) continue;
    const rule = transitionFor(c, CaseAction.CLOSE);
    const category = await fork.findOneOrFail(CaseCategory, c.categoryId);
    const version = c.version + 1;
    const data = applyTransition(c, rule, {}, now, category);
    data.automatic = true;
    fork.create(CaseEvent, {
      caseId: c.id,
      version,
      action: CaseAction.CLOSE,
      fromState: rule.from,
      toState: c.state,
      level: c.level,
      at: now,
      actorId: null,
      actorName: null,
      note: `${RATING_TIMEOUT_DAYS}日内未评价，自动结案`,
      data,
    });
    fork.create(DomainEvent, {
      type: 'case.closed',
      subjectId: toGlobalId('Case', c.id),
      payload: {
        action: CaseAction.CLOSE,
        fromState: rule.from,
        toState: c.state,
        level: c.level,
        version,
        ...data,
      },
      occurredAt: now,
      actorId: null,
      requestId: null,
      streetId: c.streetId,
      communityId: c.communityId,
      gridId: c.gridId ?? null,
    });
    await notifyCaseStateChange({
      em: fork,
      case: c,
      action: CaseAction.CLOSE,
      from: rule.from,
      to: c.state,
      at: now,
      actorId: null,
      requestId: null,
    });
    try {
      await fork.flush();
      closed++;
    } catch (e) {
      // Someone acted on the case meanwhile (or another process closed it): theirs stands.
      if (!(e instanceof OptimisticLockError) && !(e instanceof UniqueConstraintViolationException)) throw e;
    }
  }
  return closed;
}
