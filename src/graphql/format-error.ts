import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ConnectionException,
  DeadlockException,
  DriverException,
  LockWaitTimeoutException,
  OptimisticLockError,
} from '@mikro-orm/postgresql';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { RequestContext } from '../server/context';
import { ErrorCode, type Message } from './errors';

/** Codes raised by Apollo and graphql-js themselves for a malformed request; safe to show. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);
const OWN_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * Keeps typed errors as they are and turns everything else into a generic error: no stack trace,
 * SQL or internal message ever reaches a client. The original is logged with the request id.
 */
export function createFormatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code as string | undefined;
    if (original instanceof GraphQLError && code && (OWN_CODES.has(code) || REQUEST_CODES.has(code))) {
      if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
        // graphql-js stops coercing variables after 50 bad values with an error that has no code.
        if (TOO_MANY_VARIABLE_ERRORS.test(original.message)) {
          return withCode(formatted, ErrorCode.BAD_USER_INPUT, {
            en: 'Too many invalid variable values',
            zh: '变量中的无效值过多',
          });
        }
        log.error({ err: original, path: formatted.path }, 'unexpected error');
        return internal(formatted);
      }
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
    }
    if (original instanceof OptimisticLockError) {
      return withCode(formatted, ErrorCode.CONFLICT, {
        en: 'The record was changed by someone else; reload and try again',
        zh: '该记录已被他人修改，请刷新后重试',
      });
    }
    if (original instanceof DeadlockException || original instanceof LockWaitTimeoutException) {
      return withCode(
        formatted,
        ErrorCode.CONFLICT,
        { en: 'A concurrent change got in the way; retry', zh: '与其他操作冲突，请重试' },
        { retryable: true },
      );
    }
    const unavailable = unavailableMessage(original);
    if (unavailable) {
      log.warn({ err: original }, 'database unavailable');
      return withCode(formatted, ErrorCode.SERVICE_UNAVAILABLE, unavailable, { retryable: true });
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error');
    return internal(formatted);
  };
}

function internal(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return withCode(formatted, ErrorCode.INTERNAL_SERVER_ERROR, {
    en: 'Internal server error',
    zh: '服务器内部错误',
  });
}

function withCode(
  formatted: GraphQLFormattedError,
  code: ErrorCode,
  message: Message,
  extra: Record<string, unknown> = {},
): GraphQLFormattedError {
  return {
    message: message.en,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code, ...extra, i18n: message },
  };
}

const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables/;

/** Socket errors, and PostgreSQL's connection-exception (08) and shutdown/recovery (57P) classes. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
/**
 * node-postgres reports a dropped connection by message only; knex then refuses the rest of a
 * transaction whose connection died ("Transaction query already complete"): it was rolled back.
 */
const CONNECTION_MESSAGES =
  /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout expired|Connection ended unexpectedly|Transaction query already complete/i;

const DATABASE_UNAVAILABLE: Message = {
  en: 'The database is unavailable; retry shortly',
  zh: '数据库暂时不可用，请稍后重试',
};
const DATABASE_BUSY: Message = {
  en: 'The database is busy and the request was cancelled; retry shortly',
  zh: '数据库繁忙，请求已取消，请稍后重试',
};

/**
 * The message for an error that means "the database cannot serve this request right now" (a
 * restart, a dropped connection, an exhausted pool, a statement cancelled by its timeout), or null
 * for any other error. Such a request changed nothing and may be retried.
 */
export function unavailableMessage(e: unknown): Message | null {
  if (e instanceof ConnectionException) return DATABASE_UNAVAILABLE;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return DATABASE_UNAVAILABLE;
  if (code === '57014' || code === '25P03') return DATABASE_BUSY;
  const name = (e as { name?: unknown } | null)?.name;
  if (name === 'KnexTimeoutError') return DATABASE_BUSY;
  const message = (e as { message?: unknown } | null)?.message;
  if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return DATABASE_UNAVAILABLE;
  if (e instanceof DriverException) {
    const cause = (e as { previous?: unknown }).previous;
    if (cause && cause !== e) return unavailableMessage(cause);
  }
  return null;
}

/** Picks each error's message in the request's language and drops the bilingual payload. */
export const localizeErrors: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors;
        if (!errors) return;
        const locale = contextValue?.locale ?? 'zh';
        response.body.singleResult.errors = errors.map((e) => {
          const i18n = e.extensions?.i18n as Message | undefined;
          if (!i18n) return e;
          const { i18n: _drop, ...extensions } = e.extensions ?? {};
          return { ...e, message: locale === 'en' ? i18n.en : i18n.zh, extensions };
        });
      },
    };
  },
};
