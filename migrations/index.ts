import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261129053305_Initial } from './Migration20261129053305_Initial';

/** Every migration, in order; `npm run migration:create` appends to this list. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261129053305_Initial', class: Migration20261129053305_Initial },
];
