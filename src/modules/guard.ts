import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, ErrorCode, type Message } from '../graphql/errors';
import { GridModule } from './grid-module.entity';

/** Which module owns each entity class; filled when the modules are installed. */
const entityModules = new Map<object, string>();
const moduleNames = new Map<string, Message>();

export function registerModuleEntity(entity: { name: string }, moduleId: string): void {
  const owner = entityModules.get(entity);
  if (owner && owner !== moduleId)
    throw new Error(`Entity ${entity.name} is claimed by ${owner} and ${moduleId}`);
  entityModules.set(entity, moduleId);
}

export function registerModuleName(moduleId: string, name: Message): void {
  moduleNames.set(moduleId, name);
}

/**
 * Records whose linked case just changed state (see case-link.ts). The case's change is the
 * closed loop's, not a module write, so it reaches the record even where the module was switched
 * off since: disabling a module loses nothing, and its records keep telling the truth about their
 * cases. Marked one by one, on records already stored, so no new row ever gets past the guard.
 */
const linkedCaseWrites = new WeakSet<object>();

export function allowLinkedCaseWrite(record: object): void {
  linkedCaseWrites.add(record);
}

/** Whether the record is being updated for its linked case (consumes the allowance). */
export function takeLinkedCaseWrite(record: object): boolean {
  return linkedCaseWrites.delete(record);
}

export function moduleOfEntity(entity: object): string | undefined {
  return entityModules.get(entity.constructor);
}

export function moduleNotEnabled(moduleId: string): AppError {
  const name = moduleNames.get(moduleId);
  return new AppError(
    ErrorCode.MODULE_NOT_ENABLED,
    {
      en: `The module "${name?.en ?? moduleId}" is not enabled for this grid`,
      zh: `该网格未启用“${name?.zh ?? moduleId}”模块`,
    },
    { moduleId },
  );
}

/**
 * The shared write guard, run by MikroORM before every insert or update of a module's record: the
 * grid's enablement must be in the unit of work (loaded by `requireEnabled`, or created in the same
 * flush) and on. It runs in the flush itself, so no module write path can skip it.
 */
export function assertEnabledInUnitOfWork(em: EntityManager, moduleId: string, gridId: string): void {
  const uow = em.getUnitOfWork();
  const candidates: object[] = [
    ...uow.getIdentityMap().getStore(em.getMetadata().get(GridModule.name)).values(),
    ...uow.getPersistStack(),
    ...uow.getChangeSets().map((cs) => cs.entity),
  ];
  const found = candidates.find(
    (e): e is GridModule => e instanceof GridModule && e.gridId === gridId && e.moduleId === moduleId,
  );
  if (found?.enabled) return;
  if (found) throw moduleNotEnabled(moduleId);
  throw new Error(
    `A ${moduleId} record was written to grid ${gridId} without its enablement loaded: ` +
      'call requireEnabled(ctx, gridId) before changing module data',
  );
}
