import { unauthenticated, forbidden } from '../graphql/errors';
import type { Jurisdiction } from './jurisdiction';
import { ADMIN_ROLES, UserRole } from './roles';

/** Who is asking: a signed-in user, an integration key, or nobody. */
export interface Viewer {
  kind: 'user' | 'apiKey' | 'anonymous';
  /** User or API key id (uuid). */
  id?: string;
  username?: string;
  role?: UserRole;
  jurisdiction?: Jurisdiction;
  /** Scopes of an API key; users act by role instead. */
  scopes?: readonly string[];
}

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

export interface AuthenticatedViewer extends Viewer {
  id: string;
  jurisdiction: Jurisdiction;
}

export function isAuthenticated(v: Viewer): v is AuthenticatedViewer {
  return v.kind !== 'anonymous' && !!v.id && !!v.jurisdiction;
}

export function isAdmin(v: Viewer): boolean {
  return v.kind === 'user' && !!v.role && ADMIN_ROLES.includes(v.role);
}

/** The viewer's jurisdiction, or UNAUTHENTICATED. */
export function requireViewer(v: Viewer): AuthenticatedViewer {
  if (!isAuthenticated(v)) throw unauthenticated();
  return v;
}

/** An administrator (community level or above), or FORBIDDEN. */
export function requireAdmin(v: Viewer): AuthenticatedViewer {
  const viewer = requireViewer(v);
  if (!isAdmin(viewer)) throw forbidden({ en: 'Administrators only', zh: '仅限管理员' });
  return viewer;
}
