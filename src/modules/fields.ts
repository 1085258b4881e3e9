import { z } from 'zod';

/*
 * Field shapes more than one module records, declared once so that the same figure has the same
 * range and the same error everywhere.
 */

/** A whole-number score from 0 to 100 (an inspection's score, residents' satisfaction). */
export function score(description: string): z.ZodNumber {
  return z.number().int().min(0).max(100).describe(description);
}

/**
 * A cross-field check for `.refine(...)`: `part` is no more than `whole` (young people among the
 * participants, elderly among the attendees). The error names `part`. Spread it into `.refine`:
 * `.refine(...notMoreThan('youth', 'participants', '青少年人数不能多于参与人数'))`.
 */
export function notMoreThan<K extends string>(
  part: K,
  whole: K,
  zh: string,
): [
  (d: Record<K, number | null | undefined>) => boolean,
  { message: string; params: { zh: string }; path: string[] },
] {
  return [
    (d) => (d[part] ?? 0) <= (d[whole] ?? 0),
    { message: `${part} cannot exceed ${whole}`, params: { zh }, path: [part] },
  ];
}
