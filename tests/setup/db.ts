import { Client } from 'pg';

/** Connection URL of `dbName` on the server `DATABASE_URL` names. */
export function urlFor(base: string, dbName: string): string {
  const u = new URL(base);
  u.pathname = '/' + dbName;
  return u.toString();
}

export async function adminQuery(base: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates a database from the migrated, seeded template; retried while another clone holds it. */
export async function cloneDatabase(base: string, template: string, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(base, `create database "${name}" template "${template}"`);
      return;
    } catch (e) {
      if (attempt < 20 && /being accessed by other users/.test(String(e))) {
        await new Promise((r) => setTimeout(r, 100 + attempt * 50));
        continue;
      }
      throw e;
    }
  }
}

export async function dropDatabase(base: string, name: string): Promise<void> {
  await adminQuery(base, `drop database if exists "${name}" with (force)`);
}
