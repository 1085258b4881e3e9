import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Prepares the seeded database in a child process and hands its name to the test workers through
 * the environment. The ORM is never loaded in jest's own process: when jest runs a single file in
 * band, an ORM loaded here would share global metadata with the test's copy and break it.
 */
export default async function globalSetup(): Promise<void> {
  const root = join(__dirname, '../..');
  const out = execFileSync(
    process.execPath,
    ['-r', join(root, 'scripts/register-ts.js'), join(root, 'tests/setup/prepare-db.ts')],
    { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  const line = out.trim().split('\n').pop() ?? '{}';
  Object.assign(process.env, JSON.parse(line) as Record<string, string>);
}
