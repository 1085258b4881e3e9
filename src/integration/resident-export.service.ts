import { hkdfSync, randomUUID } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import ExcelJS from 'exceljs';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { AuditAction } from '../auth/audit.entity';
import { audit } from '../auth/audit.service';
import { viewerOf } from '../auth/auth.service';
import { User } from '../auth/user.entity';
import { requireAdmin, type Viewer } from '../auth/viewer';
import { forbidden } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import { parseInput } from '../graphql/validate';
import { Household, maskIdNumber, maskPhone, Resident, ResidentTag, ResidentTagKind } from '../people';
import { canSeeSensitiveTags } from '../people/people.access';
import { REVEALABLE_FIELDS, type RevealableField } from '../people/reveal.service';
import { residentListWhere, type ResidentFilterArgs } from '../people/resident.service';
import type { AppServices, RequestContext } from '../server/context';
import { Building, BuildingUnit, Grid } from '../territory';

/*
 * Residents as an .xlsx for community administrators and above. The mutation checks the filter,
 * records the export in the audit log (with the reason when ID numbers or phones are revealed) and
 * answers with a short-lived signed download URL; the download streams the workbook a page of rows
 * at a time, so a community of any size starts downloading at once and never meets a request
 * timeout. The columns are the import's Chinese headers, so an export can be edited and imported
 * again.
 */

/** How long a download URL works. */
export const EXPORT_URL_TTL_SECONDS = 600;
export const EXPORT_PATH = '/exports/residents.xlsx';
const PAGE = 1000;

const revealSchema = z
  .object({
    fields: z.array(z.enum(REVEALABLE_FIELDS)).min(1).max(REVEALABLE_FIELDS.length),
    reason: z.string().trim().min(4).max(500),
  })
  .nullish();

export interface ExportTicket {
  url: string;
  expiresAt: Date;
  filename: string;
  rowCount: number;
}

function exportKey(secret: string): Uint8Array {
  return new Uint8Array(
    hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'gridgov export url', 32),
  );
}

interface ExportClaims {
  sub: string;
  filter: ResidentFilterArgs;
  reveal: RevealableField[];
  xid: string;
}

/** Audits the export and signs its download URL. */
export async function requestResidentExport(
  ctx: RequestContext,
  filter: ResidentFilterArgs,
  reveal?: { fields: string[]; reason: string } | null,
): Promise<ExportTicket> {
  const v = requireAdmin(ctx.viewer);
  if (v.kind !== 'user') throw forbidden();
  const r = parseInput(revealSchema, reveal, 'reveal');
  const where = residentListWhere(ctx, filter);
  const rowCount = await ctx.em.count(Resident, where);
  const exportId = randomUUID();
  const revealed = r ? [...new Set(r.fields)] : [];
  audit(ctx, {
    action: AuditAction.EXPORT,
    subjectId: filter.communityId
      ? toGlobalId('Community', filter.communityId)
      : filter.gridId
        ? toGlobalId('Grid', filter.gridId)
        : null,
    fields: ['RESIDENTS', ...revealed],
    reason: r?.reason ?? null,
  });
  await ctx.em.flush();
  const now = ctx.app.clock.now();
  const expiresAt = new Date(now.getTime() + EXPORT_URL_TTL_SECONDS * 1000);
  const token = await new SignJWT({ filter, reveal: revealed, xid: exportId } as unknown as Record<
    string,
    unknown
  >)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(v.id)
    .setIssuer('gridgov-export')
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(exportKey(ctx.app.config.jwtSecret));
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  const filename = `residents-${day}.xlsx`;
  return { url: `${EXPORT_PATH}?token=${encodeURIComponent(token)}`, expiresAt, filename, rowCount };
}

/**
 * The viewer and filter of a download URL, or null when it is forged, expired, or its account was
 * disabled or is no longer an administrator since (the account is read again, not trusted from the URL).
 */
export async function openExport(
  em: EntityManager,
  app: AppServices,
  token: string,
): Promise<{ viewer: Viewer; claims: ExportClaims } | null> {
  let claims: ExportClaims;
  try {
    const { payload } = await jwtVerify(token, exportKey(app.config.jwtSecret), {
      issuer: 'gridgov-export',
      algorithms: ['HS256'],
      currentDate: app.clock.now(),
    });
    claims = payload as unknown as ExportClaims;
  } catch {
    return null;
  }
  const user = await em.findOne(User, { id: claims.sub });
  if (!user || !user.active) return null;
  const viewer = viewerOf(user);
  try {
    requireAdmin(viewer);
  } catch {
    return null;
  }
  return { viewer, claims };
}

const COLUMNS: { header: string; width: number }[] = [
  { header: '姓名', width: 12 },
  { header: '性别', width: 6 },
  { header: '出生日期', width: 12 },
  { header: '身份证号', width: 22 },
  { header: '联系电话', width: 15 },
  { header: '网格', width: 12 },
  { header: '楼栋', width: 10 },
  { header: '单元', width: 8 },
  { header: '房号', width: 8 },
  { header: '户号', width: 16 },
  { header: '地址', width: 32 },
  { header: '与户主关系', width: 10 },
  { header: '人员类别', width: 10 },
  { header: '标签', width: 20 },
  { header: '拒绝提供信息', width: 12 },
  { header: '系统ID', width: 30 },
];

const GENDER_ZH = { MALE: '男', FEMALE: '女' } as const;
const RESIDENCY_ZH = { PERMANENT: '常住', REGISTERED: '户籍', FLOATING: '流动' } as const;
const TAG_ZH: Record<ResidentTagKind, string> = {
  ELDERLY_ALONE: '独居老人',
  EMPTY_NEST: '空巢老人',
  DISABLED: '残疾',
  LOW_INCOME: '低保',
  SPECIAL_HARDSHIP: '特困',
  LEFT_BEHIND_CHILD: '留守儿童',
  NEEDS_CARE: '失能',
  VETERAN: '退役军人',
};

/**
 * Streams the workbook: residents in id order, a page at a time (keyset pagination), with their
 * households, buildings, units, grids and tags read per page. Returns the stream at once; rows
 * follow as they are read.
 */
export function streamResidentWorkbook(ctx: RequestContext, claims: ExportClaims): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('居民');
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const revealId = claims.reveal.includes('ID_NUMBER');
  const revealPhone = claims.reveal.includes('PHONE');
  const sensitiveOk = canSeeSensitiveTags(ctx.viewer);

  const run = async () => {
    const where = residentListWhere(ctx, claims.filter);
    const grids = new Map<string, string>();
    const buildings = new Map<string, string>();
    const units = new Map<string, string>();
    let after: string | null = null;
    for (;;) {
      const cond: FilterQuery<Resident> = after ? { $and: [where, { id: { $gt: after } }] } : where;
      const page: Resident[] = await ctx.em.find(Resident, cond, {
        orderBy: { id: 'asc' },
        limit: PAGE,
        disableIdentityMap: true,
      });
      if (!page.length) break;
      after = page[page.length - 1]!.id;
      const ids = page.map((r) => r.id);
      const hhIds = [...new Set(page.map((r) => r.householdId).filter((x): x is string => !!x))];
      const [tags, households] = await Promise.all([
        ctx.em.find(ResidentTag, { residentId: { $in: ids } }, { disableIdentityMap: true }),
        hhIds.length
          ? ctx.em.find(Household, { id: { $in: hhIds } }, { disableIdentityMap: true })
          : Promise.resolve([] as Household[]),
      ]);
      await fillNames(
        ctx.em,
        Grid,
        'code',
        page.map((r) => r.gridId),
        grids,
      );
      await fillNames(
        ctx.em,
        Building,
        'name',
        page.map((r) => r.buildingId),
        buildings,
      );
      await fillNames(
        ctx.em,
        BuildingUnit,
        'name',
        page.map((r) => r.unitId),
        units,
      );
      const tagsOf = new Map<string, ResidentTagKind[]>();
      for (const t of tags) tagsOf.set(t.residentId, [...(tagsOf.get(t.residentId) ?? []), t.kind]);
      const hh = new Map(households.map((h) => [h.id, h]));
      for (const r of page) {
        const h = r.householdId ? hh.get(r.householdId) : undefined;
        const kinds = (tagsOf.get(r.id) ?? []).filter(
          (k) => sensitiveOk || !['DISABLED', 'LOW_INCOME', 'SPECIAL_HARDSHIP'].includes(k),
        );
        sheet
          .addRow([
            r.name,
            r.gender ? GENDER_ZH[r.gender] : null,
            r.birthDate ?? null,
            revealId ? (r.idNumber ?? null) : maskIdNumber(r.idNumber),
            revealPhone ? (r.phone ?? null) : maskPhone(r.phone),
            r.gridId ? (grids.get(r.gridId) ?? null) : null,
            r.buildingId ? (buildings.get(r.buildingId) ?? null) : null,
            r.unitId ? (units.get(r.unitId) ?? null) : null,
            h?.room ?? null,
            h?.householdNumber ?? null,
            h?.address ?? null,
            r.relationToHead ?? null,
            r.residency ? RESIDENCY_ZH[r.residency] : null,
            kinds.map((k) => TAG_ZH[k]).join('、') || null,
            r.refusedInfo ? '是' : '否',
            toGlobalId('Resident', r.id),
          ])
          .commit();
      }
      if (page.length < PAGE) break;
    }
    sheet.commit();
    await workbook.commit();
  };
  run().catch((err) => {
    ctx.log.error({ err }, 'resident export failed');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return out;
}

async function fillNames(
  em: EntityManager,
  entity: typeof Grid | typeof Building | typeof BuildingUnit,
  column: 'code' | 'name',
  ids: (string | null | undefined)[],
  into: Map<string, string>,
): Promise<void> {
  const missing = [...new Set(ids.filter((x): x is string => !!x && !into.has(x)))];
  if (!missing.length) return;
  const rows = (await em.find(
    entity as typeof Grid,
    { id: { $in: missing } },
    { disableIdentityMap: true },
  )) as unknown as Record<string, string>[];
  for (const row of rows) into.set(row.id!, row[column]!);
}
