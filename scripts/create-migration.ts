import 'reflect-metadata';
import { readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { baseOptions } from '../src/db/orm';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const { PGliteDriver } = require('mikro-orm-pglite') as { PGliteDriver: any };

/**
 * Generates the next migration from the difference between the entities and a fresh embedded
 * database with all committed migrations applied, then rewrites migrations/index.ts.
 * Usage: npm run migration:create [-- name]
 */
const INITIAL = 'Migration20260101000000_Initial';

async function main(): Promise<void> {
  const dir = resolve(__dirname, '../migrations');
  const base = baseOptions();
  const orm = await MikroORM.init({
    ...base,
    driver: PGliteDriver,
    dbName: 'postgres',
    migrations: { ...base.migrations, path: dir, pathTs: dir, emit: 'ts', snapshot: false },
    extensions: [Migrator],
  } as never);
  try {
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration(dir, false, false, process.argv[2]);
    if (!result.fileName) {
      console.log('No changes: no migration written.');
    } else if (process.argv[2] === 'Initial') {
      // The initial schema keeps one fixed name so hand-written migrations always sort after it.
      const generated = result.fileName.replace(/\.ts$/, '');
      const code = readFileSync(join(dir, result.fileName), 'utf8').replace(generated, INITIAL);
      unlinkSync(join(dir, result.fileName));
      writeFileSync(join(dir, `${INITIAL}.ts`), code);
      console.log(`Wrote migrations/${INITIAL}.ts`);
    } else {
      console.log(`Wrote migrations/${result.fileName}`);
    }
  } finally {
    await orm.close();
  }
  writeIndex(dir);
}

function writeIndex(dir: string): void {
  const files = readdirSync(dir)
    .filter((f) => /^Migration\d+.*\.ts$/.test(f))
    .sort();
  const names = files.map((f) => f.replace(/\.ts$/, ''));
  const imports = names.map((n) => `import { ${className(dir, n)} } from './${n}';`).join('\n');
  const list = names.map((n) => `  { name: '${n}', class: ${className(dir, n)} },`).join('\n');
  writeFileSync(
    join(dir, 'index.ts'),
    `import type { MigrationObject } from '@mikro-orm/core';\n${imports}\n\n` +
      `/** Every migration, in order; \`npm run migration:create\` appends to this list. */\n` +
      `export const migrationsList: MigrationObject[] = [\n${list}\n];\n`,
  );
}

function className(_dir: string, name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
