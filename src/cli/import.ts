import 'reflect-metadata';
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { SingleBar } from 'cli-progress';
import { LoginLimiter } from '../auth/login-limiter';
import { viewerOf } from '../auth/auth.service';
import { ScopeLevel, UserRole } from '../auth/roles';
import { TokenService } from '../auth/token.service';
import { User } from '../auth/user.entity';
import type { Viewer } from '../auth/viewer';
import { ConfigError, loadConfig } from '../config';
import { createOrm, embeddedDir, migrate } from '../db/orm';
import { AppError } from '../graphql/errors';
import { importResidentSheet, type SheetImportResult } from '../integration/resident-sheet';
import { readSpreadsheet, SpreadsheetError } from '../integration/spreadsheet-reader';
import { systemClock, type AppServices, type RequestContext } from '../server/context';
import { createLogger } from '../server/logger';
import { Community } from '../territory';

/*
 * npm run import -- residents FILE.xlsx|FILE.csv --source NAME --community CODE [--mapping headers.json]
 *
 * Imports a residents ledger into one community through the same upsert service as the API, on the
 * database `npm start` uses (DATABASE_URL, or the embedded one in DATA_DIR — stop the server first
 * when it runs on the embedded database: only one process may open it). Problems are written next
 * to the file as FILE.errors.csv (row number, column, reason; personal data masked).
 */

const USAGE = `Usage: npm run import -- residents FILE.xlsx|FILE.csv --source NAME --community CODE
         [--mapping headers.json] [--sheet NAME] [--as USERNAME]

  --source     name of the ledger or system the rows come from; re-importing the same file
               with the same source updates what changed and leaves the rest UNCHANGED
  --community  community code, e.g. SQ0101
  --mapping    JSON object { "file header": "field or standard header" } for other layouts
  --sheet      worksheet name (default: the first)
  --as         act as this user (their role and jurisdiction); default: a community operator
`;

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** An ORM to use instead of opening the configured database (tests). */
  orm?: MikroORM;
}

export interface ImportRun {
  exitCode: number;
  result?: SheetImportResult;
  reportFile?: string;
  rowsPerSecond?: number;
}

/** Exit codes: 0 all rows imported, 3 some rows refused (see the report), 2 usage, 1 failure. */
export async function runImport(argv: string[], io: CliIo): Promise<ImportRun> {
  const fail = (msg: string, code = 1): ImportRun => {
    io.stderr.write(msg.endsWith('\n') ? msg : msg + '\n');
    return { exitCode: code };
  };
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (e) {
    return fail(`${(e as Error).message}\n\n${USAGE}`, 2);
  }
  const [kind, file] = args.positionals;
  const { source, community: communityCode, mapping: mappingFile, sheet, as } = args.values;
  if (kind !== 'residents' || !file || !source || !communityCode) return fail(USAGE, 2);

  let mapping: Record<string, string> | null = null;
  if (mappingFile) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(mappingFile, 'utf8'));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('not a JSON object');
      if (Object.values(parsed).some((v) => typeof v !== 'string'))
        throw new Error('values must be field names');
      mapping = parsed as Record<string, string>;
    } catch (e) {
      return fail(
        `${mappingFile}: not a header mapping (${(e as Error).message}); expected {"file header": "field"}`,
        2,
      );
    }
  }

  let rows;
  try {
    rows = await readSpreadsheet(file, sheet);
  } catch (e) {
    if (e instanceof SpreadsheetError || (e as NodeJS.ErrnoException).code === 'ENOENT') {
      return fail((e as Error).message);
    }
    throw e;
  }

  let config;
  try {
    config = loadConfig(io.env);
  } catch (e) {
    if (e instanceof ConfigError) return fail(e.message);
    throw e;
  }
  const log = createLogger({ ...config, logLevel: io.env.LOG_LEVEL ? config.logLevel : 'warn' });
  const handle = io.orm
    ? null
    : await createOrm({
        databaseUrl: config.databaseUrl,
        pgliteDir: config.databaseUrl ? undefined : embeddedDir(config),
        poolMax: 2,
        statementTimeoutMs: config.dbStatementTimeoutMs,
      });
  const orm = io.orm ?? handle!.orm;
  try {
    if (handle) await migrate(orm);
    const em = orm.em.fork();
    const community = await em.findOne(Community, { code: communityCode.trim().toUpperCase() });
    if (!community) return fail(`No community with code ${communityCode}`);
    let viewer: Viewer;
    if (as) {
      const user = await em.findOne(User, { username: as });
      if (!user || !user.active) return fail(`No active user ${as}`);
      viewer = viewerOf(user);
    } else {
      viewer = {
        kind: 'user',
        id: '00000000-0000-0000-0000-000000000000',
        username: 'import-cli',
        role: UserRole.COMMUNITY_ADMIN,
        jurisdiction: {
          level: ScopeLevel.COMMUNITY,
          streetId: community.streetId,
          communityId: community.id,
        },
      };
    }
    const app: AppServices = {
      config,
      tokens: new TokenService(config.jwtSecret, config.jwtTtlSeconds),
      log,
      clock: systemClock,
      loginLimiter: new LoginLimiter(),
    };
    const ctx: RequestContext = {
      requestId: `import-${Date.now()}`,
      ip: '127.0.0.1',
      em,
      viewer,
      locale: /^en/i.test(io.env.LANG ?? '') ? 'en' : 'zh',
      app,
      log,
      loaders: new Map(),
    };

    const bar = new SingleBar({
      stream: io.stderr,
      format: '导入 import [{bar}] {percentage}% | {value}/{total} | {eta_formatted}',
      noTTYOutput: false,
      hideCursor: !!io.stderr.isTTY,
    });
    let started = false;
    const began = Date.now();
    let result: SheetImportResult;
    try {
      result = await importResidentSheet(ctx, {
        source,
        communityId: community.id,
        rows,
        mapping,
        onProgress: (done, total) => {
          if (!io.stderr.isTTY) return;
          if (!started) {
            bar.start(total, 0);
            started = true;
          }
          bar.update(done);
        },
      });
    } catch (e) {
      if (e instanceof AppError) {
        const msg = (e.extensions as { i18n: { zh: string; en: string } }).i18n;
        return fail(`${file}: ${msg[ctx.locale]}`, 2);
      }
      throw e;
    } finally {
      if (started) bar.stop();
    }
    const seconds = (Date.now() - began) / 1000;
    const rowsPerSecond = Math.round(result.rows.length / Math.max(seconds, 0.001));

    const reportFile = file.replace(/\.(xlsx|csv)$/i, '') + '.errors.csv';
    if (result.errors) writeFileSync(reportFile, errorReport(result, ctx.locale));
    else if (existsSync(reportFile)) unlinkSync(reportFile);

    io.stdout.write(
      `${file}: ${result.rows.length} rows in ${seconds.toFixed(1)} s (${rowsPerSecond} rows/s)\n` +
        `  residents: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.errors} refused\n` +
        `  households: ${result.householdsCreated} created, ${result.householdsUpdated} updated\n` +
        (result.ignoredColumns.length
          ? `  columns not imported: ${result.ignoredColumns.join(', ')}\n`
          : '') +
        (result.errors ? `  problems: ${reportFile}\n` : ''),
    );
    return {
      exitCode: result.errors ? 3 : 0,
      result,
      reportFile: result.errors ? reportFile : undefined,
      rowsPerSecond,
    };
  } finally {
    await handle?.close();
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      source: { type: 'string' },
      community: { type: 'string' },
      mapping: { type: 'string' },
      sheet: { type: 'string' },
      as: { type: 'string' },
    },
  });
}

const csvCell = (v: string | number | null) => {
  const s = v == null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly. */
export function errorReport(result: SheetImportResult, locale: 'zh' | 'en'): string {
  const lines = [['行号', '列', '原因', '值（已脱敏）', '代码'].join(',')];
  for (const r of result.rows) {
    for (const p of r.problems) {
      lines.push([r.rowNumber, p.column, p.message[locale], p.value, p.code].map(csvCell).join(','));
    }
  }
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

if (require.main === module) {
  runImport(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env })
    .then((r) => process.exit(r.exitCode))
    .catch((err) => {
      process.stderr.write(
        `import failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exit(1);
    });
}
