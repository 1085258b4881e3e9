import { z } from 'zod';

/**
 * Event type patterns, shared by the feed, webhooks and subscriptions so that one pattern means the
 * same everywhere: an exact type (`grid.updated`), every type under a prefix (`case.*`), or `*`.
 */
const PATTERN = /^(\*|[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*(\.\*)?)$/;

export const MAX_TYPE_PATTERNS = 50;

export const typePattern = z
  .string()
  .trim()
  .max(100)
  .regex(PATTERN, 'an event type such as "grid.updated", a prefix such as "case.*", or "*"');

export const typePatterns = z.array(typePattern).min(1).max(MAX_TYPE_PATTERNS);

/** True when `type` matches one of `patterns` (an empty list matches nothing). */
export function matchesTypes(type: string, patterns: readonly string[]): boolean {
  for (const p of patterns) {
    if (p === '*') return true;
    if (p.endsWith('.*') ? type.startsWith(p.slice(0, -1)) : type === p) return true;
  }
  return false;
}

/** The same patterns as a MikroORM condition on the `type` column (`undefined` = no condition). */
export function typeCondition(patterns: readonly string[]): Record<string, unknown> | undefined {
  if (patterns.includes('*')) return undefined;
  const exact = patterns.filter((p) => !p.endsWith('.*'));
  const prefixes = patterns
    .filter((p) => p.endsWith('.*'))
    .map((p) => p.slice(0, -1).replace(/[\\%_]/g, (c) => '\\' + c) + '%');
  const or: Record<string, unknown>[] = [
    ...(exact.length ? [{ type: { $in: exact } }] : []),
    ...prefixes.map((like) => ({ type: { $like: like } })),
  ];
  return or.length === 1 ? or[0] : { $or: or };
}
