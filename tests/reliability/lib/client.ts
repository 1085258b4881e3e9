import { Agent } from 'node:http';
import { request } from 'node:http';

export const DEMO_PASSWORD = 'gridgov-demo';
export const DEMO_USERS = [
  'admin',
  'street_admin',
  'community_admin',
  'grid_worker',
  'grid_worker2',
] as const;

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown> & { code?: string; retryable?: boolean };
}

export interface Response {
  /** HTTP status, or 0 when no answer arrived (connection refused or cut, timeout). */
  status: number;
  text: string;
  body: { data?: Record<string, any> | null; errors?: GqlError[] } | null;
  headers: Record<string, string | string[] | undefined>;
  /** Why no answer arrived. */
  networkError?: string;
  ms: number;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/**
 * POST /graphql over node's http module (not fetch): a cut connection or a timeout must surface as
 * "no answer" with a reason, and every byte of the answer is kept for the leak checks.
 */
export function post(baseUrl: string, payload: unknown, opts: RequestOptions = {}): Promise<Response> {
  const started = Date.now();
  const data = Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload), 'utf8');
  const url = new URL('/graphql', baseUrl);
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: Omit<Response, 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...r, ms: Date.now() - started });
    };
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': data.length,
          'accept-language': 'en',
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) =>
          done({ status: 0, text: '', body: null, headers: {}, networkError: e.message }),
        );
        res.on('aborted', () =>
          done({ status: 0, text: '', body: null, headers: {}, networkError: 'response aborted' }),
        );
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Response['body'] = null;
          try {
            body = JSON.parse(text);
          } catch {
            body = null;
          }
          done({ status: res.statusCode ?? 0, text, body, headers: res.headers });
        });
      },
    );
    req.setTimeout(opts.timeoutMs ?? 30_000, () => {
      req.destroy(new Error(`timeout after ${opts.timeoutMs ?? 30_000} ms`));
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      done({ status: 0, text: '', body: null, headers: {}, networkError: e.code ?? e.message }),
    );
    req.end(data);
  });
}

export async function gql(
  baseUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  opts: RequestOptions = {},
): Promise<Response> {
  return post(baseUrl, { query, variables }, opts);
}

export async function login(baseUrl: string, username: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const r = await gql(
      baseUrl,
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: username, p: DEMO_PASSWORD },
    );
    const token = r.body?.data?.login?.token as string | undefined;
    if (token) return token;
    if (attempt >= 20) throw new Error(`login ${username} failed: ${r.status} ${r.text.slice(0, 500)}`);
    await new Promise((res) => setTimeout(res, 250 * (attempt + 1)));
  }
}

export async function health(baseUrl: string, path = '/readyz', timeoutMs = 5000): Promise<number> {
  try {
    const res = await fetch(new URL(path, baseUrl), { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** Codes a response's errors carry (`(none)` for an error without one). */
export function errorCodes(r: Response): string[] {
  return (r.body?.errors ?? []).map((e) => String(e.extensions?.code ?? '(none)'));
}
