import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { pickLocale, type AppServices, type RequestContext } from '../server/context';
import {
  createRequest,
  errorAnswer,
  getRequest,
  listRequests,
  listServices,
  render,
  type Format,
  type Open311Answer,
} from './open311.service';
import { EXPORT_PATH, openExport, streamResidentWorkbook } from './resident-export.service';

export interface IntegrationRouteDeps {
  app: AppServices;
  /** The same request context GraphQL gets (viewer from the request's credentials, own EntityManager). */
  context: (req: FastifyRequest) => Promise<RequestContext>;
}

const CONTENT_TYPE: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** "requests.json" → ["requests", "json"]; anything but .json and .xml is unknown. */
function split(file: string): { name: string; format: Format } | null {
  const m = /^(.+)\.(json|xml)$/i.exec(file);
  return m ? { name: m[1]!, format: m[2]!.toLowerCase() as Format } : null;
}

/**
 * HTTP routes beside /graphql: the residents export download and the Open311 GeoReport v2 façade.
 * Open311 routes parse form bodies (the spec's POST encoding) in their own scope only.
 */
export function registerIntegrationRoutes(fastify: FastifyInstance, deps: IntegrationRouteDeps): void {
  fastify.get(EXPORT_PATH, (req, reply) => downloadExport(req, reply, deps));

  void fastify.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );

    const answer = async (
      req: FastifyRequest,
      reply: FastifyReply,
      format: Format,
      work: (ctx: RequestContext) => Promise<Open311Answer>,
    ) => {
      const locale = pickLocale(req.headers['accept-language']);
      let a: Open311Answer;
      try {
        a = await work(await open311Context(req, deps));
      } catch (e) {
        a = errorAnswer(e, locale);
        if (a.status >= 500) req.log.error({ err: e }, 'open311 request failed');
      }
      return reply.code(a.status).header('content-type', CONTENT_TYPE[format]).send(render(a, format));
    };
    const notFound = (req: FastifyRequest, reply: FastifyReply, format: Format = 'json') =>
      reply
        .code(404)
        .header('content-type', CONTENT_TYPE[format])
        .send(
          render(
            {
              status: 404,
              body: [{ code: 404, description: 'Not found: use services.json|xml or requests.json|xml' }],
              xml: { root: 'errors', item: 'error' },
            },
            format,
          ),
        );

    scope.get('/open311/v2/:file', (req, reply) => {
      const f = split((req.params as { file: string }).file);
      const query = req.query as Record<string, unknown>;
      if (f?.name === 'services') return answer(req, reply, f.format, (ctx) => listServices(ctx));
      if (f?.name === 'requests') return answer(req, reply, f.format, (ctx) => listRequests(ctx, query));
      return notFound(req, reply, f?.format);
    });
    scope.get('/open311/v2/requests/:file', (req, reply) => {
      const f = split((req.params as { file: string }).file);
      if (!f) return notFound(req, reply);
      return answer(req, reply, f.format, (ctx) => getRequest(ctx, f.name));
    });
    scope.post('/open311/v2/:file', (req, reply) => {
      const f = split((req.params as { file: string }).file);
      if (f?.name !== 'requests') return notFound(req, reply, f?.format);
      const body = { ...(req.query as object), ...((req.body as object | null) ?? {}) } as Record<
        string,
        unknown
      >;
      return answer(req, reply, f.format, (ctx) => createRequest(ctx, body));
    });
  });
}

/**
 * Open311 names the key `api_key` (query string or form body); the API also takes its usual
 * headers. A key given as a parameter is passed on as `X-Api-Key` when no credentials came in headers.
 */
async function open311Context(req: FastifyRequest, deps: IntegrationRouteDeps): Promise<RequestContext> {
  const param =
    (req.query as Record<string, unknown> | undefined)?.api_key ??
    (req.body as Record<string, unknown> | null | undefined)?.api_key;
  if (typeof param === 'string' && param && !req.headers.authorization && !req.headers['x-api-key']) {
    req.headers['x-api-key'] = param;
  }
  return deps.context(req);
}

async function downloadExport(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: IntegrationRouteDeps,
): Promise<unknown> {
  const locale = pickLocale(req.headers['accept-language']);
  const token = (req.query as { token?: unknown }).token;
  const ctx = await deps.context(req);
  const opened = typeof token === 'string' ? await openExport(ctx.em, deps.app, token) : null;
  if (!opened) {
    return reply.code(403).send({
      errors: [
        {
          message:
            locale === 'en'
              ? 'This download link is invalid or has expired; export again'
              : '下载链接无效或已过期，请重新导出',
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
  }
  const exportCtx: RequestContext = { ...ctx, viewer: opened.viewer, loaders: new Map() };
  (req.log as unknown as Logger).info(
    { exportId: opened.claims.xid, userId: opened.viewer.id },
    'resident export download',
  );
  const day = deps.app.clock.now().toISOString().slice(0, 10).replace(/-/g, '');
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header(
      'content-disposition',
      `attachment; filename="residents-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`居民-${day}.xlsx`)}`,
    )
    .header('cache-control', 'no-store')
    .send(streamResidentWorkbook(exportCtx, opened.claims));
}
