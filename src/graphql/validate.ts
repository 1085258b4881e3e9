import { z } from 'zod';
import { badInput } from './errors';

const ZH: Partial<Record<z.ZodIssueCode, string>> = {
  invalid_type: '类型或取值无效',
  too_small: '过短或过小',
  too_big: '过长或过大',
  invalid_string: '格式无效',
  invalid_enum_value: '不是允许的取值',
  invalid_date: '日期无效',
  custom: '取值无效',
};

/**
 * Validates an input with zod; the first problem becomes BAD_USER_INPUT naming the field (dotted
 * path, prefixed with `root`). Custom refinements may carry `params: { zh }` for their Chinese text.
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, root = 'input'): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = [root, ...issue.path].filter((p) => p !== '').join('.');
  const zh =
    (issue.code === 'custom' && (issue.params as { zh?: string } | undefined)?.zh) ||
    ZH[issue.code] ||
    '取值无效';
  throw badInput(field, { en: `${field}: ${issue.message}`, zh: `${field}：${zh}` });
}

/** Trimmed single-line text of 1..max characters without control characters. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), {
      message: 'contains control characters',
      params: { zh: '含有控制字符' },
    });

/** Free text (may span lines) up to max characters. */
export const longText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), {
      message: 'contains control characters',
      params: { zh: '含有控制字符' },
    });

export const code = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, "-", "_" or "." only');
