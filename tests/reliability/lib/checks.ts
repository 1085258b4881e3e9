import type { Response } from './client';

/**
 * What a client may be told: the API's own codes (src/graphql/errors.ts) except the generic
 * INTERNAL_SERVER_ERROR, and the codes Apollo and graphql-js give a malformed request.
 */
export const KNOWN_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'MODULE_NOT_ENABLED',
  'INVALID_TRANSITION',
  'RATE_LIMITED',
  'IDEMPOTENCY_KEY_REUSED',
  'SERVICE_UNAVAILABLE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** Server-side text that must never reach a client (only flagged when the request did not carry it). */
const LEAKS: [string, RegExp][] = [
  ['stack trace', /\n\s+at [\w$.<>]+ \(|\bat (?:async )?[\w$.]+ \([^)]*:\d+:\d+\)/],
  ['source path', /(?:\/src\/|\/dist\/|node_modules\/)[\w./-]+\.(?:ts|js)\b/],
  ['SQL', /\b(?:select .{1,200} from |insert into |update \S+ set |delete from )/i],
  [
    'database error',
    /\b(?:violates (?:foreign key|unique|check|not-null) constraint|syntax error at or near|relation "\w+"|column "\w+"|duplicate key value|invalid input syntax for type|current transaction is aborted)/i,
  ],
  [
    'driver error',
    /\b(?:ECONNREFUSED|ECONNRESET|DriverException|MikroORM|knex|TypeError|ReferenceError|RangeError|Cannot read propert)/,
  ],
];

export interface Verdict {
  ok: boolean;
  problems: string[];
  codes: string[];
}

/**
 * Judges one answer: data or typed errors with known codes, no leak, an answer at all. `sent` is
 * the raw request so echoes of the request's own hostile text are not taken for leaks.
 */
export function judge(r: Response, sent: string): Verdict {
  const problems: string[] = [];
  const codes: string[] = [];
  if (r.status === 0) {
    problems.push(`no answer: ${r.networkError}`);
    return { ok: false, problems, codes };
  }
  if (!r.body || typeof r.body !== 'object') {
    problems.push(`HTTP ${r.status} answer is not GraphQL JSON: ${r.text.slice(0, 300)}`);
  } else {
    const errors = r.body.errors;
    if (!('data' in r.body) && !errors?.length)
      problems.push(`HTTP ${r.status} answer has neither data nor errors`);
    for (const e of errors ?? []) {
      const code = e.extensions?.code;
      codes.push(String(code ?? '(none)'));
      if (typeof code !== 'string' || !KNOWN_CODES.has(code)) {
        problems.push(`error with code ${String(code)}: ${String(e.message).slice(0, 300)}`);
      }
      if ('stacktrace' in (e.extensions ?? {})) problems.push('stacktrace in extensions');
    }
  }
  if (r.status >= 500 && r.status !== 503) problems.push(`HTTP ${r.status}`);
  for (const [what, re] of LEAKS) {
    const m = re.exec(r.text);
    if (m && !re.test(sent))
      problems.push(`${what} leaked: …${r.text.slice(Math.max(0, m.index - 80), m.index + 120)}…`);
  }
  return { ok: problems.length === 0, problems, codes };
}
