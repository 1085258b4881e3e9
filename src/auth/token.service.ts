import { SignJWT, jwtVerify } from 'jose';
import { ScopeLevel, UserRole } from './roles';
import type { Viewer } from './viewer';

/** Claims carried by a session token; enough to build the viewer without a database read. */
interface Claims {
  sub: string;
  usr: string;
  role: UserRole;
  lvl: ScopeLevel;
  st?: string;
  co?: string;
  gr?: string;
  /** The account's token version when the token was issued. */
  ver?: number;
}

export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(
    v: Required<Pick<Viewer, 'id' | 'username' | 'role' | 'jurisdiction'>>,
    tokenVersion = 0,
  ): Promise<{ token: string; expiresAt: Date }> {
    const j = v.jurisdiction;
    const claims: Omit<Claims, 'sub'> = {
      usr: v.username,
      role: v.role,
      lvl: j.level,
      ver: tokenVersion,
      ...(j.streetId ? { st: j.streetId } : {}),
      ...(j.communityId ? { co: j.communityId } : {}),
      ...(j.gridId ? { gr: j.gridId } : {}),
    };
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    const token = await new SignJWT(claims as unknown as Record<string, unknown>)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(v.id)
      .setIssuer('gridgov')
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /** The viewer a token stands for, or null when it is invalid or expired. */
  async verify(token: string): Promise<(Viewer & { tokenVersion: number }) | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'gridgov', algorithms: ['HS256'] });
      const c = payload as unknown as Claims;
      if (!c.sub || !Object.values(UserRole).includes(c.role) || !Object.values(ScopeLevel).includes(c.lvl)) {
        return null;
      }
      return {
        kind: 'user',
        id: c.sub,
        username: c.usr,
        role: c.role,
        jurisdiction: { level: c.lvl, streetId: c.st, communityId: c.co, gridId: c.gr },
        tokenVersion: c.ver ?? 0,
      };
    } catch {
      return null;
    }
  }
}
