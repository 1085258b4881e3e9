/*
 * Chinese identity numbers and organization codes: check characters and the facts encoded in them.
 *  - 公民身份号码 GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence (odd = male),
 *    check character by ISO 7064 MOD 11-2 (0-9 or X).
 *  - 统一社会信用代码 GB 32100-2015: 17 characters of a 31-character alphabet and a MOD 31 check.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of the first 17 digits of an ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'checkDigit' | 'birthDate';

/** What an ID number says about its holder. */
export interface IdNumberFacts {
  birthDate: string;
  gender: 'MALE' | 'FEMALE';
}

/**
 * Checks an upper-cased 18-character ID number: format, check character, and a real birth date
 * between 1900-01-01 and `today` (YYYY-MM-DD).
 */
export function checkIdNumber(id: string, today: string): IdNumberFacts | IdNumberProblem {
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return 'format';
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'checkDigit';
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isCalendarDate(birthDate) || birthDate < '1900-01-01' || birthDate > today) return 'birthDate';
  return { birthDate, gender: Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE' };
}

/** True for a real 'YYYY-MM-DD' date (rejects 2023-02-29, 2024-13-01...). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Builds a valid ID number from region, birth date, gender and a sequence (0-499). */
export function makeIdNumber(
  region: string,
  birthDate: string,
  gender: 'MALE' | 'FEMALE',
  seq: number,
): string {
  const sequence = seq * 2 + (gender === 'MALE' ? 1 : 0);
  const body = `${region}${birthDate.replace(/-/g, '')}${String(sequence % 1000).padStart(3, '0')}`;
  return body + idCheckChar(body);
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters of a unified social credit code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** True for an upper-cased 18-character unified social credit code with a correct check character. */
export function isCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * Builds a valid credit code: registration authority and category (e.g. "91" enterprise, "51"
 * social organization, "11" government body), 6-digit region, an 8-digit organization code
 * number (GB 11714 check appended), and the final check.
 */
export function makeCreditCode(kind: string, region: string, orgNumber: number): string {
  const digits = String(orgNumber % 1e8).padStart(8, '0');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  const orgCode = digits + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
  const body = `${kind}${region}${orgCode}`;
  return body + creditCodeCheckChar(body);
}
