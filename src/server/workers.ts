import type { MikroORM } from '@mikro-orm/postgresql';
import type { WorkerDefinition } from '../graphql/feature';
import { unavailableMessage } from '../graphql/format-error';
import type { AppServices } from './context';

export interface RunningWorkers {
  /** Stops the timers and waits for runs in progress. */
  stop(): Promise<void>;
}

/**
 * Runs each worker on its interval, never two runs of the same worker at once in this process.
 * Across processes, workers rely on the database (row locks, unique keys) to stay correct.
 */
export function startWorkers(orm: MikroORM, app: AppServices, workers: WorkerDefinition[]): RunningWorkers {
  const running = new Set<Promise<void>>();
  const timers = workers.map((w) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      const run = w
        .run(orm.em.fork(), app)
        .catch((err) =>
          // A database restart is expected to fail a run or two; the next run picks up the work.
          unavailableMessage(err)
            ? app.log.warn({ err, worker: w.name }, 'worker run failed: database unavailable')
            : app.log.error({ err, worker: w.name }, 'worker run failed'),
        )
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    }, w.intervalMs);
    timer.unref();
    return timer;
  });
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.all([...running]);
    },
  };
}
