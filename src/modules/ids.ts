import { fromGlobalId } from '../graphql/global-id';

/**
 * An input or filter object with the named fields turned from global ids into uuids, each checked
 * against its type (BAD_USER_INPUT naming `<root>.<field>` otherwise). Omitted fields stay omitted
 * and null stays null ("clear it"), so a resolver passes its argument straight to the service:
 *
 *   service.update(ctx, decodeIds(input, { id: 'CareTarget', teamId: 'CareTeam' }))
 */
export function decodeIds<T extends object>(
  input: T | null | undefined,
  types: { [K in keyof T]?: string },
  root = 'input',
): T {
  const out = { ...(input ?? {}) } as Record<string, unknown>;
  for (const [key, type] of Object.entries(types) as [string, string][]) {
    const value = out[key];
    if (typeof value === 'string') out[key] = fromGlobalId(value, type, `${root}.${key}`);
  }
  return out as T;
}
