/** Module ids are kebab-case and never renamed: they prefix tables, GraphQL types, kinds, events and metrics. */
export const MODULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Activity kind keys and metric code suffixes: snake_case. */
export const SNAKE_KEY = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

const words = (s: string): string[] => s.split(/[-_]/).filter(Boolean);

/** `elderly-care` → `ElderlyCare` (GraphQL type prefix). */
export function pascalCase(s: string): string {
  return words(s)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** `elderly-care` → `elderlyCare` (GraphQL field prefix). */
export function camelCase(s: string): string {
  const p = pascalCase(s);
  return p[0]!.toLowerCase() + p.slice(1);
}

/** `elderly-care` → `elderly_care` (table prefix). */
export function snakeCase(s: string): string {
  return words(s).join('_');
}
