import { z } from 'zod';

/*
 * Money is kept as whole fen (分) in integer columns: no floating-point sums, and every figure adds
 * up to the fen. The API speaks yuan as decimal strings ("1200.50"), which JSON carries exactly.
 */

/** The largest amount one record may carry: 10 million yuan, well inside a 32-bit integer of fen. */
export const MAX_YUAN = 10_000_000;

/** A validated yuan string ("1200.50") as whole fen: 120050. */
export function yuanToFen(yuan: string): number {
  const [whole, frac = ''] = yuan.trim().split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/**
 * A yuan amount given as a decimal string with at most two decimals ("35", "1200.5", "0.01"), up
 * to MAX_YUAN; `allowZero` admits 0 (a goal of nothing), otherwise it must be positive. Convert
 * the parsed value with `yuanToFen`.
 */
export function yuanAmount(options: { allowZero?: boolean } = {}) {
  return z
    .string()
    .trim()
    .refine((s) => /^\d{1,8}(\.\d{1,2})?$/.test(s), {
      message: 'must be an amount in yuan with at most two decimals, e.g. 1200.50',
      params: { zh: '应为以元为单位、最多两位小数的金额，如 1200.50' },
    })
    .refine((s) => !/^\d{1,8}(\.\d{1,2})?$/.test(s) || yuanToFen(s) <= MAX_YUAN * 100, {
      message: `cannot exceed ${MAX_YUAN} yuan`,
      params: { zh: `不能超过 ${MAX_YUAN} 元` },
    })
    .refine((s) => options.allowZero || !/^\d{1,8}(\.\d{1,2})?$/.test(s) || yuanToFen(s) > 0, {
      message: 'must be more than 0',
      params: { zh: '必须大于 0' },
    });
}

/** Whole fen as a yuan decimal string with two decimals: 120050 → "1200.50". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
