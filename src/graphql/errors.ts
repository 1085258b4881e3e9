import { GraphQLError } from 'graphql';

/** The error codes clients can rely on; every refusal carries one in `extensions.code`. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  MODULE_NOT_ENABLED: 'MODULE_NOT_ENABLED',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  RATE_LIMITED: 'RATE_LIMITED',
  /** An Idempotency-Key was sent again with a different request. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A message in both languages the API answers in; chosen per request by Accept-Language. */
export interface Message {
  en: string;
  zh: string;
}

/**
 * The one error type services throw. It carries both languages so the response can be localized
 * after the fact, and an optional `field` naming the input that was wrong.
 */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: Message, extra: { field?: string; [k: string]: unknown } = {}) {
    super(message.en, { extensions: { code, ...extra, i18n: message } });
  }
}

export const badInput = (field: string, message: Message): AppError =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { field });

export const notFound = (what: string): AppError =>
  new AppError(ErrorCode.NOT_FOUND, { en: `${what} not found`, zh: `未找到${zhName(what)}` });

export const forbidden = (message?: Message): AppError =>
  new AppError(
    ErrorCode.FORBIDDEN,
    message ?? { en: 'Not allowed for this viewer', zh: '当前用户无权执行此操作' },
  );

export const unauthenticated = (): AppError =>
  new AppError(ErrorCode.UNAUTHENTICATED, { en: 'Sign-in required', zh: '请先登录' });

export const conflict = (message: Message): AppError => new AppError(ErrorCode.CONFLICT, message);

/** An action the record's state does not allow; `extra` says the state and what is allowed. */
export const invalidTransition = (message: Message, extra: Record<string, unknown> = {}): AppError =>
  new AppError(ErrorCode.INVALID_TRANSITION, message, extra);

const ZH_NAMES: Record<string, string> = {
  Street: '街道',
  Community: '社区',
  Grid: '网格',
  MicroGrid: '微网格',
  Building: '楼栋',
  BuildingUnit: '单元',
  Household: '住户',
  Resident: '居民',
  Organization: '组织',
  StaffMember: '工作人员',
  StaffAssignment: '岗位分配',
  PartyOrganization: '党组织',
  User: '用户',
  Node: '对象',
};
function zhName(what: string): string {
  return ZH_NAMES[what] ?? what;
}
