/*
 * The raw-SQL floor of the benchmark: scenarios 1–4 answered by hand-written SQL through `pg` (one
 * statement each, as a query compiler would write it) and a bare node:http handler that
 * serializes the same JSON the GraphQL API returns. It checks the same signed token and limits
 * every query to the viewer's community, so it does the work any correct server must do.
 *
 * Started by `npm run bench` as a child process: PORT, DATABASE_URL, JWT_SECRET in the environment.
 */
import 'reflect-metadata';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { TokenService } from '../../src/auth/token.service';
import { toCursor } from '../../src/graphql/connection';
import { parseGlobalId, toGlobalId } from '../../src/graphql/global-id';
import { ageOn, chinaDate } from '../../src/people/dates';
import { maskIdNumber, maskPhone } from '../../src/people/masking';
import { STAFF_ROLES } from '../../src/staff/staff.enums';
import { ResidentTagKind } from '../../src/people/resident-tag.entity';
import { registry } from '../../src/modules/registry';
import '../../src/features';

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_MAX ?? 10),
});
const tokens = new TokenService(process.env.JWT_SECRET!, 3600);
const TAG_ORDER = Object.values(ResidentTagKind) as string[];
const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

type Handler = (body: Record<string, unknown>, communityId: string) => Promise<unknown>;

function uuidOf(globalId: unknown, type: string): string {
  const p = parseGlobalId(String(globalId));
  if (!p || p.type !== type) throw new Error(`bad ${type} id`);
  return p.id;
}

function page<T extends { id: string }>(rows: T[], first: number) {
  const hasNext = rows.length > first;
  const items = hasNext ? rows.slice(0, first) : rows;
  return {
    items,
    pageInfo: {
      hasNextPage: hasNext,
      endCursor: items.length ? toCursor(items[items.length - 1]!.id) : null,
    },
  };
}

const handlers: Record<string, Handler> = {
  async grid(v, community) {
    const grid = uuidOf(v.grid, 'Grid');
    const period = v.period as { from: string; to: string };
    const today = chinaDate(new Date());
    const { rows } = await pool.query(
      `select g.id, g.code, g.name, g.theme,
         (select count(*)::int from household h where h.grid_id = g.id and h.community_id = $2) as households,
         (select count(*)::int from resident r where r.grid_id = g.id and r.community_id = $2) as residents,
         (select json_build_object('total', count(distinct p.staff_member_id),
                  'roles', (select json_object_agg(x.role, x.n) from (
                     select a.role, count(distinct a.staff_member_id) as n from staff_assignment a
                     where a.grid_id = g.id and a.community_id = $2 and a.start_date <= $3::date
                       and (a.end_date is null or a.end_date >= $3::date) group by a.role) x))
            from staff_assignment p where p.grid_id = g.id and p.community_id = $2 and p.start_date <= $3::date
              and (p.end_date is null or p.end_date >= $3::date)) as roster,
         (select coalesce(json_agg(json_build_object('moduleId', m.module_id, 'enabled', m.enabled,
                  'enabledAt', m.enabled_at) order by m.module_id), '[]')
            from grid_module m where m.grid_id = g.id and m.enabled) as modules,
         (select json_build_object(
            'reported', (select count(*) from case_record c where c.grid_id = g.id and c.reported_at >= $4 and c.reported_at < $5),
            'solved', s.n, 'onTime', s.on_time) from (
              select count(*) as n, round(100.0 * count(*) filter (where c.resolved_at <= c.overall_due_at) / nullif(count(*), 0), 1) as on_time
              from case_record c where c.grid_id = g.id and c.resolved_at >= $4 and c.resolved_at < $5) s) as cases,
         (select json_build_object('n', count(*), 'beneficiaries', coalesce(sum(a.beneficiaries), 0))
            from activity a where a.grid_id = g.id and a.occurred_at >= $4 and a.occurred_at < $5) as activities,
         (select count(*)::int from case_record c where c.grid_id = g.id and c.community_id = $2 and c.state = any($6)) as open
       from grid g where g.id = $1 and g.community_id = $2`,
      [grid, community, today, period.from, period.to, v.open],
    );
    const g = rows[0];
    if (!g) return { node: null, cases: { totalCount: 0 } };
    const roles = (g.roster.roles ?? {}) as Record<string, number>;
    return {
      node: {
        id: toGlobalId('Grid', g.id),
        code: g.code,
        name: g.name,
        theme: g.theme,
        householdCount: g.households,
        residentCount: g.residents,
        roster: {
          total: Number(g.roster.total),
          byRole: STAFF_ROLES.map((role) => ({ role, count: Number(roles[role] ?? 0) })),
        },
        modules: (g.modules as { moduleId: string; enabled: boolean; enabledAt: string }[]).map((m) => ({
          ...m,
          enabledAt: iso(m.enabledAt),
        })),
        metrics: [
          { code: 'cases.reported', value: Number(g.cases.reported) },
          { code: 'cases.solved', value: Number(g.cases.solved) },
          { code: 'cases.on_time_rate', value: Number(g.cases.onTime ?? 0) },
          { code: 'activities.count', value: Number(g.activities.n) },
          { code: 'activities.beneficiaries', value: Number(g.activities.beneficiaries) },
        ],
      },
      cases: { totalCount: g.open },
    };
  },

  async residents(v, community) {
    const grid = uuidOf(v.grid, 'Grid');
    const first = Number(v.first);
    const today = chinaDate(new Date());
    const { rows } = await pool.query(
      `select r.id, r.name, r.gender, r.birth_date::text as birth_date, r.residency, r.id_number, r.phone,
              h.id as household_id, h.household_number, h.address,
              (select array_agg(t.kind::text) from resident_tag t where t.resident_id = r.id) as tags,
              count(*) over () as total
       from resident r left join household h on h.id = r.household_id and h.community_id = $2
       where r.community_id = $2 and r.grid_id = $1
         and r.id in (select t.resident_id from resident_tag t where t.grid_id = $1 and t.kind = 'EMPTY_NEST')
       order by r.id limit $3`,
      [grid, community, first + 1],
    );
    const p = page(rows, first);
    return {
      residents: {
        totalCount: rows.length ? Number(rows[0].total) : 0,
        pageInfo: p.pageInfo,
        nodes: p.items.map((r) => ({
          id: toGlobalId('Resident', r.id),
          name: r.name,
          gender: r.gender,
          age: r.birth_date ? ageOn(r.birth_date, today) : null,
          residency: r.residency,
          idNumber: maskIdNumber(r.id_number),
          phone: maskPhone(r.phone),
          tags: ((r.tags ?? []) as string[]).sort((a, b) => TAG_ORDER.indexOf(a) - TAG_ORDER.indexOf(b)),
          household: r.household_id
            ? {
                id: toGlobalId('Household', r.household_id),
                householdNumber: r.household_number,
                address: r.address,
              }
            : null,
        })),
      },
    };
  },

  async cases(v, community) {
    const first = Number(v.first);
    if (uuidOf(v.community, 'Community') !== community) return { cases: null };
    const { rows } = await pool.query(
      `select p.id, p.title, p.state, p.reported_at, p.due_at, cat.code, cat.name_zh,
              s.id as assignee_id, s.name as assignee_name,
              (select json_agg(e order by e.version) from (
                 select ce.version, ce.action, ce.from_state, ce.to_state, ce.at, ce.actor_name
                 from case_event ce where ce.case_id = p.id order by ce.version desc limit 3) e) as timeline,
              (select count(*) from case_record c where c.community_id = $1) as total
       from (select * from case_record c where c.community_id = $1 order by c.id desc limit $2) p
       join case_category cat on cat.id = p.category_id
       left join staff_member s on s.id = p.assignee_id and s.community_id = $1
       order by p.id desc`,
      [community, first + 1],
    );
    const p = page(rows, first);
    return {
      cases: {
        totalCount: rows.length ? Number(rows[0].total) : 0,
        pageInfo: p.pageInfo,
        nodes: p.items.map((c) => ({
          id: toGlobalId('Case', c.id),
          title: c.title,
          state: c.state,
          reportedAt: iso(c.reported_at),
          dueAt: iso(c.due_at),
          category: { code: c.code, nameZh: c.name_zh },
          assignee: c.assignee_id
            ? { id: toGlobalId('StaffMember', c.assignee_id), name: c.assignee_name }
            : null,
          timeline: (c.timeline as Record<string, unknown>[]).map((e) => ({
            version: e.version,
            action: e.action,
            fromState: e.from_state,
            toState: e.to_state,
            at: iso(e.at as string),
            actorName: e.actor_name,
          })),
        })),
      },
    };
  },

  async activities(v, community) {
    const first = Number(v.first);
    if (uuidOf(v.community, 'Community') !== community) return { activities: null };
    const { rows } = await pool.query(
      `select a.id, a.kind, a.module_id, a.title, a.occurred_at, a.participants, a.beneficiaries,
              a.grid_id, g.name as grid_name,
              (select count(*) from activity x where x.community_id = $1) as total
       from activity a join grid g on g.id = a.grid_id
       where a.community_id = $1 order by a.occurred_at desc, a.id desc limit $2`,
      [community, first + 1],
    );
    const p = page(rows, first);
    const reg = registry();
    return {
      activities: {
        totalCount: rows.length ? Number(rows[0].total) : 0,
        pageInfo: p.pageInfo,
        nodes: p.items.map((a) => {
          const types = reg.kind(a.kind)?.types;
          return {
            __typename: types ? `${types.baseName}Activity` : 'UninstalledModuleActivity',
            id: toGlobalId('Activity', a.id),
            kind: a.kind,
            moduleId: a.module_id,
            title: a.title,
            occurredAt: iso(a.occurred_at),
            participants: a.participants,
            beneficiaries: a.beneficiaries,
            grid: { id: toGlobalId('Grid', a.grid_id), name: a.grid_name },
          };
        }),
      },
    };
  },
};

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

function send(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = createServer((req, res) => {
  void (async () => {
    try {
      const name = (req.url ?? '').slice(1);
      const handler = handlers[name];
      if (req.method !== 'POST' || !handler) return send(res, 404, { error: 'not found' });
      const claims = await tokens.verify(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
      const community = claims?.jurisdiction?.communityId;
      if (!community) return send(res, 401, { error: 'unauthenticated' });
      const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      send(res, 200, { data: await handler(body, community) });
    } catch (e) {
      send(res, 500, { error: e instanceof Error ? e.message : String(e) });
    }
  })();
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('floor listening\n'));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
