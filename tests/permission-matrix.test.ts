import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { allow } from '../src/auth/permissions';
import { buildAppSchema } from '../src/graphql/schema';
import { createTestServer, type GqlResult, type TestServer } from './helpers/test-server';

/*
 * The permission matrix, generated from the schema and the merged rule map: every root field is
 * called by every kind of viewer with generated arguments, and the answer must match what the
 * field's rule promises. A new field joins the matrix by itself.
 */

let s: TestServer;
const viewers: Record<
  string,
  {
    token?: string;
    kind: 'anonymous' | 'user' | 'apiKey';
    admin: boolean;
    platform: boolean;
    scopes?: string[];
  }
> = {};
let foreignGridId: string;
let ownGridId: string;
let counted = 0;
const seenInside = new Set<string>();

beforeAll(async () => {
  s = await createTestServer();
  viewers.anonymous = { kind: 'anonymous', admin: false, platform: false };
  for (const u of ['admin', 'street_admin', 'community_admin', 'grid_worker']) {
    viewers[u] = {
      token: await s.login(u),
      kind: 'user',
      admin: u !== 'grid_worker',
      platform: u === 'admin',
    };
  }
  const admin = viewers.admin.token!;
  const grids = (await s.gql('{ grids(first: 9) { nodes { id code } } }', {}, { token: admin })).data!.grids
    .nodes as { id: string; code: string }[];
  foreignGridId = grids.find((g) => g.code === 'SQ0101-02')!.id;
  // One key per single scope, bound to grid 1.
  const grid1 = grids.find((g) => g.code === 'SQ0101-01')!.id;
  ownGridId = grid1;
  for (const scope of ['territory:read', 'people:read', 'cases:read', 'metrics:read']) {
    const res = await s.gql(
      'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }',
      { i: { name: scope, scopes: [scope], gridId: grid1 } },
      { token: admin },
    );
    viewers[`key ${scope}`] = {
      token: res.data!.createApiKey.key,
      kind: 'apiKey',
      admin: false,
      platform: false,
      scopes: [scope],
    };
  }
});
afterAll(() => s.close());

function sample(type: GraphQLInputType, name: string, gridId: string, depth = 0): unknown {
  const t = getNullableType(type);
  if (isListType(t)) return [sample(t.ofType, name, gridId, depth + 1)];
  if (isEnumType(t)) return t.getValues()[0]!.value;
  if (isInputObjectType(t)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(t.getFields())) {
      // Required fields, and every optional grid filter: the jurisdiction half of the matrix.
      if (isNonNullType(f.type) || f.name === 'gridId')
        out[f.name] = sample(f.type, f.name, gridId, depth + 1);
    }
    return out;
  }
  if (isScalarType(t)) {
    switch (t.name) {
      case 'ID':
        return gridId;
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return false;
      case 'DateTime':
        return new Date(Date.now() + 86400000).toISOString();
      case 'LocalDate':
        return '2026-01-01';
      case 'JSONObject':
      case 'JSON':
        return {};
      default:
        return name.toLowerCase().includes('password') ? 'password-123456' : 'x';
    }
  }
  return null;
}

function operation(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  gridId: string,
): { text: string; vars: Record<string, unknown> } {
  const args = field.args.filter(
    (a: GraphQLArgument) => isNonNullType(a.type) || (a.name === 'filter' && isInputObjectType(a.type)),
  );
  const vars: Record<string, unknown> = {};
  const decl = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const pass = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  for (const a of args) vars[a.name] = sample(a.type, a.name, gridId);
  const named = getNamedType(field.type);
  const counted = isObjectType(named) && 'totalCount' in named.getFields();
  const selection =
    isScalarType(named) || isEnumType(named)
      ? ''
      : counted
        ? ' { __typename totalCount }'
        : ' { __typename }';
  return {
    text: `${kind}${decl ? `(${decl})` : ''} { ${field.name}${pass ? `(${pass})` : ''}${selection} }`,
    vars,
  };
}

function ruleName(
  rules: Record<string, Record<string, { name?: string }>>,
  type: string,
  field: string,
): string {
  const r = rules[type]?.[field] ?? rules[type]?.['*'];
  if (!r) return 'deny';
  if (r === allow) return 'allow';
  return r.name ?? 'deny';
}

const code = (res: GqlResult) => res.errors?.[0]?.extensions?.code as string | undefined;

describe('permission matrix', () => {
  it('every root field answers every viewer as its rule says', async () => {
    const { bare, rules } = await buildAppSchema();
    const problems: string[] = [];
    for (const kind of ['query', 'mutation'] as const) {
      const root = kind === 'query' ? bare.getQueryType()! : bare.getMutationType()!;
      for (const field of Object.values(root.getFields())) {
        if (field.name === 'login' || field.name === 'changePassword' || field.name === 'setUserActive')
          continue; // would change the viewers under test
        const rule = ruleName(rules as never, root.name, field.name);
        const op = operation(kind, field, foreignGridId);
        // Reads that name a grid are asked twice by viewers bound to grid 1: inside and outside.
        const placed = kind === 'query' && JSON.stringify(op.vars).includes(foreignGridId);
        const inside = placed ? operation(kind, field, ownGridId) : null;
        for (const [who, v] of Object.entries(viewers)) {
          const res = await s.gql(op.text, op.vars, { token: v.token });
          counted++;
          const c = code(res);
          const msg = res.errors?.[0]?.message ?? '';
          const refusedByScope = /lacks the .* scope/.test(msg);
          let expected: string;
          if (rule === 'allow') expected = 'not refused';
          else if (v.kind === 'anonymous') expected = 'UNAUTHENTICATED';
          else if (rule === 'admin' || rule === 'platformAdmin') {
            const ok = rule === 'admin' ? v.admin : v.platform;
            expected = ok ? 'not refused' : 'FORBIDDEN';
          } else if (rule === 'authenticated') expected = 'not unauthenticated';
          else if (/^\w+:(read|write)$/.test(rule)) {
            const [area, mode] = rule.split(':') as [string, string];
            if (v.kind === 'user') expected = 'not unauthenticated';
            else {
              const scopes = v.scopes ?? [];
              const holds =
                area === 'webhooks'
                  ? scopes.includes('webhooks:manage')
                  : mode === 'write'
                    ? scopes.includes(`${area}:write`)
                    : scopes.includes(`${area}:read`) || scopes.includes(`${area}:write`);
              expected = holds ? 'not refused by scope' : 'FORBIDDEN by scope';
            }
          } else expected = 'FORBIDDEN';
          const okOutcome =
            // Services may still refuse a permitted viewer (a finer role or jurisdiction rule): the
            // matrix checks the permission layer, and that no such viewer is told to sign in.
            (expected === 'not refused' && c !== 'UNAUTHENTICATED') ||
            (expected === 'UNAUTHENTICATED' && c === 'UNAUTHENTICATED') ||
            (expected === 'FORBIDDEN' && c === 'FORBIDDEN') ||
            (expected === 'not unauthenticated' && c !== 'UNAUTHENTICATED') ||
            (expected === 'not refused by scope' && !refusedByScope && c !== 'UNAUTHENTICATED') ||
            (expected === 'FORBIDDEN by scope' && c === 'FORBIDDEN');
          if (!okOutcome)
            problems.push(
              `${root.name}.${field.name} as ${who} (rule ${rule}): expected ${expected}, got ${c ?? 'data'} ${msg}`,
            );
          // Outside the jurisdiction: a viewer bound to grid 1 gets nothing of grid 2 — an error,
          // null, an empty connection, never another grid.
          if (!inside || v.kind === 'anonymous' || v.admin) continue;
          const data = res.data?.[field.name] as Record<string, unknown> | null | undefined;
          if (!c && data && typeof data === 'object') {
            if (typeof data.totalCount === 'number' && data.totalCount > 0)
              problems.push(
                `${root.name}.${field.name} as ${who} counted ${data.totalCount} outside its grid`,
              );
            if (data.__typename === 'Grid')
              problems.push(`${root.name}.${field.name} as ${who} returned another grid`);
          }
          const inRes = await s.gql(inside.text, inside.vars, { token: v.token });
          counted++;
          if (code(inRes) === 'UNAUTHENTICATED')
            problems.push(`${root.name}.${field.name} as ${who} inside its grid: asked to sign in`);
          const inData = inRes.data?.[field.name] as Record<string, unknown> | null | undefined;
          if (typeof inData?.totalCount === 'number' && inData.totalCount > 0) seenInside.add(field.name);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(counted).toBeGreaterThan(50);
    // The outside half is not vacuous: these lists do have rows inside the viewer's own grid.
    expect([...seenInside]).toEqual(
      expect.arrayContaining(['residents', 'households', 'cases', 'activities']),
    );
    console.log(
      `permission matrix: ${counted} cases checked; ${seenInside.size} grid-filtered lists non-empty inside, empty outside`,
    );
  });
});
