import { z } from 'zod';
import { AuditAction } from '../auth/audit.entity';
import { audit } from '../auth/audit.service';
import { ADMIN_ROLES, UserRole } from '../auth/roles';
import { requireViewer } from '../auth/viewer';
import { forbidden } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import { parseInput } from '../graphql/validate';
import type { RequestContext } from '../server/context';
import { getResident } from './resident.service';

export const REVEALABLE_FIELDS = ['ID_NUMBER', 'PHONE'] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];

const revealInput = z.object({
  fields: z.array(z.enum(REVEALABLE_FIELDS)).min(1).max(REVEALABLE_FIELDS.length),
  reason: z.string().trim().min(4).max(500),
});

/** Roles that may see unmasked personal data: administrators of the area, and grid chiefs (own grid only). */
const REVEAL_ROLES: readonly UserRole[] = [...ADMIN_ROLES, UserRole.GRID_CHIEF];

/**
 * Returns a resident's ID number and/or phone unmasked — the one way to see them (PIPL: minimum
 * necessary access, logged). Only to the roles above, only inside the viewer's jurisdiction (a grid
 * chief's is their own grid), and only with a reason; the audit record commits with the answer.
 */
export async function revealResident(
  ctx: RequestContext,
  id: string,
  input: { fields: string[]; reason: string },
): Promise<{ idNumber: string | null; phone: string | null; fields: RevealableField[] }> {
  const v = requireViewer(ctx.viewer);
  if (v.kind !== 'user' || !v.role || !REVEAL_ROLES.includes(v.role)) {
    throw forbidden({
      en: 'Only administrators and grid chiefs may reveal personal data',
      zh: '仅管理员和网格长可以查看完整个人信息',
    });
  }
  const data = parseInput(revealInput, input);
  const resident = await getResident(ctx, id);
  const fields = [...new Set(data.fields)];
  audit(ctx, {
    action: AuditAction.REVEAL,
    subjectId: toGlobalId('Resident', resident.id),
    fields,
    reason: data.reason,
    placement: { streetId: resident.streetId, communityId: resident.communityId, gridId: resident.gridId },
  });
  await ctx.em.flush();
  return {
    idNumber: fields.includes('ID_NUMBER') ? (resident.idNumber ?? null) : null,
    phone: fields.includes('PHONE') ? (resident.phone ?? null) : null,
    fields,
  };
}
