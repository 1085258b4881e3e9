import { z } from 'zod';
import { AppError, ErrorCode, notFound } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import { parseInput } from '../graphql/validate';
import type { RequestContext } from '../server/context';
import { AuditAction } from './audit.entity';
import { audit } from './audit.service';
import { forgetAccount } from './authenticate';
import { jurisdictionWhere, SCOPED_COLUMNS } from './jurisdiction';
import { hashPassword, verifyPassword } from './password';
import { User } from './user.entity';
import { requireAdmin, requireViewer } from './viewer';

const passwordInput = z.object({ newPassword: z.string().min(10).max(128) });

/** Changes the viewer's own password and raises the token version, ending every older session. */
export async function changePassword(ctx: RequestContext, current: string, next: string): Promise<boolean> {
  const v = requireViewer(ctx.viewer);
  parseInput(passwordInput, { newPassword: next }, '');
  const user =
    v.kind === 'user' ? await ctx.em.findOne(User, { id: v.id }, { populate: ['passwordHash'] }) : null;
  if (!user || !(await verifyPassword(user.passwordHash, current))) {
    throw new AppError(ErrorCode.UNAUTHENTICATED, { en: 'Wrong current password', zh: '当前密码错误' });
  }
  user.passwordHash = await hashPassword(next);
  user.tokenVersion += 1;
  audit(ctx, { action: AuditAction.PASSWORD_CHANGED, subjectId: toGlobalId('User', user.id) });
  await ctx.em.flush();
  forgetAccount(user.id);
  return true;
}

/** Enables or disables an account of the admin's jurisdiction; disabling ends its sessions. */
export async function setUserActive(ctx: RequestContext, userId: string, active: boolean): Promise<User> {
  const v = requireAdmin(ctx.viewer);
  const user = await ctx.em.findOne(User, {
    $and: [{ id: userId }, jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS)],
  });
  if (!user) throw notFound('User');
  if (user.active !== active) {
    user.active = active;
    user.tokenVersion += 1;
    audit(ctx, {
      action: AuditAction.ACCOUNT_STATUS_CHANGED,
      subjectId: toGlobalId('User', user.id),
      reason: active ? 'enabled' : 'disabled',
    });
    await ctx.em.flush();
    forgetAccount(user.id);
  }
  return user;
}
