import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { paginate, type ConnectionResult, type Page } from '../graphql/connection';
import { forbidden } from '../graphql/errors';
import { parseInput } from '../graphql/validate';
import type { RequestContext } from '../server/context';
import { AuditAction, AuditRecord } from './audit.entity';
import { jurisdictionWhere, SCOPED_COLUMNS, type Placement } from './jurisdiction';
import { ScopeLevel } from './roles';
import { requireAdmin } from './viewer';

export interface AuditEntry {
  action: AuditAction;
  subjectId?: string | null;
  fields?: string[];
  reason?: string | null;
  placement?: Placement;
  /** Who, when there is no signed-in viewer yet (failed sign-ins). */
  actorName?: string | null;
}

/**
 * Queues an audit record on the request's unit of work: it commits with the action it records, or
 * not at all. Use `writeAuditNow` for actions that have no transaction of their own (failed sign-ins).
 */
export function audit(ctx: RequestContext, entry: AuditEntry): AuditRecord {
  const record = buildRecord(ctx, ctx.em, entry);
  ctx.em.persist(record);
  return record;
}

/** Writes an audit record in its own transaction, independent of the request's unit of work. */
export async function writeAuditNow(ctx: RequestContext, entry: AuditEntry): Promise<void> {
  const em = ctx.em.fork();
  em.persist(buildRecord(ctx, em, entry));
  await em.flush();
}

function buildRecord(ctx: RequestContext, em: EntityManager, entry: AuditEntry): AuditRecord {
  const v = ctx.viewer;
  return em.create(AuditRecord, {
    action: entry.action,
    actorKind: v.kind === 'user' ? 'USER' : v.kind === 'apiKey' ? 'API_KEY' : 'ANONYMOUS',
    actorId: v.id ?? null,
    actorName: entry.actorName ?? v.username ?? null,
    subjectId: entry.subjectId ?? null,
    fields: entry.fields ?? [],
    reason: entry.reason ?? null,
    requestId: ctx.requestId,
    ip: ctx.ip,
    streetId: entry.placement?.streetId ?? v.jurisdiction?.streetId ?? null,
    communityId: entry.placement?.communityId ?? v.jurisdiction?.communityId ?? null,
    gridId: entry.placement?.gridId ?? v.jurisdiction?.gridId ?? null,
  });
}

const filterInput = z.object({
  actions: z.array(z.nativeEnum(AuditAction)).max(20).optional(),
  actorName: z.string().max(100).optional(),
  subjectId: z.string().max(200).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});

/** The audit log of the viewer's jurisdiction, newest first; street administrators and above. */
export async function listAudit(
  ctx: RequestContext,
  filter: z.input<typeof filterInput>,
  page: Page,
): Promise<ConnectionResult<AuditRecord>> {
  const v = requireAdmin(ctx.viewer);
  if (v.jurisdiction.level !== ScopeLevel.PLATFORM && v.jurisdiction.level !== ScopeLevel.STREET) {
    throw forbidden({
      en: 'The audit log is for street administrators and above',
      zh: '审计日志仅限街道及以上管理员查看',
    });
  }
  const f = parseInput(filterInput, filter, 'filter');
  const where: FilterQuery<AuditRecord> = {
    $and: [
      jurisdictionWhere(v.jurisdiction, SCOPED_COLUMNS),
      f.actions?.length ? { action: { $in: f.actions } } : {},
      f.actorName ? { actorName: f.actorName } : {},
      f.subjectId ? { subjectId: f.subjectId } : {},
      f.from ? { at: { $gte: f.from } } : {},
      f.to ? { at: { $lt: f.to } } : {},
    ],
  };
  return paginate(ctx.em, AuditRecord, where, page, { key: 'seq', order: 'desc' });
}
