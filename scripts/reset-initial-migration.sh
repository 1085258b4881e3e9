#!/usr/bin/env bash
# Until the first release, the schema has one "Initial" migration, regenerated from all entities.
# Serialized with a lock so that concurrent regenerations cannot leave two of them behind.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/gridgov-migration.lock
flock 9
rm -f migrations/Migration*_Initial.ts
cat >migrations/index.ts <<'TS'
import type { MigrationObject } from '@mikro-orm/core';

export const migrationsList: MigrationObject[] = [];
TS
npm run -s migration:create -- Initial
