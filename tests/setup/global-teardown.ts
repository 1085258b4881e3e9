import { rmSync } from 'node:fs';
import { dropDatabase } from './db';

export default async function globalTeardown(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (base && process.env.GRIDGOV_TEST_TEMPLATE) await dropDatabase(base, process.env.GRIDGOV_TEST_TEMPLATE);
  if (process.env.GRIDGOV_TEST_SNAPSHOT) rmSync(process.env.GRIDGOV_TEST_SNAPSHOT, { force: true });
}
