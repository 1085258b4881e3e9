import type { MigrationObject } from '@mikro-orm/core';
import { Migration20260101000000_Initial } from './Migration20260101000000_Initial';
import { Migration20260101000100_AuditAppendOnly } from './Migration20260101000100_AuditAppendOnly';

/** Every migration, in order; `npm run migration:create` appends to this list. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20260101000000_Initial', class: Migration20260101000000_Initial },
  { name: 'Migration20260101000100_AuditAppendOnly', class: Migration20260101000100_AuditAppendOnly },
];
