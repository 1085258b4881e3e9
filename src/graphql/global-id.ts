import { badInput } from './errors';

/**
 * Relay global ids: base64url("Type:uuid"). Clients treat them as opaque; the type prefix lets
 * `node(id)` find the right table and lets every argument check it got an id of the right kind.
 */
export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseGlobalId(globalId: string): { type: string; id: string } | null {
  if (typeof globalId !== 'string' || globalId.length > 200) return null;
  const raw = Buffer.from(globalId, 'base64url').toString('utf8');
  const sep = raw.indexOf(':');
  if (sep <= 0) return null;
  const type = raw.slice(0, sep);
  const id = raw.slice(sep + 1);
  if (!/^[A-Za-z]+$/.test(type) || !UUID.test(id)) return null;
  return { type, id: id.toLowerCase() };
}

/** Decodes an id argument that must name a `type`; a wrong or malformed id is BAD_USER_INPUT. */
export function fromGlobalId(globalId: string, type: string, field = 'id'): string {
  const parsed = parseGlobalId(globalId);
  if (!parsed || parsed.type !== type) {
    throw badInput(field, {
      en: `${field} is not a valid ${type} id`,
      zh: `${field} 不是有效的${type}编号`,
    });
  }
  return parsed.id;
}

/** Same as fromGlobalId for an optional argument. */
export function fromOptionalGlobalId(
  globalId: string | null | undefined,
  type: string,
  field: string,
): string | undefined {
  return globalId == null ? undefined : fromGlobalId(globalId, type, field);
}
