import type { FilterQuery } from '@mikro-orm/postgresql';
import { XMLBuilder } from 'fast-xml-parser';
import { z } from 'zod';
import type { Viewer } from '../auth/viewer';
import { Case, CaseCategory, CaseSource, CaseState, OPEN_STATES } from '../cases';
import { CASE_STATE_LABELS, DEPARTMENT_LABELS } from '../cases/case.enums';
import { caseWhere, getCase, reportCase } from '../cases/case.service';
import { AppError, badInput, ErrorCode, type Message } from '../graphql/errors';
import { parseGlobalId, toGlobalId } from '../graphql/global-id';
import type { RequestContext } from '../server/context';
import { Community, Grid } from '../territory';

/*
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): the open standard 12345 hotlines
 * and city apps speak. Services are case categories; service requests are cases, created through
 * the closed loop (routed to a grid by their point) and read back with their state. JSON and XML.
 */

export type Format = 'json' | 'xml';

/** An answer: HTTP status and the document to send in the requested format. */
export interface Open311Answer {
  status: number;
  body: unknown;
  /** Root and item element names for XML. */
  xml: { root: string; item: string };
}

const HTTP_OF: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/** Our input paths, named as the Open311 parameters a client sent. */
const PARAM_OF: Record<string, string> = {
  'input.categoryId': 'service_code',
  'input.location': 'lat/long',
  'input.gridId': 'lat/long',
  'input.communityId': 'lat/long or address_string',
  'input.address': 'address_string',
  'input.description': 'description',
  'input.title': 'description',
};

/** Open311's error document: a list of {code, description}, with the HTTP status as code. */
export function errorAnswer(e: unknown, locale: 'zh' | 'en'): Open311Answer {
  let status = 500;
  let description = locale === 'zh' ? '服务器内部错误' : 'Internal server error';
  if (e instanceof AppError) {
    const ext = e.extensions as { code: string; field?: string; i18n: Message };
    status = HTTP_OF[ext.code] ?? 500;
    const param = ext.field ? (PARAM_OF[ext.field] ?? ext.field) : null;
    description = ext.i18n[locale] + (param ? ` (${param})` : '');
  }
  return { status, body: [{ code: status, description }], xml: { root: 'errors', item: 'error' } };
}

const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: false });

/** Serializes an answer; `null` values become empty elements in XML and `null` in JSON. */
export function render(a: Open311Answer, format: Format): string {
  if (format === 'json') return JSON.stringify(a.body);
  const items = (a.body as Record<string, unknown>[]).map((o) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v == null ? '' : v])),
  );
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    [a.xml.root]: { [a.xml.item]: items },
  }) as string;
}

// ---------- services ----------

/** Active categories: the shared ones, and the viewer's street's own when a viewer is known. */
export async function listServices(ctx: RequestContext): Promise<Open311Answer> {
  const j = ctx.viewer.jurisdiction;
  const where: FilterQuery<CaseCategory> =
    ctx.viewer.kind === 'anonymous' || !j
      ? { active: true, streetId: null }
      : j.level === 'PLATFORM'
        ? { active: true }
        : { active: true, $or: [{ streetId: null }, { streetId: j.streetId }] };
  const cats = await ctx.em.find(CaseCategory, where, { orderBy: { code: 'asc' } });
  const en = ctx.locale === 'en';
  return {
    status: 200,
    xml: { root: 'services', item: 'service' },
    body: cats.map((c) => ({
      service_code: c.code,
      service_name: en ? c.nameEn : c.nameZh,
      description: en
        ? `${c.nameEn} (${c.defaultScale === 'SMALL' ? 'handled by the grid' : 'goes to a joint meeting'}, ${c.slaHours} h)`
        : `${c.nameZh}（${c.defaultScale === 'SMALL' ? '网格办理' : '提交联席会议'}，时限 ${c.slaHours} 小时）`,
      metadata: false,
      type: 'realtime',
      keywords: `${c.nameZh},${c.nameEn}`,
      group: c.defaultScale === 'SMALL' ? (en ? 'small matters' : '小事') : en ? 'major matters' : '大事',
    })),
  };
}

// ---------- requests ----------

/** Reads need a viewer: cases carry residents' words and places, unlike the public categories. */
function requireReader(v: Viewer): void {
  if (v.kind === 'anonymous') {
    throw new AppError(ErrorCode.UNAUTHENTICATED, {
      en: 'Give an API key (api_key parameter or X-Api-Key header)',
      zh: '请提供 API 密钥（api_key 参数或 X-Api-Key 请求头）',
    });
  }
  if (v.kind === 'apiKey' && !v.scopes?.some((s) => s === 'cases:read' || s === 'cases:write')) {
    throw new AppError(ErrorCode.FORBIDDEN, {
      en: 'This API key lacks the cases:read scope',
      zh: '该 API 密钥没有 cases:read 权限',
    });
  }
}

function requireWriter(v: Viewer): void {
  requireReader(v);
  if (v.kind === 'apiKey' && !v.scopes?.includes('cases:write')) {
    throw new AppError(ErrorCode.FORBIDDEN, {
      en: 'This API key lacks the cases:write scope',
      zh: '该 API 密钥没有 cases:write 权限',
    });
  }
}

async function toRequests(ctx: RequestContext, cases: Case[]): Promise<Record<string, unknown>[]> {
  const en = ctx.locale === 'en';
  const catIds = [...new Set(cases.map((c) => c.categoryId))];
  const gridIds = [...new Set(cases.map((c) => c.gridId).filter((x): x is string => !!x))];
  const communityIds = [...new Set(cases.map((c) => c.communityId))];
  const [cats, grids, communities] = await Promise.all([
    catIds.length ? ctx.em.find(CaseCategory, { id: { $in: catIds } }) : [],
    gridIds.length ? ctx.em.find(Grid, { id: { $in: gridIds } }) : [],
    communityIds.length ? ctx.em.find(Community, { id: { $in: communityIds } }) : [],
  ]);
  const cat = new Map(cats.map((c) => [c.id, c]));
  const grid = new Map(grids.map((g) => [g.id, g]));
  const community = new Map(communities.map((c) => [c.id, c]));
  return cases.map((c) => {
    const k = cat.get(c.categoryId);
    const open = OPEN_STATES.includes(c.state);
    const notes = [
      CASE_STATE_LABELS[c.state][en ? 'en' : 'zh'],
      c.state === CaseState.REJECTED ? c.rejectReason : null,
      !open && c.state !== CaseState.REJECTED ? c.resolution : null,
    ].filter(Boolean);
    return {
      service_request_id: toGlobalId('Case', c.id),
      status: open ? 'open' : 'closed',
      status_notes: notes.join(en ? ': ' : '：'),
      service_name: k ? (en ? k.nameEn : k.nameZh) : null,
      service_code: k?.code ?? null,
      description: c.description ?? c.title,
      agency_responsible:
        c.responsibleName ??
        (c.department ? DEPARTMENT_LABELS[c.department][en ? 'en' : 'zh'] : null) ??
        (c.gridId ? grid.get(c.gridId)?.name : null) ??
        community.get(c.communityId)?.name ??
        null,
      service_notice: null,
      requested_datetime: c.reportedAt.toISOString(),
      updated_datetime: c.updatedAt.toISOString(),
      expected_datetime: open ? c.overallDueAt.toISOString() : null,
      address: c.address ?? null,
      address_id: null,
      zipcode: null,
      lat: c.lat ?? null,
      long: c.lng ?? null,
      media_url: null,
    };
  });
}

const REQUESTS_LIMIT = 1000;
const DAY_MS = 86_400_000;

const listSchema = z.object({
  service_request_id: z.string().max(20_000).optional(),
  service_code: z.string().max(32).optional(),
  status: z
    .string()
    .regex(/^(open|closed)(,(open|closed))*$/, 'open, closed or both separated by a comma')
    .optional(),
  start_date: z.string().datetime({ offset: true }).optional(),
  end_date: z.string().datetime({ offset: true }).optional(),
});

function param(field: string, issue: z.ZodIssue | undefined): AppError {
  return badInput(field, {
    en: `${field}: ${issue?.message ?? 'invalid'}`,
    zh: `${field}：取值无效`,
  });
}

/** GET requests: the viewer's cases, newest first; by default those of the last 90 days (the spec's default). */
export async function listRequests(
  ctx: RequestContext,
  query: Record<string, unknown>,
): Promise<Open311Answer> {
  requireReader(ctx.viewer);
  const parsed = listSchema.safeParse(query);
  if (!parsed.success)
    throw param(String(parsed.error.issues[0]?.path[0] ?? 'query'), parsed.error.issues[0]);
  const q = parsed.data;
  const conditions: FilterQuery<Case>[] = [caseWhere(ctx.viewer as never)];
  if (q.service_request_id) {
    const ids = q.service_request_id
      .split(',')
      .map((s) => caseId(s.trim()))
      .filter((x): x is string => !!x);
    conditions.push({ id: { $in: ids } });
  } else {
    const end = q.end_date ? new Date(q.end_date) : ctx.app.clock.now();
    const start = q.start_date ? new Date(q.start_date) : new Date(end.getTime() - 90 * DAY_MS);
    conditions.push({ reportedAt: { $gte: start, $lte: end } });
    if (q.service_code) {
      const c = await ctx.em.findOne(CaseCategory, { code: q.service_code.toUpperCase() });
      conditions.push({ categoryId: c?.id ?? '00000000-0000-0000-0000-000000000000' });
    }
    if (q.status) {
      const want = new Set(q.status.split(','));
      if (want.size === 1) {
        conditions.push(
          want.has('open') ? { state: { $in: [...OPEN_STATES] } } : { state: { $nin: [...OPEN_STATES] } },
        );
      }
    }
  }
  const cases = await ctx.em.find(
    Case,
    { $and: conditions },
    { orderBy: { reportedAt: 'desc', id: 'desc' }, limit: REQUESTS_LIMIT },
  );
  return {
    status: 200,
    xml: { root: 'service_requests', item: 'request' },
    body: await toRequests(ctx, cases),
  };
}

/** A case id as Open311 clients send it: our global id, or the plain uuid. */
function caseId(s: string): string | null {
  const g = parseGlobalId(s);
  if (g) return g.type === 'Case' ? g.id : null;
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) ? s.toLowerCase() : null;
}

/** GET requests/{id}: a list of one (the spec's shape), or 404. */
export async function getRequest(ctx: RequestContext, id: string): Promise<Open311Answer> {
  requireReader(ctx.viewer);
  const uuid = caseId(id);
  if (!uuid) {
    throw new AppError(ErrorCode.NOT_FOUND, { en: 'Service request not found', zh: '未找到该服务请求' });
  }
  const c = await getCase(ctx, uuid).catch((e: unknown) => {
    if (e instanceof AppError && (e.extensions as { code: string }).code === ErrorCode.NOT_FOUND) {
      throw new AppError(ErrorCode.NOT_FOUND, { en: 'Service request not found', zh: '未找到该服务请求' });
    }
    throw e;
  });
  return {
    status: 200,
    xml: { root: 'service_requests', item: 'request' },
    body: await toRequests(ctx, [c]),
  };
}

const number = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z.number().finite().min(min).max(max),
  );

const createSchema = z.object({
  service_code: z.string().trim().min(1).max(32),
  lat: number(-90, 90).optional(),
  long: number(-180, 180).optional(),
  address_string: z.string().trim().min(1).max(300).optional(),
  address_id: z.string().trim().max(100).optional(),
  description: z.string().trim().max(1800).optional(),
  media_url: z
    .string()
    .trim()
    .max(300)
    .regex(/^https?:\/\//, 'must be an http(s) URL')
    .optional(),
});

const PARAM_ZH: Record<string, string> = {
  service_code: 'service_code 缺失或无效',
  lat: 'lat 应为 -90 至 90 的数字',
  long: 'long 应为 -180 至 180 的数字',
  address_string: 'address_string 无效（最多 300 字）',
  description: 'description 最多 1800 字',
  media_url: 'media_url 应为 http(s) 地址',
};

/**
 * POST requests: a new case from the district system, source INTEGRATION, in the chosen category,
 * routed to the grid whose boundary holds the point (or left to the community's triage). The
 * requester's name, phone and e-mail are not kept: a case holds no contact data of its own, and
 * personal data is not written into free text where it could not be masked.
 */
export async function createRequest(
  ctx: RequestContext,
  body: Record<string, unknown>,
): Promise<Open311Answer> {
  requireWriter(ctx.viewer);
  const parsed = createSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'service_code');
    throw badInput(field, {
      en: `${field}: ${issue.code === 'invalid_type' && issue.received === 'undefined' ? 'required' : issue.message}`,
      zh: PARAM_ZH[field] ?? `${field} 无效`,
    });
  }
  const d = parsed.data;
  const hasPoint = d.lat !== undefined && d.long !== undefined;
  if ((d.lat === undefined) !== (d.long === undefined)) {
    throw badInput('lat', { en: 'lat and long go together', zh: 'lat 与 long 须同时提供' });
  }
  if (!hasPoint && !d.address_string && !d.address_id) {
    throw badInput('lat', {
      en: 'A location is required: lat and long, or address_string',
      zh: '必须提供位置：lat 与 long，或 address_string',
    });
  }
  const category = await ctx.em.findOne(CaseCategory, { code: d.service_code.toUpperCase(), active: true });
  if (!category) {
    throw badInput('service_code', {
      en: 'service_code: no such service (see services.json)',
      zh: 'service_code：服务不存在（见 services.json）',
    });
  }
  const text = d.description ?? '';
  const title = (
    text.split(/\r?\n/)[0]!.slice(0, 40) || (ctx.locale === 'en' ? category.nameEn : category.nameZh)
  ).trim();
  const description = [text || null, d.media_url ? `[media] ${d.media_url}` : null]
    .filter(Boolean)
    .join('\n');
  const c = await reportCase(ctx, {
    categoryId: category.id,
    source: CaseSource.INTEGRATION,
    title,
    description: description || null,
    location: hasPoint ? { lat: d.lat!, lng: d.long! } : null,
    address: d.address_string ?? d.address_id ?? null,
  });
  const grid = c.gridId ? await ctx.em.findOne(Grid, { id: c.gridId }) : null;
  const en = ctx.locale === 'en';
  return {
    status: 201,
    xml: { root: 'service_requests', item: 'request' },
    body: [
      {
        service_request_id: toGlobalId('Case', c.id),
        service_notice: grid
          ? en
            ? `Received; routed to ${grid.name}, due ${c.overallDueAt.toISOString()}`
            : `已接收，已分流至${grid.name}，办理时限 ${c.overallDueAt.toISOString()}`
          : en
            ? 'Received; the community will route it'
            : '已接收，待社区分派网格',
        account_id: null,
      },
    ],
  };
}
