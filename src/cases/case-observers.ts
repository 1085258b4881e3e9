import type { EntityManager } from '@mikro-orm/postgresql';
import type { Case } from './case.entity';
import type { CaseAction, CaseState } from './case.enums';

/** A case changed state: what observers get, before the change is flushed. */
export interface CaseStateChange {
  /** The unit of work the change is flushed with: whatever an observer queues there commits with it. */
  em: EntityManager;
  case: Case;
  action: CaseAction;
  from: CaseState;
  to: CaseState;
  at: Date;
  /** The user or API key acting; null for system steps (the rating timeout). */
  actorId: string | null;
  requestId: string | null;
}

/**
 * Code outside the closed loop that keeps its own records in step with a case (the module SDK's
 * case links). Called in the same transaction as the state change; an observer that throws refuses
 * the change.
 */
export type CaseStateObserver = (change: CaseStateChange) => Promise<void>;

const observers = new Set<CaseStateObserver>();

/** Registers an observer of case state changes; returns the function that removes it. */
export function observeCaseStates(observer: CaseStateObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

/** Tells every observer about a state change (only real changes: `from` differs from `to`). */
export async function notifyCaseStateChange(change: CaseStateChange): Promise<void> {
  if (change.from === change.to) return;
  for (const observer of observers) await observer(change);
}
