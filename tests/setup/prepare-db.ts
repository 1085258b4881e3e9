import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrm, migrate } from '../../src/db/orm';
import { seedDemo } from '../../src/db/seed/demo.seed';
import { demoSeedSteps } from '../../src/db/seed/steps';
import { adminQuery, dropDatabase, urlFor } from './db';

/**
 * Builds the database every test file starts from, migrated and seeded once: a PostgreSQL template
 * database when DATABASE_URL is set, otherwise a PGlite data-dir snapshot. Prints what it made as JSON.
 * Runs in its own process so the test runner's process never loads the ORM (see global-setup.ts).
 */
async function main(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (base) {
    const template = `gridgov_tpl_${process.ppid}`;
    await dropDatabase(base, template);
    await adminQuery(base, `create database "${template}"`);
    const handle = await createOrm({ databaseUrl: urlFor(base, template) });
    try {
      await migrate(handle.orm);
      await seedDemo(handle.orm.em.fork(), demoSeedSteps);
    } finally {
      await handle.close();
    }
    process.stdout.write(JSON.stringify({ GRIDGOV_TEST_TEMPLATE: template }) + '\n');
    return;
  }
  const handle = await createOrm({});
  try {
    await migrate(handle.orm);
    await seedDemo(handle.orm.em.fork(), demoSeedSteps);
    const dump = await handle.pglite!.dumpDataDir('none');
    const file = join(tmpdir(), `gridgov-test-${process.ppid}.tar`);
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    process.stdout.write(JSON.stringify({ GRIDGOV_TEST_SNAPSHOT: file }) + '\n');
  } finally {
    await handle.close();
  }
}

main().catch((e) => {
  process.stderr.write(String(e instanceof Error ? (e.stack ?? e.message) : e) + '\n');
  process.exit(1);
});
