import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { useServer as UseServer } from 'graphql-ws/dist/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { authenticate } from '../auth/authenticate';
import type { Viewer } from '../auth/viewer';
import type { Message } from '../graphql/errors';
import { createFormatError } from '../graphql/format-error';
import { documentChecker, queryLimits } from '../graphql/limits';
import { pickLocale, type AppServices } from '../server/context';
import type { EventStream } from './live-events';
import type { LiveContext } from './subscription.service';

// graphql-ws publishes its `ws` adapter through package exports only, which this project's module
// resolution does not read for types; the type comes from the file, the code through require.
const { useServer } = require('graphql-ws/use/ws') as { useServer: typeof UseServer };

/** Operations one connection may keep open at once. */
const MAX_SUBSCRIPTIONS = 50;
/** How often an open connection's credentials are checked again (revoked keys, disabled accounts). */
const RECHECK_MS = 30_000;

interface ConnectionState {
  viewer: Viewer;
  headers: { authorization?: string; 'x-api-key'?: string };
  locale: 'zh' | 'en';
  ip: string;
  timer?: NodeJS.Timeout;
}

export interface LiveServerDeps {
  fastify: FastifyInstance;
  schema: GraphQLSchema;
  orm: MikroORM;
  app: AppServices;
  stream: EventStream;
}

export interface LiveServer {
  close(): Promise<void>;
}

/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol, `graphql-transport-ws`) on the
 * same /graphql path as HTTP. Credentials go in the connection parameters
 * (`{ "authorization": "Bearer <token or API key>" }`) or the upgrade request's headers; the same
 * permission rules, jurisdiction checks, query limits and error format apply as over HTTP.
 * Queries and mutations stay on HTTP (idempotency keys, CSRF prevention).
 */
export function attachSubscriptions(deps: LiveServerDeps): LiveServer {
  const { fastify, schema, orm, app, stream } = deps;
  const log = app.log;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((req.url ?? '').split('?')[0] !== '/graphql') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  fastify.server.on('upgrade', onUpgrade);

  const rules = [
    ...specifiedRules,
    ...queryLimits(app.config.queryLimits, app.config.production).validationRules,
  ];
  const checkDocument = documentChecker(app.config.queryLimits);
  const formatError = createFormatError(log);
  const states = new WeakMap<object, ConnectionState>();
  const stateOf = (extra: object): ConnectionState => {
    const s = states.get(extra);
    if (!s) throw new Error('connection not initialised');
    return s;
  };
  const format = (errors: readonly GraphQLError[], locale: 'zh' | 'en'): GraphQLFormattedError[] =>
    errors.map((e) => localize(formatError(e.toJSON(), e), locale));

  const server = useServer<Record<string, unknown>>(
    {
      schema,
      connectionInitWaitTimeout: 10_000,
      onConnect: async (ctx) => {
        const req = ctx.extra.request;
        const headers = credentials(ctx.connectionParams, req);
        const params = ctx.connectionParams ?? {};
        const state: ConnectionState = {
          viewer: await authenticate(orm.em.fork(), app, headers),
          headers,
          locale: pickLocale(
            typeof params.acceptLanguage === 'string'
              ? params.acceptLanguage
              : req.headers['accept-language'],
          ),
          ip: req.socket.remoteAddress ?? '',
        };
        if (state.viewer.kind !== 'anonymous') {
          state.timer = setInterval(() => void recheck(ctx.extra.socket, state), RECHECK_MS);
          state.timer.unref();
        }
        states.set(ctx.extra, state);
        return true;
      },
      onClose: (ctx) => {
        const state = states.get(ctx.extra);
        if (state?.timer) clearInterval(state.timer);
      },
      onSubscribe: (ctx, id, payload) => {
        const state = stateOf(ctx.extra);
        const refuse = (message: Message, code = 'BAD_USER_INPUT') => [
          new GraphQLError(message[state.locale], { extensions: { code } }),
        ];
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS) {
          return refuse({
            en: `At most ${MAX_SUBSCRIPTIONS} subscriptions per connection`,
            zh: `每个连接最多 ${MAX_SUBSCRIPTIONS} 个订阅`,
          });
        }
        const problem = checkDocument(payload.query);
        if (problem) return refuse({ en: problem, zh: problem }, 'GRAPHQL_PARSE_FAILED');
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (e) {
          return [withCode(e as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length) return invalid.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
        if (getOperationAST(document, payload.operationName)?.operation !== 'subscription') {
          return refuse({
            en: 'Only subscriptions are served over WebSocket; send queries and mutations to POST /graphql',
            zh: 'WebSocket 仅用于订阅；查询和变更请发送到 POST /graphql',
          });
        }
        const contextValue: LiveContext = {
          requestId: `ws-${id}`.slice(0, 64),
          ip: state.ip,
          em: orm.em.fork(),
          viewer: state.viewer,
          locale: state.locale,
          app,
          log: log.child({ subscription: id }) as Logger,
          loaders: new Map(),
          live: stream,
        };
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
      },
      onNext: (ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return;
        return { ...result, errors: format(result.errors, stateOf(ctx.extra).locale) };
      },
      onError: (ctx, _id, _payload, errors) => format(errors, states.get(ctx.extra)?.locale ?? 'zh'),
    },
    wss,
  );

  /** Closes the connection once its credentials stop working (4403: the client must sign in again). */
  async function recheck(socket: { close(code: number, reason: string): void }, state: ConnectionState) {
    try {
      const now = await authenticate(orm.em.fork(), app, state.headers);
      if (now.kind === 'anonymous' || now.id !== state.viewer.id) socket.close(4403, 'Forbidden');
    } catch (err) {
      log.warn({ err }, 'could not re-check a subscription connection');
    }
  }

  return {
    async close() {
      fastify.server.off('upgrade', onUpgrade);
      await server.dispose();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Credentials from the connection parameters, or else from the upgrade request's headers. */
function credentials(
  params: Readonly<Record<string, unknown>> | undefined,
  req: IncomingMessage,
): { authorization?: string; 'x-api-key'?: string } {
  const p = params ?? {};
  const pick = (...names: string[]) => {
    for (const n of names) if (typeof p[n] === 'string') return p[n] as string;
    return undefined;
  };
  const authorization = pick('authorization', 'Authorization') ?? req.headers.authorization;
  const header = req.headers['x-api-key'];
  const apiKey = pick('x-api-key', 'apiKey') ?? (typeof header === 'string' ? header : undefined);
  return {
    ...(authorization ? { authorization } : {}),
    ...(apiKey ? { 'x-api-key': apiKey } : {}),
  };
}

/** Request errors carry the codes Apollo gives them over HTTP. */
function withCode(e: GraphQLError, code: string): GraphQLError {
  if (e.extensions?.code) return e;
  return new GraphQLError(e.message, {
    nodes: e.nodes,
    source: e.source,
    positions: e.positions,
    extensions: { ...e.extensions, code },
  });
}

/** The same message selection `localizeErrors` makes for HTTP responses. */
function localize(e: GraphQLFormattedError, locale: 'zh' | 'en'): GraphQLFormattedError {
  const i18n = e.extensions?.i18n as Message | undefined;
  if (!i18n) return e;
  const { i18n: _drop, ...extensions } = e.extensions ?? {};
  return { ...e, message: i18n[locale], extensions };
}
