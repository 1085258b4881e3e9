/*
 * npm run seed:scale -- --residents 1000000
 *
 * Fills the PostgreSQL database DATABASE_URL names with a district at scale (default: a million
 * residents): migrations first, then every core table by COPY, the installed modules' own seeds on
 * their themed grids, sign-in accounts, and VACUUM ANALYZE. Deterministic: the same --seed and --now
 * give the same rows. The database must be empty (createdb a fresh one).
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { SingleBar, Presets } from 'cli-progress';
import { createOrm, migrate } from '../src/db/orm';
import { SeededRandom } from '../src/db/seed/random';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoTerritory } from '../src/db/seed/demo.seed';
import { hashPassword } from '../src/auth/password';
import { ScopeLevel, UserRole } from '../src/auth/roles';
import { User } from '../src/auth/user.entity';
import { Community, Grid, Street } from '../src/territory';
import { installedModules } from '../modules';
import '../src/features';
import { estimateRows, generateCore, type ScaleSizes } from './scale/generate';

interface Args extends ScaleSizes {
  seed: number;
  now: Date;
}

const HELP = `Usage: npm run seed:scale -- [--residents N] [options]
  --residents N      residents (default 1000000); the other sizes follow it unless given
  --households N     households (default residents × 0.4)
  --grids N          grids (default residents / 1000)
  --communities N    communities (default grids / 25)
  --streets N        streets (default communities / 10)
  --cases-per-day N  cases reported a day (default 500 per million residents)
  --days N           days of case history (default 365)
  --seed N           random seed (default 20260101)
  --now ISO          when the history ends (default: now); give it to reproduce a database exactly
Writes into DATABASE_URL (PostgreSQL, empty database).`;

function parseArgs(argv: string[]): Args {
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      process.stdout.write(HELP + '\n');
      process.exit(0);
    }
    if (!a.startsWith('--') || i + 1 >= argv.length) throw new Error(`Bad argument ${a}\n${HELP}`);
    given.set(a.slice(2), argv[++i]!);
  }
  const known = [
    'residents',
    'households',
    'grids',
    'communities',
    'streets',
    'cases-per-day',
    'days',
    'seed',
    'now',
  ];
  for (const k of given.keys()) if (!known.includes(k)) throw new Error(`Unknown option --${k}\n${HELP}`);
  const int = (k: string, d: number, min = 1) => {
    const v = given.has(k) ? Number(given.get(k)) : d;
    if (!Number.isInteger(v) || v < min) throw new Error(`--${k} must be an integer ≥ ${min}`);
    return v;
  };
  const residents = int('residents', 1_000_000, 100);
  const grids = int('grids', Math.max(1, Math.round(residents / 1000)));
  const communities = int('communities', Math.max(1, Math.round(grids / 25)));
  const now = given.has('now') ? new Date(given.get('now')!) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error('--now must be an ISO date-time');
  const sizes = {
    residents,
    households: int('households', Math.max(grids, Math.round(residents * 0.4))),
    grids,
    communities,
    streets: int('streets', Math.max(1, Math.round(communities / 10))),
    casesPerDay: int('cases-per-day', Math.max(1, Math.round((500 * residents) / 1_000_000))),
    days: int('days', 365),
    seed: int('seed', 20260101, 0),
    now,
  };
  if (sizes.communities > sizes.grids || sizes.streets > sizes.communities || sizes.grids > sizes.households)
    throw new Error('Sizes must nest: streets ≤ communities ≤ grids ≤ households');
  return sizes;
}

/** Drops foreign keys and plain (non-constraint) indexes; returns the statements that restore them. */
async function detachConstraints(db: Client): Promise<string[]> {
  const fks = (
    await db.query<{ t: string; name: string; def: string }>(
      `select c.conrelid::regclass::text as t, c.conname as name, pg_get_constraintdef(c.oid) as def
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace
       where c.contype = 'f' and n.nspname = 'public'`,
    )
  ).rows;
  const indexes = (
    await db.query<{ name: string; def: string }>(
      `select i.indexname as name, i.indexdef as def from pg_indexes i
       where i.schemaname = 'public'
         and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    )
  ).rows;
  for (const f of fks) await db.query(`alter table ${f.t} drop constraint "${f.name}"`);
  for (const i of indexes) await db.query(`drop index "${i.name}"`);
  return [
    ...indexes.map((i) => i.def),
    ...fks.map((f) => `alter table ${f.t} add constraint "${f.name}" ${f.def}`),
  ];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url))
    throw new Error('Set DATABASE_URL to an empty PostgreSQL database');
  const started = Date.now();
  const log = (m: string) => process.stdout.write(`${m}\n`);
  log(
    `Scale seed into ${url.replace(/\/\/[^@]*@/, '//')}: ${args.residents} residents, ${args.households} households, ` +
      `${args.grids} grids, ${args.communities} communities, ${args.streets} streets, ` +
      `${args.casesPerDay} cases a day for ${args.days} days (seed ${args.seed}, now ${args.now.toISOString()})`,
  );

  const handle = await createOrm({ databaseUrl: url, poolMax: 4, statementTimeoutMs: 3_600_000 });
  try {
    const applied = await migrate(handle.orm);
    log(`Migrations applied: ${applied.length}`);
    const em = handle.orm.em.fork();
    if ((await em.count(Street, {})) > 0)
      throw new Error('The database is not empty: use a fresh one (createdb)');

    const bar = new SingleBar(
      {
        format:
          ' {bar} {percentage}% | {value}/{total} rows | {phase} | elapsed {duration_formatted} | ETA {eta_formatted}',
        etaBuffer: 200,
        fps: 4,
      },
      Presets.shades_classic,
    );
    const total = estimateRows(args);
    let done = 0;
    bar.start(total, 0, { phase: 'territory' });
    // Tables are filled by parallel COPY streams, children before their parents commit: foreign keys
    // and plain indexes come off for the load and go back on after it, which checks every row then.
    const db = new Client({ connectionString: url });
    await db.connect();
    const deferred = await detachConstraints(db);
    await generateCore({
      ...args,
      url,
      onRows: (phase, n) => {
        done += n;
        if (done > total) bar.setTotal(done);
        bar.update(done, { phase });
      },
    });
    bar.update(done, { phase: 'indexes and foreign keys' });
    for (const sql of deferred) await db.query(sql);
    bar.update(done, { phase: 'modules' });

    // Every installed module's own seed, run for each community as for the demo one (whose nine
    // grids have the nine themes): their tables, grid_module rows and activities on the themed grids.
    const allCommunities = await em.find(Community, {}, { orderBy: { code: 'asc' } });
    const streets = new Map((await em.find(Street, {})).map((s) => [s.id, s]));
    const themes = new Set(installedModules.map((m) => m.id));
    let runs = 0;
    for (const [ci, community] of allCommunities.entries()) {
      for (const [mi, module] of installedModules.entries()) {
        if (!module.seed) continue;
        const fork = handle.orm.em.fork();
        const grids = await fork.find(Grid, { communityId: community.id }, { orderBy: { code: 'asc' } });
        if (!grids.some((g) => g.theme && themes.has(g.theme) && g.theme === module.id)) continue;
        const territory: DemoTerritory = {
          street: streets.get(community.streetId)!,
          community,
          grids,
          random: new SeededRandom(args.seed + 1000 * (ci + 1) + mi),
        };
        await module.seed(fork, territory);
        await fork.flush();
        bar.update(done, { phase: `modules ${++runs}` });
      }
    }

    // The demo accounts, on the first street, community and grids: the README's sign-in works here too.
    const firstCommunity = (await em.find(Community, {}, { orderBy: { code: 'asc' }, limit: 1 }))[0]!;
    const firstGrids = await em.find(
      Grid,
      { communityId: firstCommunity.id },
      { orderBy: { code: 'asc' }, limit: 2 },
    );
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const a of DEMO_ACCOUNTS) {
      const level =
        a.role === UserRole.PLATFORM_ADMIN
          ? ScopeLevel.PLATFORM
          : a.role === UserRole.STREET_ADMIN
            ? ScopeLevel.STREET
            : a.role === UserRole.COMMUNITY_ADMIN
              ? ScopeLevel.COMMUNITY
              : ScopeLevel.GRID;
      const grid = a.username === 'grid_worker2' ? (firstGrids[1] ?? firstGrids[0]!) : firstGrids[0]!;
      em.create(User, {
        username: a.username,
        passwordHash,
        displayName: a.displayName,
        role: a.role,
        scopeLevel: level,
        streetId: level === ScopeLevel.PLATFORM ? null : firstCommunity.streetId,
        communityId: level === ScopeLevel.COMMUNITY || level === ScopeLevel.GRID ? firstCommunity.id : null,
        gridId: level === ScopeLevel.GRID ? grid.id : null,
      });
    }
    await em.flush();

    bar.update(done, { phase: 'vacuum analyze' });
    await db.query('vacuum analyze');
    const counts = (
      await db.query<{ t: string; n: string }>(
        `select relname as t, n_live_tup as n from pg_stat_user_tables where n_live_tup > 0 order by n_live_tup desc`,
      )
    ).rows;
    await db.end();
    bar.stop();
    log(`Done in ${Math.round((Date.now() - started) / 1000)} s. Rows:`);
    for (const c of counts) log(`  ${c.t.padEnd(28)} ${Number(c.n).toLocaleString('en')}`);
    log(`Sign in as community_admin (password "${DEMO_PASSWORD}") for ${firstCommunity.name}.`);
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  process.stderr.write(
    `\nseed:scale failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
