import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyError, FastifyInstance } from 'fastify';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode, type Message } from '../graphql/errors';
import { unavailableMessage } from '../graphql/format-error';
import { pickLocale } from './context';

/**
 * Errors raised outside GraphQL execution (a body that is not JSON or too large, a database that
 * went away while a request was being authenticated) answered in the same shape and languages as
 * every GraphQL error, with a code; never Fastify's default body with the internal message.
 */
export function installHttpErrorHandler(fastify: FastifyInstance, log: Logger): void {
  fastify.setErrorHandler((error: FastifyError, req, reply) => {
    const locale = pickLocale(req.headers['accept-language']);
    const send = (status: number, code: string, message: Message, extra: Record<string, unknown> = {}) =>
      reply
        .code(status)
        .header('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify({ errors: [{ message: message[locale], extensions: { code, ...extra } }] }));

    if (error instanceof GraphQLError && error.extensions.code === ErrorCode.SERVICE_UNAVAILABLE) {
      return send(
        503,
        ErrorCode.SERVICE_UNAVAILABLE,
        { en: error.message, zh: error.message },
        { retryable: true },
      );
    }
    const unavailable = unavailableMessage(error);
    if (unavailable) {
      req.log.warn({ err: error }, 'database unavailable');
      return send(503, ErrorCode.SERVICE_UNAVAILABLE, unavailable, { retryable: true });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return send(status, 'BAD_REQUEST', requestMessage(error, status));
    }
    log.error({ err: error, requestId: req.id }, 'unexpected error');
    return send(500, ErrorCode.INTERNAL_SERVER_ERROR, { en: 'Internal server error', zh: '服务器内部错误' });
  });
}

/**
 * For errors met before GraphQL runs (authenticating the request): a database outage becomes a
 * typed, localized, retryable 503 instead of Apollo's "Context creation failed" 500.
 */
export function unavailableError(e: unknown, locale: 'zh' | 'en'): GraphQLError | null {
  const message = unavailableMessage(e);
  if (!message) return null;
  return new GraphQLError(message[locale], {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true, http: { status: 503 } },
  });
}

function requestMessage(error: FastifyError, status: number): Message {
  if (status === 413) return { en: 'Request body too large', zh: '请求体过大' };
  if (status === 415) return { en: 'Unsupported content type', zh: '不支持的内容类型' };
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return { en: 'Empty request body', zh: '请求体为空' };
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)
    return { en: 'The request body is not valid JSON', zh: '请求体不是有效的 JSON' };
  return { en: 'Bad request', zh: '请求无效' };
}

/**
 * Subscriptions are served over WebSocket only; over HTTP a subscription would resolve to a
 * stream Apollo cannot send, so it is refused before execution.
 */
export const refuseHttpSubscriptions: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return;
        const message: Message = {
          en: 'Subscriptions are served over WebSocket at /graphql (graphql-ws), not over HTTP',
          zh: '订阅仅支持通过 WebSocket（graphql-ws，路径 /graphql），不支持 HTTP',
        };
        throw new GraphQLError(message.en, {
          extensions: { code: 'BAD_REQUEST', i18n: message, http: { status: 400 } },
        });
      },
    };
  },
};
