import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { DEMO_USERS, gql, health, login, post, type Response } from './lib/client';
import { judge } from './lib/checks';
import { ROOT } from './lib/server-process';

/*
 * Input fuzzing generated from the committed schema: every Query and Mutation root field, with
 * argument values of the right shape and hostile content, a random selection of its result, sent
 * as different demo users (and anonymous, and with a forged token). Query-shape attacks (depth,
 * aliases, size, fragments, malformed bodies) are mixed in.
 */

export interface FuzzOptions {
  baseUrl: string;
  operations: number;
  seed: number;
  concurrency: number;
  batch: number;
  /** Personal data that must leave the server masked (resident ID numbers and phones). */
  personal: RegExp | null;
}

export interface FuzzResult {
  seed: number;
  operations: number;
  rootFieldsCovered: number;
  rootFieldsTotal: number;
  byOutcome: { data: number; partial: number; errors: number };
  codes: Record<string, number>;
  statuses: Record<string, number>;
  healthProbes: number;
  slowestMs: number;
  failures: { problem: string; request: string }[];
}

/** Mutations the fuzzer leaves to the other scenarios: they would sign the demo users out. */
const SKIP = new Set(['login', 'changePassword', 'setUserActive']);

const HOSTILE: string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b\u0001\u0007\b\u001b[31m\u007f',
  '\r\n\t\v\f',
  '😀'.repeat(500),
  '👨‍👩‍👧‍👦🏳️‍🌈🇨🇳',
  '\ud800',
  '\u202eevil\u202c',
  '\u200b\u200c\u200d\ufeff',
  "'; DROP TABLE case_record; --",
  "' OR '1'='1",
  "1' UNION SELECT password_hash FROM app_user --",
  '$$; select pg_sleep(30); $$',
  "'); select pg_sleep(30); --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '%00%27%22',
  '\\',
  '"',
  '`',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '社区网格化管理',
  'Z̸̡͇a̶͓l̷g̴o̵',
  '第一网格'.repeat(2000),
  'x'.repeat(100_001),
  '💩'.repeat(50_000),
];

function base64url(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}

const TYPES = ['Grid', 'Community', 'Street', 'Case', 'Resident', 'Household', 'User', 'Webhook', 'Event'];

export class Fuzzer {
  readonly schema: GraphQLSchema;
  private readonly ids: string[];
  private readonly memo = new Map<string, fc.Arbitrary<unknown>>();

  constructor(ids: string[]) {
    this.schema = buildSchema(readFileSync(join(ROOT, 'schema/schema.graphql'), 'utf8'));
    this.ids = ids.length ? ids : [base64url(`Grid:${randomUUID()}`)];
  }

  rootFields(): { op: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] {
    const out: { op: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] = [];
    for (const f of Object.values(this.schema.getQueryType()!.getFields()))
      out.push({ op: 'query', field: f });
    for (const f of Object.values(this.schema.getMutationType()!.getFields()))
      if (!SKIP.has(f.name)) out.push({ op: 'mutation', field: f });
    return out;
  }

  /** Ids of the type a name suggests (`gridId`, `grids` → Grid), or any known id. */
  private idsFor(hint: string): string[] {
    const base = hint.replace(/Ids?$/, '').replace(/s$/, '').toLowerCase();
    const typed = this.ids.filter((id) => {
      const t = Buffer.from(id, 'base64url').toString('utf8').split(':')[0]!.toLowerCase();
      return base && (t === base || t.endsWith(base));
    });
    return typed.length ? typed : this.ids;
  }

  private idArb(hint: string, hostile: boolean): fc.Arbitrary<unknown> {
    if (!hostile) return fc.constantFrom(...this.idsFor(hint));
    return fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...this.ids) },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.constantFrom(...TYPES), fc.uuid()).map(([t, u]) => base64url(`${t}:${u}`)),
      },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) },
      { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map(base64url) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(base64url('Grid:'), base64url(':'), base64url('Grid:1 or 1=1'), '====='),
      },
    );
  }

  private stringArb(): fc.Arbitrary<unknown> {
    return fc.oneof(
      { weight: 4, arbitrary: fc.string({ maxLength: 30, unit: 'grapheme' }) },
      { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
      { weight: 1, arbitrary: fc.string({ maxLength: 300, unit: 'binary' }) },
      { weight: 1, arbitrary: fc.constantFrom(...this.ids) },
    );
  }

  private scalarArb(name: string, hint: string, hostile: boolean): fc.Arbitrary<unknown> {
    const wrong = fc.constantFrom<unknown>('', 'x', true, {}, [], 1.5, '\u0000');
    if (!hostile) {
      switch (name) {
        case 'ID':
          return this.idArb(hint, false);
        case 'String':
          return fc.oneof(
            fc.constantFrom('楼道堆物', '路灯不亮', '第一网格', 'test'),
            fc.string({ minLength: 1, maxLength: 20 }),
          );
        case 'Int':
          return fc.integer({ min: 1, max: 50 });
        case 'Float':
          return fc.double({ min: 0, max: 10, noNaN: true });
        case 'Boolean':
          return fc.boolean();
        case 'DateTime':
          return fc
            .integer({ min: -30, max: 0 })
            .map((d) => new Date(Date.now() + d * 86400e3).toISOString());
        case 'LocalDate':
          return fc
            .integer({ min: -30, max: 0 })
            .map((d) => new Date(Date.now() + d * 86400e3).toISOString().slice(0, 10));
        default:
          return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
      }
    }
    switch (name) {
      case 'ID':
        return this.idArb(hint, true);
      case 'String':
        return this.stringArb();
      case 'Int':
        return fc.oneof(
          { weight: 5, arbitrary: fc.integer({ min: -3, max: 120 }) },
          {
            weight: 2,
            arbitrary: fc.constantFrom(0, -1, 2147483647, -2147483648, 2147483648, 2 ** 53 + 2, 1e21, 1.5),
          },
          { weight: 1, arbitrary: wrong },
        );
      case 'Float':
        return fc.oneof(
          { weight: 5, arbitrary: fc.double({ min: -1000, max: 1000, noNaN: true }) },
          { weight: 2, arbitrary: fc.constantFrom(0, -0, 5e-324, 1e308, -1e308, 116.4, 39.9, 181, -91) },
          { weight: 1, arbitrary: wrong },
        );
      case 'Boolean':
        return fc.oneof({ weight: 5, arbitrary: fc.boolean() }, { weight: 1, arbitrary: wrong });
      case 'DateTime':
        return fc.oneof(
          {
            weight: 4,
            arbitrary: fc
              .integer({ min: -400, max: 60 })
              .map((d) => new Date(Date.now() + d * 86400e3).toISOString()),
          },
          {
            weight: 2,
            arbitrary: fc.constantFrom(
              '2024-02-30T00:00:00Z',
              '0001-01-01T00:00:00Z',
              '9999-12-31T23:59:59Z',
              '+275760-09-13T00:00:00Z',
              '1970-01-01T00:00:00Z',
              'yesterday',
              '2024-01-01',
              '2024-01-01T25:61:61Z',
            ),
          },
          { weight: 1, arbitrary: wrong },
        );
      case 'LocalDate':
        return fc.oneof(
          {
            weight: 4,
            arbitrary: fc
              .integer({ min: -30000, max: 400 })
              .map((d) => new Date(Date.now() + d * 86400e3).toISOString().slice(0, 10)),
          },
          {
            weight: 2,
            arbitrary: fc.constantFrom(
              '2024-02-30',
              '0000-00-00',
              '99999-01-01',
              '1900-01-01',
              '2024-13-45',
              '',
            ),
          },
          { weight: 1, arbitrary: wrong },
        );
      case 'JSON':
      case 'JSONObject':
        return fc.oneof(
          {
            weight: 4,
            arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), {
              maxKeys: 5,
            }),
          },
          { weight: 1, arbitrary: fc.constant(deepObject(800)) },
          { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
        );
      default:
        return fc.oneof(this.stringArb(), wrong);
    }
  }

  /** Values for an input type: mostly well-shaped, sometimes null, missing fields or extra ones. */
  valueArb(type: GraphQLInputType, hint: string, hostile: boolean, depth = 0): fc.Arbitrary<unknown> {
    if (isNonNullType(type)) {
      const inner = this.valueArb(type.ofType, hint, hostile, depth);
      if (!hostile) return inner;
      return fc.oneof({ weight: 30, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) });
    }
    const nullable = (a: fc.Arbitrary<unknown>) =>
      hostile ? fc.oneof({ weight: 8, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) }) : a;
    if (isListType(type)) {
      const item = this.valueArb(type.ofType as GraphQLInputType, hint, hostile, depth + 1);
      if (!hostile) return fc.array(item, { minLength: 1, maxLength: 3 });
      return nullable(
        fc.oneof(
          { weight: 10, arbitrary: fc.array(item, { maxLength: 4 }) },
          { weight: 1, arbitrary: item.chain((v) => fc.constant(Array.from({ length: 1500 }, () => v))) },
        ),
      );
    }
    const named = type as GraphQLNamedType;
    const key = named.name;
    if (depth > 4) return fc.constant(null);
    if (isScalarType(named)) return nullable(this.scalarArb(named.name, hint, hostile));
    const memoKey = `${key}@${depth}@${hostile}`;
    const cached = this.memo.get(memoKey);
    if (cached) return cached;
    let arb: fc.Arbitrary<unknown>;
    if (false as boolean) arb = fc.constant(null);
    else if (isEnumType(named)) {
      const values = named.getValues().map((v) => v.name);
      arb = hostile
        ? fc.oneof(
            { weight: 10, arbitrary: fc.constantFrom(...values) },
            { weight: 1, arbitrary: fc.constantFrom('NOT_A_VALUE', values[0]!.toLowerCase(), '', 0) },
          )
        : fc.constantFrom(...values);
    } else if (isInputObjectType(named)) {
      const fields = Object.values(named.getFields());
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const f of fields) model[f.name] = this.valueArb(f.type, f.name, hostile, depth + 1);
      const required = fields
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => f.name);
      const record = fc.record(model, { requiredKeys: required });
      arb = !hostile
        ? record
        : fc.oneof(
            { weight: 20, arbitrary: record },
            { weight: 1, arbitrary: record.map((r) => ({ ...r, notAField: 'x' })) },
            {
              weight: 1,
              arbitrary: record.map((r) => {
                const copy = { ...(r as Record<string, unknown>) };
                delete copy[required[0] ?? ''];
                return copy;
              }),
            },
          );
    } else arb = fc.constant(null);
    arb = nullable(arb);
    this.memo.set(memoKey, arb);
    return arb;
  }

  /** A selection set for `type`: leaves, and a few nested objects down to `maxDepth`. */
  selection(
    type: GraphQLOutputType,
    rnd: () => number,
    vars: Map<string, { type: string; value: unknown }>,
    sample: (t: GraphQLInputType, hint: string) => unknown,
    depth = 0,
  ): string {
    const named = getNamedType(type);
    if (isLeafType(named)) return '';
    if (isUnionType(named)) {
      const pick = named.getTypes()[Math.floor(rnd() * named.getTypes().length)]!;
      return `{ __typename ... on ${pick.name} ${this.selection(pick, rnd, vars, sample, depth + 1)} }`;
    }
    if (!isObjectType(named) && !isInterfaceType(named)) return '';
    const parts = ['__typename'];
    const fields = Object.values(named.getFields());
    for (const f of fields) {
      const leaf = isLeafType(getNamedType(f.type));
      const p = leaf ? 0.6 : depth < 2 ? 0.25 : 0;
      if (rnd() > p) continue;
      const args = this.args(f.args, rnd, vars, sample);
      if (leaf) parts.push(`${f.name}${args}`);
      else {
        const sub = this.selection(f.type, rnd, vars, sample, depth + 1);
        if (sub) parts.push(`${f.name}${args} ${sub}`);
      }
    }
    if (isInterfaceType(named) && rnd() < 0.5) {
      const impls = this.schema.getPossibleTypes(named);
      const pick = impls[Math.floor(rnd() * impls.length)];
      if (pick) parts.push(`... on ${pick.name} { __typename }`);
    }
    return `{ ${parts.join(' ')} }`;
  }

  args(
    args: readonly GraphQLArgument[],
    rnd: () => number,
    vars: Map<string, { type: string; value: unknown }>,
    sample: (t: GraphQLInputType, hint: string) => unknown,
  ): string {
    const used: string[] = [];
    for (const a of args) {
      const required = isNonNullType(a.type) && a.defaultValue === undefined;
      if (!required && rnd() > 0.35) continue;
      const name = `v${vars.size}`;
      vars.set(name, { type: String(a.type), value: sample(a.type, a.name) });
      used.push(`${a.name}: $${name}`);
    }
    return used.length ? `(${used.join(', ')})` : '';
  }
}

function deepObject(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

interface Op {
  label: string;
  payload: string;
  /** The server may refuse by closing the connection (a body over the limit). */
  allowCut?: boolean;
  viewer: string;
  headers?: Record<string, string>;
}

/** Query-shape attacks: each a raw body, since some are not valid JSON or GraphQL on purpose. */
function shapeAttacks(rnd: () => number): Op[] {
  const nest = (n: number) => {
    let q = 'id';
    for (let i = 0; i < n; i++) q = i % 2 ? `grids { nodes { ${q} } }` : `community { ${q} }`;
    return `{ grids { nodes { ${q} } } }`;
  };
  const aliases = (n: number) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`;
  const json = (query: string, variables?: unknown) => JSON.stringify({ query, variables });
  const k = Math.floor(rnd() * 1e6);
  return [
    { label: 'depth 40', payload: json(nest(40)), viewer: 'admin' },
    { label: 'depth 400', payload: json(nest(400)), viewer: 'admin' },
    { label: 'aliases 2000', payload: json(aliases(2000)), viewer: 'grid_worker' },
    { label: 'aliases 60', payload: json(aliases(60)), viewer: 'grid_worker' },
    { label: 'duplicate fields', payload: json(`{ ${'viewer { role } '.repeat(3000)} }`), viewer: 'admin' },
    {
      label: 'directives',
      payload: json(`{ viewer { role ${'@include(if: true) '.repeat(500)} } }`),
      viewer: 'admin',
    },
    {
      label: 'fragment cycle',
      payload: json('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
      viewer: 'admin',
    },
    {
      label: 'many fragments',
      payload: json(
        `{ ...F0 } ${Array.from({ length: 300 }, (_, i) => `fragment F${i} on Query { viewer { role } ${i < 299 ? `...F${i + 1}` : ''} }`).join(' ')}`,
      ),
      viewer: 'admin',
    },
    {
      label: 'huge comment',
      payload: json(`# ${'x'.repeat(2_000_000)}\n{ viewer { role } }`),
      viewer: 'admin',
    },
    {
      label: 'over body limit',
      payload: json('{ viewer { role } }', { pad: 'x'.repeat(6 * 1024 * 1024) }),
      viewer: 'admin',
      allowCut: true,
    },
    { label: 'unterminated', payload: json('{ viewer { role '), viewer: 'admin' },
    { label: 'not json', payload: '{"query": "{ viewer { role } }"', viewer: 'admin' },
    {
      label: 'json array (batch)',
      payload: JSON.stringify([{ query: '{ viewer { role } }' }, { query: '{ viewer { role } }' }]),
      viewer: 'admin',
    },
    { label: 'query not a string', payload: JSON.stringify({ query: 42 }), viewer: 'admin' },
    {
      label: 'variables a string',
      payload: JSON.stringify({ query: 'query($id: ID!) { node(id: $id) { id } }', variables: 'x' }),
      viewer: 'admin',
    },
    { label: 'no query', payload: '{}', viewer: 'admin' },
    { label: 'empty body', payload: '', viewer: 'admin' },
    { label: 'null body', payload: 'null', viewer: 'admin' },
    {
      label: 'unknown operation name',
      payload: JSON.stringify({ query: 'query A { viewer { role } }', operationName: 'B' }),
      viewer: 'admin',
    },
    {
      label: 'two anonymous operations',
      payload: json('{ viewer { role } } { viewer { id } }'),
      viewer: 'admin',
    },
    {
      label: 'subscription over POST',
      payload: json('subscription { eventOccurred { id } }'),
      viewer: 'admin',
    },
    {
      label: 'introspection',
      payload: json('{ __schema { types { name fields { name } } } }'),
      viewer: 'admin',
    },
    {
      label: 'deep introspection',
      payload: json(
        `{ __schema { types { ${'fields { type { ofType { '.repeat(8)} name ${'} } }'.repeat(8)} } } }`,
      ),
      viewer: 'admin',
    },
    { label: 'forged token', payload: json('{ viewer { role } grids { totalCount } }'), viewer: 'forged' },
    {
      label: 'bad idempotency key',
      payload: json('mutation { __typename }'),
      viewer: 'grid_worker',
      headers: { 'idempotency-key': '\u00ff' + 'k'.repeat(300) },
    },
    {
      label: 'idempotent mutation',
      payload: json(`mutation { rateCase(input: { id: "x", rating: 9, version: 1 }) { id } }`),
      viewer: 'grid_worker',
      headers: { 'idempotency-key': `fuzz-${k}` },
    },
    {
      label: 'invalid utf-8',
      payload: Buffer.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('latin1'),
      viewer: 'admin',
    },
    {
      label: 'deep json variables',
      payload: `{"query":"query($v: JSON) { __typename }","variables":{"v":${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}}}`,
      viewer: 'admin',
    },
  ];
}

export async function runFuzz(opts: FuzzOptions, log: (s: string) => void): Promise<FuzzResult> {
  const tokens = new Map<string, string>();
  for (const u of DEMO_USERS) tokens.set(u, await login(opts.baseUrl, u));
  tokens.set('forged', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.' + 'A'.repeat(43));
  const ids = await harvestIds(opts.baseUrl, tokens.get('admin')!);
  const fuzzer = new Fuzzer(ids);
  const roots = fuzzer.rootFields();
  const viewers = [...DEMO_USERS, 'anonymous', 'forged'];

  // One deterministic stream of operations from the seed: the same seed replays the same run.
  let state = opts.seed >>> 0 || 1;
  const rnd = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  let sampleSeed = opts.seed;
  // Half the operations carry plausible values (real ids of the right type), so they get past
  // validation into the services; the other half carry hostile ones.
  let hostile = true;
  let label = '';
  const sample = (t: GraphQLInputType, hint: string) =>
    fc.sample(fuzzer.valueArb(t, hint, hostile), { numRuns: 1, seed: sampleSeed++ })[0];
  const covered = new Set<string>();
  let fieldCursor = 0;
  const makeOp = (i: number): Op => {
    if (i % 20 === 7) {
      const attacks = shapeAttacks(rnd);
      return attacks[Math.floor(rnd() * attacks.length)]!;
    }
    // Every root field in turn (all are covered once the run is longer than the field list).
    const { op, field } = roots[fieldCursor < roots.length ? fieldCursor : Math.floor(rnd() * roots.length)]!;
    fieldCursor++;
    covered.add(`${op}.${field.name}`);
    hostile = rnd() < 0.5;
    label = hostile ? 'hostile' : 'plausible';
    const vars = new Map<string, { type: string; value: unknown }>();
    const args = fuzzer.args(field.args, rnd, vars, sample);
    const sel = fuzzer.selection(field.type, rnd, vars, sample);
    const defs = [...vars.entries()].map(([n, v]) => `$${n}: ${v.type}`).join(', ');
    const query = `${op} Fuzz${defs ? `(${defs})` : ''} { ${field.name}${args} ${sel} }`;
    const variables = Object.fromEntries([...vars.entries()].map(([n, v]) => [n, v.value]));
    const viewer =
      op === 'mutation' && rnd() < 0.7
        ? viewers[Math.floor(rnd() * 5)]!
        : viewers[Math.floor(rnd() * viewers.length)]!;
    const headers =
      op === 'mutation' && rnd() < 0.3 ? { 'idempotency-key': `fuzz-${randomUUID()}` } : undefined;
    const payload = JSON.stringify({ query, variables });
    // Over the 5 MiB body limit the server may answer 413 and close before the body is sent.
    const allowCut = payload.length > 5 * 1024 * 1024;
    return { label: `${op}.${field.name} (${label})`, payload, viewer, headers, allowCut };
  };

  const result: FuzzResult = {
    seed: opts.seed,
    operations: 0,
    rootFieldsCovered: 0,
    rootFieldsTotal: roots.length,
    byOutcome: { data: 0, partial: 0, errors: 0 },
    codes: {},
    statuses: {},
    healthProbes: 0,
    slowestMs: 0,
    failures: [],
  };
  const record = (op: Op, r: Response) => {
    result.operations++;
    result.statuses[r.status] = (result.statuses[r.status] ?? 0) + 1;
    result.slowestMs = Math.max(result.slowestMs, r.ms);
    const v = judge(r, op.payload);
    for (const c of v.codes) result.codes[c] = (result.codes[c] ?? 0) + 1;
    const data = r.body?.data;
    const hasData = !!data && Object.values(data).some((x) => x !== null);
    if (hasData && v.codes.length) result.byOutcome.partial++;
    else if (hasData) result.byOutcome.data++;
    else result.byOutcome.errors++;
    const problems = op.allowCut && r.status === 0 ? [] : [...v.problems];
    if (opts.personal && !op.payload.includes('revealResident')) {
      const m = opts.personal.exec(r.text);
      if (m && !op.payload.includes(m[0])) problems.push(`unmasked personal data ${m[0].slice(0, 3)}…`);
    }
    for (const p of problems) {
      if (result.failures.length < 50)
        result.failures.push({
          problem: `${op.label} as ${op.viewer}: ${p}`,
          request: op.payload.slice(0, 1500),
        });
    }
  };

  let next = 0;
  const started = Date.now();
  while (next < opts.operations) {
    const batch = Array.from({ length: Math.min(opts.batch, opts.operations - next) }, () => makeOp(next++));
    let cursor = 0;
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (cursor < batch.length) {
          const op = batch[cursor++]!;
          const token = tokens.get(op.viewer);
          const r = await post(opts.baseUrl, op.payload, { token, headers: op.headers, timeoutMs: 30_000 });
          record(op, r);
        }
      }),
    );
    // The server must keep answering: a readiness probe and a real query between batches.
    const ready = await health(opts.baseUrl, '/readyz', 5000);
    const probe = await gql(
      opts.baseUrl,
      '{ viewer { role } }',
      {},
      { token: tokens.get('grid_worker'), timeoutMs: 5000 },
    );
    result.healthProbes++;
    if (ready !== 200 || probe.body?.data?.viewer?.role == null) {
      result.failures.push({
        problem: `health probe failed after ${next} operations: readyz ${ready}, query ${probe.status} ${probe.text.slice(0, 200)}`,
        request: '',
      });
    }
    if (next % (opts.batch * 10) === 0 || next >= opts.operations) {
      log(
        `fuzz: ${next}/${opts.operations} operations, ${Math.round((Date.now() - started) / 1000)} s, ${result.failures.length} failures`,
      );
    }
  }
  result.rootFieldsCovered = covered.size;
  return result;
}

/** Real ids from every root connection with no required argument, read as the platform admin. */
async function harvestIds(baseUrl: string, token: string): Promise<string[]> {
  const schema = buildSchema(readFileSync(join(ROOT, 'schema/schema.graphql'), 'utf8'));
  const ids = new Set<string>();
  for (const f of Object.values(schema.getQueryType()!.getFields())) {
    const t = getNullableType(f.type);
    if (!isObjectType(t) || !t.getFields().nodes) continue;
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const nodeType = getNamedType(t.getFields().nodes!.type);
    if (!(isObjectType(nodeType) || isInterfaceType(nodeType)) || !nodeType.getFields().id) continue;
    const hasFirst = f.args.some((a) => a.name === 'first');
    const r = await gql(
      baseUrl,
      `{ ${f.name}${hasFirst ? '(first: 20)' : ''} { nodes { id } } }`,
      {},
      { token },
    );
    for (const n of (r.body?.data?.[f.name]?.nodes ?? []) as { id: string }[]) ids.add(n.id);
  }
  return [...ids];
}
