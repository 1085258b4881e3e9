import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { authenticate } from '../auth/authenticate';
import { countStatements, statementTotal } from '../db/statement-counter';
import { createFormatError, localizeErrors } from '../graphql/format-error';
import { documentChecker, queryLimits } from '../graphql/limits';
import {
  attachSubscriptions,
  createIdempotentHandler,
  registerIntegrationRoutes,
  type EventStream,
  type LiveServer,
} from '../integration';
import { registerReportRoutes } from '../reports';
import { pickLocale, type AppServices, type RequestContext } from './context';
import { registerGraphiql, wantsHtml, GRAPHIQL_HTML } from './graphiql';
import { installHttpErrorHandler, refuseHttpSubscriptions, unavailableError } from './http-errors';

export interface ServerDeps {
  app: AppServices;
  orm: MikroORM;
  schema: GraphQLSchema;
  /** Committed events for subscriptions; without it, /graphql serves no WebSocket. */
  events?: EventStream;
}

export interface Server {
  fastify: FastifyInstance;
  apollo: ApolloServer<RequestContext>;
  /** Stops accepting requests, lets in-flight ones finish, then stops Apollo. */
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function createServer({ app, orm, schema, events }: ServerDeps): Promise<Server> {
  const { config, log } = app;
  const fastify = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    disableRequestLogging: config.env === 'test',
    bodyLimit: 5 * 1024 * 1024,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  countStatements(orm);
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  installHttpErrorHandler(fastify, log);

  const limits = queryLimits(config.queryLimits, config.production);
  const checkDocument = documentChecker(config.queryLimits);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // main.ts owns shutdown: it stops Apollo (draining HTTP) and then closes the database.
    stopOnTerminationSignals: false,
    formatError: createFormatError(log),
    // Compact JSON: Apollo's default indents every response, which costs time and bytes.
    stringifyResult: (value) => JSON.stringify(value),
    validationRules: limits.validationRules,
    plugins: [
      fastifyApolloDrainPlugin(fastify),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      localizeErrors,
      refuseHttpSubscriptions as ApolloServerPlugin<RequestContext>,
      ...(limits.plugins as ApolloServerPlugin<RequestContext>[]),
    ],
  });
  await apollo.start();

  const context = async (req: FastifyRequest): Promise<RequestContext> => {
    const em = orm.em.fork();
    const locale = pickLocale(req.headers['accept-language']);
    let viewer;
    try {
      viewer = await authenticate(em, app, req.headers);
    } catch (e) {
      throw unavailableError(e, locale) ?? e;
    }
    return {
      requestId: String(req.id),
      ip: req.ip,
      em,
      viewer,
      locale,
      app,
      log: req.log as unknown as Logger,
      loaders: new Map(),
    };
  };
  const apolloHandler = fastifyApolloHandler(apollo, { context });
  const idempotent = createIdempotentHandler({ apollo, context });
  const handler = (req: FastifyRequest, reply: FastifyReply) => {
    const body = req.body as { query?: unknown } | undefined;
    const query = req.method === 'GET' ? (req.query as { query?: unknown } | undefined)?.query : body?.query;
    if (typeof query === 'string') {
      const problem = checkDocument(query);
      if (problem) {
        return reply
          .code(400)
          .send({ errors: [{ message: problem, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] });
      }
    }
    if (req.method === 'POST' && req.headers['idempotency-key'] !== undefined) return idempotent(req, reply);
    return apolloHandler.call(fastify, req as never, reply as never);
  };

  fastify.post('/graphql', handler);
  fastify.get('/graphql', (req: FastifyRequest, reply: FastifyReply) => {
    const query = (req.query as Record<string, unknown> | undefined)?.query;
    if (!query && wantsHtml(req.headers.accept)) {
      return reply.header('content-type', 'text/html; charset=utf-8').send(GRAPHIQL_HTML);
    }
    return handler(req, reply);
  });
  registerGraphiql(fastify);
  registerReportRoutes(fastify, context);
  registerIntegrationRoutes(fastify, { app, context });
  const live: LiveServer | undefined =
    events && attachSubscriptions({ fastify, schema, orm, app, stream: events });

  fastify.get('/healthz', async () => ({ status: 'ok' }));
  if (config.benchStats) {
    // Benchmark only (BENCH_STATS): what the load generator cannot see from outside.
    let requests = 0;
    fastify.addHook('onResponse', async (req) => {
      if (req.url.startsWith('/graphql')) requests++;
    });
    fastify.get('/internal/bench-stats', async () => {
      const m = process.memoryUsage();
      return { requests, statements: statementTotal(), rss: m.rss, heapUsed: m.heapUsed };
    });
  }
  fastify.get('/readyz', async (_req, reply) => {
    try {
      await orm.em.getConnection().execute('select 1');
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  return {
    fastify,
    apollo,
    close: async () => {
      // A keep-alive connection whose request finishes during the drain would otherwise hold the
      // server open until its keep-alive timeout; close each one as soon as it is idle.
      const sweep = setInterval(() => fastify.server.closeIdleConnections(), 100);
      try {
        // Stopping Apollo drains the HTTP server through the drain plugin: it stops listening at
        // once (requests on open connections get 503) and waits for in-flight requests.
        await Promise.all([apollo.stop(), live?.close()]);
        if (fastify.server.listening) await fastify.close();
      } finally {
        clearInterval(sweep);
      }
    },
  };
}
