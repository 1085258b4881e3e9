import { z } from 'zod';
import { AppError, ErrorCode } from '../graphql/errors';
import { parseInput } from '../graphql/validate';
import type { RequestContext } from '../server/context';
import type { Jurisdiction } from './jurisdiction';
import { verifyPassword } from './password';
import { AuditAction } from './audit.entity';
import { audit, writeAuditNow } from './audit.service';
import { toGlobalId } from '../graphql/global-id';
import { ScopeLevel } from './roles';
import { User } from './user.entity';
import type { Viewer } from './viewer';

const loginInput = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export function jurisdictionOf(
  u: Pick<User, 'scopeLevel' | 'streetId' | 'communityId' | 'gridId'>,
): Jurisdiction {
  return {
    level: u.scopeLevel,
    ...(u.streetId ? { streetId: u.streetId } : {}),
    ...(u.communityId ? { communityId: u.communityId } : {}),
    ...(u.gridId && u.scopeLevel === ScopeLevel.GRID ? { gridId: u.gridId } : {}),
  };
}

export function viewerOf(u: User): Viewer {
  return { kind: 'user', id: u.id, username: u.username, role: u.role, jurisdiction: jurisdictionOf(u) };
}

/** Checks a password and issues a session token; every failure looks the same to the caller. */
export async function login(
  ctx: RequestContext,
  input: { username: string; password: string },
): Promise<{ token: string; expiresAt: Date; user: User; viewer: Viewer }> {
  const data = parseInput(loginInput, input, '');
  const limiter = ctx.app.loginLimiter;
  const wait = limiter.retryAfter(data.username, ctx.ip);
  if (wait > 0) {
    throw new AppError(
      ErrorCode.RATE_LIMITED,
      { en: 'Too many failed sign-ins; try again later', zh: '登录失败次数过多，请稍后再试' },
      { retryAfterSeconds: Math.ceil(wait / 1000) },
    );
  }
  const user = await ctx.em.findOne(User, { username: data.username }, { populate: ['passwordHash'] });
  const ok = await verifyPassword(user?.active ? user.passwordHash : undefined, data.password);
  if (!user || !ok) {
    limiter.fail(data.username, ctx.ip);
    ctx.log.warn({ username: data.username, ip: ctx.ip }, 'failed sign-in');
    // Failed attempts on a known account are filed under its jurisdiction, so its admins see them.
    await writeAuditNow(ctx, {
      action: AuditAction.LOGIN_FAILED,
      actorName: data.username,
      placement: user
        ? { streetId: user.streetId, communityId: user.communityId, gridId: user.gridId }
        : undefined,
    });
    throw new AppError(ErrorCode.UNAUTHENTICATED, {
      en: 'Wrong username or password',
      zh: '用户名或密码错误',
    });
  }
  limiter.succeed(data.username);
  user.lastLoginAt = ctx.app.clock.now();
  const viewer = viewerOf(user);
  ctx.viewer = viewer;
  audit(ctx, { action: AuditAction.LOGIN, subjectId: toGlobalId('User', user.id) });
  await ctx.em.flush();
  const { token, expiresAt } = await ctx.app.tokens.sign(
    { id: user.id, username: user.username, role: user.role, jurisdiction: viewer.jurisdiction! },
    user.tokenVersion,
  );
  ctx.log.info({ userId: user.id }, 'login');
  return { token, expiresAt, user, viewer };
}
