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
 *
 *   npm run migration:create -- Name                     every difference
 *   npm run migration:create -- Name --tables a_,b       only statements naming these tables / enum
 *                                                        types (a trailing `_` matches a prefix), so
 *                                                        work in progress elsewhere stays out
 *   npm run migration:check                              fails when entities and migrations differ
 *   npm run migration:create -- --index                  only rewrites migrations/index.ts
 */
const INITIAL = 'Migration20260101000000_Initial';

interface Args {
  name?: string;
  tables?: string[];
  check: boolean;
  index: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { check: false, index: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--check') args.check = true;
    else if (a === '--index') args.index = true;
    else if (a === '--tables') args.tables = (argv[++i] ?? '').split(',').filter(Boolean);
    else args.name = a;
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = resolve(__dirname, '../migrations');
  if (args.index) {
    // After merging branches that each added migrations: list every file again, in order.
    writeIndex(dir);
    return;
  }
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
    if (args.check) {
      const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      if (diff.trim()) {
        console.error('Entities and migrations differ; run `npm run migration:create -- Name`:\n' + diff);
        process.exitCode = 1;
      } else {
        console.log('Migrations match the entities.');
      }
      return;
    }
    const result = await orm.getMigrator().createMigration(dir, false, false, args.name);
    if (!result.fileName) {
      console.log('No changes: no migration written.');
    } else if (args.name === 'Initial') {
      // The initial schema keeps one fixed name so hand-written migrations always sort after it.
      const generated = result.fileName.replace(/\.ts$/, '');
      const code = readFileSync(join(dir, result.fileName), 'utf8').replace(generated, INITIAL);
      unlinkSync(join(dir, result.fileName));
      writeFileSync(join(dir, `${INITIAL}.ts`), code);
      console.log(`Wrote migrations/${INITIAL}.ts`);
    } else {
      if (args.tables) filterStatements(join(dir, result.fileName), args.tables);
      console.log(`Wrote migrations/${result.fileName}`);
    }
  } finally {
    await orm.close();
  }
  writeIndex(dir);
}

/** Keeps only the statements that name one of the given tables (or types) in double quotes. */
function filterStatements(file: string, tables: string[]): void {
  const names = tables.map((t) => (t.endsWith('_') ? `"${t}` : `"${t}"`));
  const lines = readFileSync(file, 'utf8').split('\n');
  const kept = lines.filter((line) => !line.includes('this.addSql(') || names.some((n) => line.includes(n)));
  writeFileSync(file, kept.join('\n'));
}

function writeIndex(dir: string): void {
  const files = readdirSync(dir)
    .filter((f) => /^Migration\d+.*\.ts$/.test(f))
    .sort();
  const names = files.map((f) => f.replace(/\.ts$/, ''));
  const imports = names.map((n) => `import { ${className(n)} } from './${n}';`).join('\n');
  const list = names.map((n) => `  { name: '${n}', class: ${className(n)} },`).join('\n');
  writeFileSync(
    join(dir, 'index.ts'),
    `import type { MigrationObject } from '@mikro-orm/core';\n${imports}\n\n` +
      `/** Every migration, in order; \`npm run migration:create\` appends to this list. */\n` +
      `export const migrationsList: MigrationObject[] = [\n${list}\n];\n`,
  );
}

function className(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
