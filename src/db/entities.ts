import type { EntityClass } from '@mikro-orm/postgresql';
import { coreFeatures } from '../features';

/** Every entity of the application: all tables exist whether or not a module is enabled anywhere. */
export const allEntities: EntityClass<unknown>[] = coreFeatures.flatMap((f) => f.entities);
