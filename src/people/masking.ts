/*
 * Display masking of personal data (PIPL / GB/T 35273): done on the server, before the response,
 * so an unmasked value never reaches a client that did not go through the audited reveal.
 */

/** Keeps `head` leading and `tail` trailing characters and stars the rest, one star per character. */
function maskMiddle(value: string, head: number, tail: number): string {
  const chars = [...value];
  // Too short to keep anything without showing most of it: star it all.
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(-tail).join('');
}

/** `110101199003071234` → `110***********1234` (first 3, last 4). */
export function maskIdNumber(idNumber: string | null | undefined): string | null {
  return idNumber ? maskMiddle(idNumber, 3, 4) : null;
}

/** `13812345678` → `138****5678`; landlines the same way: `027-88881234` → `027*****1234`. */
export function maskPhone(phone: string | null | undefined): string | null {
  return phone ? maskMiddle(phone, 3, 4) : null;
}

/** ID numbers (18 characters, last may be X) and mobile numbers anywhere in free text. */
const ID_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/**
 * Masks every ID number and mobile number found in a text. For what the server writes about itself
 * (logs of unexpected errors carry driver messages such as `Key (id_number)=(...) already exists`).
 */
export function maskPersonalText(text: string): string {
  return text.replace(ID_IN_TEXT, (m) => maskIdNumber(m)!).replace(MOBILE_IN_TEXT, (m) => maskPhone(m)!);
}
