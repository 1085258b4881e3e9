import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate } from '../auth/authenticate';
import { AppError, ErrorCode, badInput } from '../graphql/errors';
import { fromGlobalId } from '../graphql/global-id';
import type { RequestContext } from '../server/context';
import { renderDocx } from './report.docx';
import { reportTitle } from './report.document';
import { renderHtml } from './report.render';
import { communityReport } from './report.service';

const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
};

/**
 * `GET /reports/community/{id}.html?from=&to=` and `.docx`: the community report as a printable page
 * or a Word file. Credentials as for /graphql (`Authorization: Bearer`, `X-Api-Key`), or `?token=`
 * so that a browser link or an <a download> works without a header. Errors are JSON with the
 * GraphQL error shape and the matching status.
 */
export function registerReportRoutes(
  fastify: FastifyInstance,
  context: (req: FastifyRequest) => Promise<RequestContext>,
): void {
  fastify.get('/reports/community/:file', async (req: FastifyRequest, reply: FastifyReply) => {
    const { file } = req.params as { file: string };
    const query = (req.query ?? {}) as Record<string, unknown>;
    const ctx = await context(req);
    // Responses carry personal-area figures: never cached, never sent on as a Referer (token in the URL).
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    try {
      const m = /^(.+)\.(html|docx)$/.exec(file);
      if (!m)
        throw badInput('file', { en: 'use {id}.html or {id}.docx', zh: '请使用 {id}.html 或 {id}.docx' });
      if (ctx.viewer.kind === 'anonymous' && typeof query.token === 'string' && query.token) {
        ctx.viewer = await authenticate(ctx.em, ctx.app, { authorization: `Bearer ${query.token}` });
      }
      if (
        ctx.viewer.kind === 'apiKey' &&
        !ctx.viewer.scopes?.some((s) => s === 'metrics:read' || s === 'metrics:write')
      ) {
        throw new AppError(ErrorCode.FORBIDDEN, {
          en: 'This API key lacks the metrics:read scope',
          zh: '该 API 密钥没有 metrics:read 权限',
        });
      }
      const period = { from: String(query.from ?? ''), to: String(query.to ?? '') };
      const report = await communityReport(ctx, fromGlobalId(m[1]!, 'Community', 'id'), period);
      const name = `${reportTitle(report)}.${m[2]}`;
      const disposition = `filename="report.${m[2]}"; filename*=UTF-8''${encodeURIComponent(name)}`;
      if (m[2] === 'html') {
        return reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('content-disposition', `inline; ${disposition}`)
          .header(
            'content-security-policy',
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
          )
          .send(await renderHtml(report));
      }
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; ${disposition}`)
        .send(await renderDocx(report));
    } catch (e) {
      if (e instanceof AppError) {
        const code = String(e.extensions.code);
        const i18n = e.extensions.i18n as { zh: string; en: string };
        const message = ctx.locale === 'en' ? i18n.en : i18n.zh;
        return reply
          .code(STATUS[code] ?? 400)
          .send({ errors: [{ message, extensions: { code, field: e.extensions.field } }] });
      }
      req.log.error({ err: e }, 'report rendering failed');
      return reply
        .code(500)
        .send({ errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  });
}
