import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { freePort, sleep } from './util';

export const ROOT = join(__dirname, '../../..');
export const JWT_SECRET = 'reliability-secret-reliability-secret-0123456789';

export interface ServerOptions {
  databaseUrl: string;
  logFile: string;
  port?: number;
  env?: Record<string, string>;
  /** Extra node flags (`--trace-gc`). */
  nodeArgs?: string[];
}

/**
 * The built server (`node dist/src/main.js`) as a real process, in the production shape, against
 * the private cluster. Its JSON log goes to a file the run scans afterwards.
 */
export class ServerProcess {
  readonly port: number;
  private child: ChildProcess | null = null;
  private exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | null = null;
  private log: WriteStream | null = null;
  /** Exits nobody asked for (a crash). */
  unexpectedExits: string[] = [];
  private expectingExit = false;

  private constructor(
    private readonly opts: ServerOptions,
    port: number,
  ) {
    this.port = port;
  }

  static async start(opts: ServerOptions): Promise<ServerProcess> {
    const s = new ServerProcess(opts, opts.port ?? (await freePort()));
    await s.spawn();
    return s;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async spawn(): Promise<void> {
    this.expectingExit = false;
    this.log = createWriteStream(this.opts.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [...(this.opts.nodeArgs ?? []), join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(this.port),
        DATABASE_URL: this.opts.databaseUrl,
        JWT_SECRET,
        DEMO_SEED: 'true',
        LOG_LEVEL: 'info',
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_TIMEOUT_MS: '3000',
        DB_STATEMENT_TIMEOUT_MS: '15000',
        ...this.opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(this.log, { end: false });
    child.stderr!.pipe(this.log, { end: false });
    this.child = child;
    this.exit = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        if (!this.expectingExit) this.unexpectedExits.push(`pid ${child.pid}: code ${code} signal ${signal}`);
        resolve({ code, signal });
      }),
    );
    await this.waitReady(120_000);
  }

  async waitReady(timeoutMs: number): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (!this.running) throw new Error(`server exited during start:\n${this.tail()}`);
      try {
        const res = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return Date.now() - started;
      } catch {
        /* not yet */
      }
      await sleep(100);
    }
    throw new Error(`server not ready after ${timeoutMs} ms:\n${this.tail()}`);
  }

  /** SIGKILL: no shutdown code runs, as in a power cut or an OOM kill. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.expectingExit = true;
    this.child!.kill('SIGKILL');
    await this.exit;
  }

  /** Sends SIGTERM; resolves with the exit code and how long the process took to exit. */
  async terminate(timeoutMs = 20_000): Promise<{ code: number | null; ms: number }> {
    if (!this.running) return { code: this.child?.exitCode ?? null, ms: 0 };
    this.expectingExit = true;
    const started = Date.now();
    this.child!.kill('SIGTERM');
    const timer = sleep(timeoutMs).then(() => 'timeout' as const);
    const r = await Promise.race([this.exit!, timer]);
    if (r === 'timeout') {
      this.child!.kill('SIGKILL');
      await this.exit;
      return { code: null, ms: Date.now() - started };
    }
    return { code: r.code, ms: Date.now() - started };
  }

  /** The last lines of this server's log, for failure messages. */
  tail(lines = 30): string {
    try {
      return readFileSync(this.opts.logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}

/** Log lines at error level or above that a run must not produce (unexpected errors, crashes). */
export function scanLog(file: string): { errors: string[]; lines: number } {
  const text = readFileSync(file, 'utf8');
  const errors: string[] = [];
  let lines = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    lines++;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string };
      if ((entry.level ?? 0) >= 50) errors.push(line.slice(0, 2000));
    } catch {
      // Not JSON: demo-seed banner, or an uncaught crash printed by node.
      if (/Error|at .*\(.*:\d+:\d+\)/.test(line)) errors.push(line.slice(0, 2000));
    }
  }
  return { errors, lines };
}
