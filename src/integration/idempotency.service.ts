import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import type { EntityManager, Transaction } from '@mikro-orm/postgresql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { getOperationAST, parse, type DocumentNode } from 'graphql';
import { AppError, ErrorCode, type Message } from '../graphql/errors';
import { pickLocale, type AppServices, type RequestContext } from '../server/context';
import { IdempotencyRecord } from './idempotency.entity';

/** How long a key is remembered; a retry after that runs the mutation again. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

/** 1–200 printable ASCII characters, as the IETF draft's examples and Stripe's keys are. */
const KEY_FORMAT = /^[\x20-\x7e]{1,200}$/;

/** Namespace of the advisory locks taken on keys ("ggid"), so they cannot meet other lock users. */
const LOCK_CLASS = 0x67676964;

export interface IdempotencyDeps {
  apollo: ApolloServer<RequestContext>;
  context: (req: FastifyRequest) => Promise<RequestContext>;
}

/**
 * POST /graphql with an `Idempotency-Key` header. A mutation runs inside one database transaction
 * that also stores its response under the key, so a crash leaves either both (a retry replays the
 * response) or neither (a retry runs it afresh). Queries, and anonymous requests (sign-in), ignore
 * the key.
 */
export function createIdempotentHandler(deps: IdempotencyDeps) {
  // Keys whose first request is running in this process; other processes meet the advisory lock.
  const inFlight = new Set<string>();

  return async function handleIdempotent(req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const locale = pickLocale(req.headers['accept-language']);
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !KEY_FORMAT.test(key)) {
      return sendError(
        reply,
        400,
        locale,
        ErrorCode.BAD_USER_INPUT,
        {
          en: 'Idempotency-Key must be 1–200 printable ASCII characters',
          zh: 'Idempotency-Key 必须是 1 到 200 个可打印 ASCII 字符',
        },
        { field: 'Idempotency-Key' },
      );
    }
    const body = (req.body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
    const ctx = await deps.context(req);
    if (!isMutation(body) || ctx.viewer.kind === 'anonymous' || !ctx.viewer.id) {
      return send(reply, await execute(deps, req, ctx));
    }
    const scope = `${ctx.viewer.kind}:${ctx.viewer.id}`;
    const keyHash = sha256(`${scope}\n${key}`);
    if (inFlight.has(keyHash)) return sendInFlight(reply, locale);
    inFlight.add(keyHash);
    try {
      return await runOnce(deps, req, reply, ctx, {
        key,
        scope,
        keyHash,
        requestHash: sha256(
          canonicalJson({
            query: body.query,
            variables: body.variables ?? null,
            operationName: body.operationName ?? null,
            viewer: scope,
          }),
        ),
        locale,
      });
    } finally {
      inFlight.delete(keyHash);
    }
  };
}

interface Attempt {
  key: string;
  scope: string;
  keyHash: string;
  requestHash: string;
  locale: 'zh' | 'en';
}

async function runOnce(
  deps: IdempotencyDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  ctx: RequestContext,
  a: Attempt,
): Promise<unknown> {
  const em = ctx.em;
  const now = ctx.app.clock.now();
  const known = await findRecord(em, a.keyHash, now);
  if (known) return replay(reply, known, a);

  const conn = em.getConnection('write');
  const outer = await conn.begin();
  em.setTransactionContext(outer);
  const unpatch = nestTransactions(em);
  let pending = true;
  const rollback = async () => {
    if (!pending) return;
    pending = false;
    await conn.rollback(outer).catch(() => undefined);
    em.clear();
  };
  try {
    const lock = await em.execute<{ ok: boolean }>(
      'select pg_try_advisory_xact_lock(?, ?) as ok',
      [LOCK_CLASS, Number.parseInt(a.keyHash.slice(0, 8), 16) | 0],
      'get',
    );
    if (!lock.ok) {
      await rollback();
      return sendInFlight(reply, a.locale);
    }
    // Another process may have committed this key between the first look and the lock.
    const committed = await findRecord(em, a.keyHash, now);
    if (committed) {
      await rollback();
      return replay(reply, committed, a);
    }

    const res = await execute(deps, req, ctx);
    const text = await bodyText(res);
    const status = res.status ?? 200;
    if (status !== 200) {
      // Refused before execution (parse, validation, CSRF): nothing ran, so nothing is kept.
      await rollback();
      return send(reply, res, text);
    }
    if (reportsRetryable(text)) {
      // Failed for a passing reason (the database went away, a deadlock): nothing is kept, so a
      // retry with this key runs the mutation again instead of replaying "retry" forever.
      await rollback();
      return reportsData(text) ? sendRolledBack(reply, a.locale) : send(reply, res, text);
    }
    const contentType = res.headers.get('content-type') ?? 'application/json; charset=utf-8';
    try {
      // A row for this key can only be an expired one here (live ones were replayed above).
      await em.nativeDelete(IdempotencyRecord, { keyHash: a.keyHash });
      await em.insert(IdempotencyRecord, {
        keyHash: a.keyHash,
        requestHash: a.requestHash,
        viewer: a.scope,
        statusCode: status,
        contentType,
        body: seal(text, a.key, a.scope),
        requestId: ctx.requestId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
      });
      await conn.commit(outer);
      pending = false;
    } catch (e) {
      await rollback();
      ctx.log.warn({ err: e }, 'idempotent mutation rolled back at commit');
      // Nothing was kept. If the answer reported a change, it must not reach the client as done.
      if (reportsData(text)) return sendRolledBack(reply, a.locale);
    }
    reply.header('content-type', contentType);
    return reply.code(status).send(text);
  } catch (e) {
    await rollback();
    throw e;
  } finally {
    unpatch();
    em.resetTransactionContext();
  }
}

async function findRecord(em: EntityManager, keyHash: string, now: Date): Promise<IdempotencyRecord | null> {
  return em.findOne(IdempotencyRecord, { keyHash, expiresAt: { $gt: now } }, { disableIdentityMap: true });
}

function replay(reply: FastifyReply, record: IdempotencyRecord, a: Attempt): FastifyReply {
  if (record.requestHash !== a.requestHash) {
    return sendError(reply, 422, a.locale, ErrorCode.IDEMPOTENCY_KEY_REUSED, {
      en: 'This Idempotency-Key was already used for a different request',
      zh: '该 Idempotency-Key 已用于另一个不同的请求',
    });
  }
  return reply
    .code(record.statusCode)
    .header('content-type', record.contentType)
    .header('idempotent-replayed', 'true')
    .send(unseal(record.body, a.key, a.scope));
}

/**
 * While the outer transaction is open, the request's services must not start transactions of
 * their own (MikroORM's `em.begin()` would open a second, independent one). Their begin, commit
 * and rollback become savepoints of the outer transaction, and a bare flush becomes a savepoint
 * too, so that a refused flush (a duplicate key) undoes only itself, exactly as it would have
 * without the key, and the outer transaction stays usable for the key. (`em.transactional()`
 * nests by itself. Work on a separate EntityManager, `em.fork()`, stays outside the key's
 * transaction by design: only failed sign-ins do that, and sign-in ignores keys.)
 */
function nestTransactions(em: EntityManager): () => void {
  const conn = em.getConnection('write');
  const parents: Transaction[] = [];
  const flush = em.flush.bind(em);
  const savepoint = async () => {
    const parent = em.getTransactionContext<Transaction>()!;
    const trx = await conn.begin({ ctx: parent });
    parents.push(parent);
    em.setTransactionContext(trx);
  };
  const release = async () => {
    await conn.commit(em.getTransactionContext<Transaction>()!);
    em.setTransactionContext(parents.pop()!);
  };
  const undo = async () => {
    try {
      await conn.rollback(em.getTransactionContext<Transaction>()!);
    } finally {
      em.setTransactionContext(parents.pop()!);
      em.getUnitOfWork().clearActionsQueue();
    }
  };
  const own = em as unknown as Record<string, unknown>;
  own.begin = savepoint;
  own.commit = async () => {
    await flush();
    await release();
  };
  own.rollback = undo;
  own.flush = async () => {
    if (parents.length) return flush();
    await savepoint();
    try {
      await flush();
    } catch (e) {
      await undo();
      throw e;
    }
    await release();
  };
  return () => {
    for (const m of ['begin', 'commit', 'rollback', 'flush']) delete own[m];
  };
}

function isMutation(body: { query?: unknown; operationName?: unknown }): boolean {
  if (typeof body.query !== 'string') return false;
  let doc: DocumentNode;
  try {
    doc = parse(body.query, { noLocation: true });
  } catch {
    return false;
  }
  const name = typeof body.operationName === 'string' ? body.operationName : undefined;
  return getOperationAST(doc, name)?.operation === 'mutation';
}

function execute(
  deps: IdempotencyDeps,
  req: FastifyRequest,
  ctx: RequestContext,
): Promise<HTTPGraphQLResponse> {
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  }
  return deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      body: req.body,
      method: req.method.toUpperCase(),
      headers,
      search: new URL(req.url, `${req.protocol}://${req.hostname}/`).search,
    },
    context: async () => ctx,
  });
}

async function bodyText(res: HTTPGraphQLResponse): Promise<string> {
  if (res.body.kind === 'complete') return res.body.string;
  let text = '';
  for await (const chunk of res.body.asyncIterator) text += chunk;
  return text;
}

async function send(reply: FastifyReply, res: HTTPGraphQLResponse, text?: string): Promise<FastifyReply> {
  for (const [k, v] of res.headers) reply.header(k, v);
  return reply.code(res.status ?? 200).send(text ?? (await bodyText(res)));
}

/**
 * The change was rolled back, or (when the connection broke after COMMIT was sent) committed
 * together with its key: either way a retry with the same key gives the true answer.
 */
function sendRolledBack(reply: FastifyReply, locale: 'zh' | 'en'): FastifyReply {
  return sendError(
    reply,
    503,
    locale,
    ErrorCode.SERVICE_UNAVAILABLE,
    {
      en: 'The request did not complete; retry with the same Idempotency-Key (it takes effect at most once)',
      zh: '请求未完成；请使用相同的 Idempotency-Key 重试（最多生效一次）',
    },
    { retryable: true },
  );
}

function sendInFlight(reply: FastifyReply, locale: 'zh' | 'en'): FastifyReply {
  return sendError(
    reply,
    409,
    locale,
    ErrorCode.CONFLICT,
    {
      en: 'A request with this Idempotency-Key is still running; retry later',
      zh: '使用该 Idempotency-Key 的请求仍在处理中，请稍后重试',
    },
    { retryable: true },
  );
}

/** An error answered before GraphQL runs, in the shape and language of every other error. */
function sendError(
  reply: FastifyReply,
  status: number,
  locale: 'zh' | 'en',
  code: ErrorCode,
  message: Message,
  extra: Record<string, unknown> = {},
): FastifyReply {
  const error = new AppError(code, message, extra);
  const { i18n: _i18n, ...extensions } = error.extensions as Record<string, unknown>;
  return reply
    .code(status)
    .header('content-type', 'application/json; charset=utf-8')
    .send(JSON.stringify({ errors: [{ message: message[locale], extensions }] }));
}

/** Whether a response reports that some mutation field returned data. */
function reportsData(text: string): boolean {
  try {
    const data = (JSON.parse(text) as { data?: Record<string, unknown> | null }).data;
    return !!data && Object.values(data).some((v) => v !== null);
  } catch {
    return true;
  }
}

/** Whether a response carries an error the client is told to retry (`extensions.retryable`). */
function reportsRetryable(text: string): boolean {
  try {
    const errors = (JSON.parse(text) as { errors?: { extensions?: { retryable?: unknown } }[] }).errors;
    return !!errors?.some((e) => e.extensions?.retryable === true);
  } catch {
    return false;
  }
}

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/** JSON with sorted keys: the same variables sent in another key order are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function responseKey(key: string, scope: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', Buffer.from(key, 'utf8'), Buffer.from(scope, 'utf8'), 'gridgov idempotency', 32),
  );
}

function seal(text: string, key: string, scope: string): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', responseKey(key, scope), nonce);
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), data]);
}

function unseal(sealed: Buffer, key: string, scope: string): string {
  const decipher = createDecipheriv('aes-256-gcm', responseKey(key, scope), sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}

/** Forgets keys older than 24 hours (a worker; safe to run in several processes at once). */
export async function purgeIdempotencyKeys(em: EntityManager, app: AppServices): Promise<number> {
  return em.nativeDelete(IdempotencyRecord, { expiresAt: { $lte: app.clock.now() } });
}
