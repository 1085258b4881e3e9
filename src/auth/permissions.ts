import {
  defaultFieldResolver,
  isIntrospectionType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { allow, deny, rule } from 'graphql-shield';
import type { IOptions, IShieldContext, ShieldRule } from 'graphql-shield/typings/types';
import type { RequestContext } from '../server/context';
import { forbidden, unauthenticated } from '../graphql/errors';
import { isAdmin, isAuthenticated } from './viewer';
import { UserRole } from './roles';

/*
 * The only file that knows graphql-shield. Features declare coarse rules (who may call a field at
 * all); the finer rules (jurisdiction, ownership) live in services. Every type and field must be
 * covered by a rule map entry: the fallback is deny.
 *
 * Every rule here depends on the viewer alone, so its answer is the same for every field of a
 * request. `applyPermissions` therefore decides each rule once per request and then guards fields
 * synchronously, instead of shield()'s async middleware around every field, scalars included
 * (a page of 100 residents would otherwise make thousands of promises). A rule built elsewhere
 * with graphql-shield (logic rules, rules that read the parent or the arguments) still works: it
 * is resolved per field through its own `resolve`, as shield() would.
 */

export type Rule = ShieldRule;
export type RuleMap = Record<string, Rule | Record<string, Rule>>;

export { allow, deny };

/** What a viewer rule answers: allowed, or the error the client gets. */
type Decision = true | Error;
type ViewerCheck = (ctx: RequestContext) => Decision;

/** The synchronous check behind each rule made by `viewerRule`. */
const viewerChecks = new WeakMap<Rule, ViewerCheck>();

/** A graphql-shield rule whose answer depends on the viewer only, so it is decided once per request. */
function viewerRule(name: string, check: ViewerCheck): Rule {
  const r = rule(name, { cache: 'contextual' })((_p, _a, ctx: RequestContext) => check(ctx));
  viewerChecks.set(r, check);
  return r;
}

export const authenticated: Rule = viewerRule('authenticated', (ctx) =>
  isAuthenticated(ctx.viewer) ? true : unauthenticated(),
);

export const admin: Rule = viewerRule('admin', (ctx) =>
  !isAuthenticated(ctx.viewer) ? unauthenticated() : isAdmin(ctx.viewer) ? true : forbidden(),
);

export const platformAdmin: Rule = viewerRule('platformAdmin', (ctx) =>
  !isAuthenticated(ctx.viewer)
    ? unauthenticated()
    : ctx.viewer.role === UserRole.PLATFORM_ADMIN
      ? true
      : forbidden(),
);

/** The parts of the API an integration key's scopes name (`people:read`, `cases:write`, ...). */
export type ScopeArea = 'territory' | 'people' | 'cases' | 'activities' | 'events' | 'metrics' | 'webhooks';

/** Scopes an API key may hold. */
export const API_SCOPES = [
  'territory:read',
  'people:read',
  'people:write',
  'cases:read',
  'cases:write',
  'activities:read',
  'activities:write',
  'events:read',
  'metrics:read',
  'webhooks:manage',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

function keyHolds(ctx: RequestContext, area: ScopeArea, write: boolean): boolean {
  const scopes = ctx.viewer.scopes ?? [];
  if (area === 'webhooks') return scopes.includes('webhooks:manage');
  return write
    ? scopes.includes(`${area}:write`)
    : scopes.includes(`${area}:read`) || scopes.includes(`${area}:write`);
}

const areaRules = new Map<string, Rule>();
/**
 * `authenticated` as declared by a feature of `area`: any signed-in user (services then apply role
 * and jurisdiction), or an API key holding the area's read scope (write scope for mutations).
 */
function areaRule(area: ScopeArea, write: boolean): Rule {
  const name = `${area}:${write ? 'write' : 'read'}`;
  let r = areaRules.get(name);
  if (!r) {
    r = viewerRule(name, (ctx) => {
      if (!isAuthenticated(ctx.viewer)) return unauthenticated();
      if (ctx.viewer.kind !== 'apiKey') return true;
      return keyHolds(ctx, area, write)
        ? true
        : forbidden({ en: `This API key lacks the ${name} scope`, zh: `该 API 密钥没有 ${name} 权限` });
    });
    areaRules.set(name, r);
  }
  return r;
}

/** A feature's rule map and the area its `authenticated` fields belong to. */
export interface AreaRules {
  area?: ScopeArea;
  rules: RuleMap;
}

/**
 * Merges feature rule maps. A whole-type rule becomes that type's default (`*`), so one feature can
 * add fields to another's type with rules of its own. The same field (or default) claimed twice is a
 * start-up error, never a silent override. `authenticated` is bound to the feature's area so that
 * API keys act only within their scopes.
 */
export function mergeRules(maps: AreaRules[]): RuleMap {
  const out: Record<string, Record<string, Rule>> = {};
  for (const { area, rules } of maps) {
    for (const [type, r] of Object.entries(rules)) {
      const fields: Record<string, Rule> = isRule(r) ? { '*': r } : r;
      const target = (out[type] ??= {});
      for (const [field, fr] of Object.entries(fields)) {
        if (target[field]) throw new Error(`Permission rule for ${type}.${field} declared twice`);
        target[field] = fr === authenticated && area ? areaRule(area, type === 'Mutation') : fr;
      }
    }
  }
  return out;
}

function isRule(r: unknown): r is Rule {
  return typeof r === 'object' && r !== null && 'resolve' in r;
}

/** Each request's decisions, by rule; dropped with the request's context. */
const decisionsOf = new WeakMap<object, Map<Rule, Decision>>();

function decide(ctx: RequestContext, r: Rule, check: ViewerCheck): Decision {
  let decisions = decisionsOf.get(ctx);
  if (!decisions) decisionsOf.set(ctx, (decisions = new Map()));
  let d = decisions.get(r);
  if (d === undefined) {
    d = check(ctx);
    decisions.set(r, d);
  }
  return d;
}

/**
 * Guards every field of every object type with its rule (the field's own, else its type's `*`,
 * else deny). Fields whose rule is `allow` keep their resolver untouched.
 */
export function applyPermissions(schema: GraphQLSchema, rules: RuleMap, debug: boolean): GraphQLSchema {
  const typeMap = schema.getTypeMap();
  const unknown = Object.keys(rules).filter((t) => !isObjectType(typeMap[t]));
  if (unknown.length) throw new Error(`Permission rules for unknown types: ${unknown.join(', ')}`);
  const options = {
    debug,
    allowExternalErrors: true,
    fallbackRule: deny,
    fallbackError: () => forbidden(),
    hashFunction: () => '',
  } as unknown as IOptions;

  for (const type of Object.values(typeMap)) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const declared = rules[type.name];
    const fieldRules: Record<string, Rule> =
      declared === undefined ? {} : isRule(declared) ? { '*': declared } : declared;
    const fields = type.getFields();
    const missing = Object.keys(fieldRules).filter((f) => f !== '*' && !fields[f]);
    if (missing.length) {
      throw new Error(
        `Permission rules for unknown fields: ${missing.map((f) => `${type.name}.${f}`).join(', ')}`,
      );
    }
    for (const field of Object.values(fields)) {
      const r = fieldRules[field.name] ?? fieldRules['*'] ?? deny;
      if (r === allow) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const subscribe = field.subscribe;
      field.resolve = guard(r, resolve, options);
      // A subscription's rule is checked when it starts, not on every event.
      if (subscribe) field.subscribe = guard(r, subscribe, options);
    }
  }
  return schema;
}

function guard(
  r: Rule,
  resolve: GraphQLFieldResolver<unknown, RequestContext>,
  options: IOptions,
): GraphQLFieldResolver<unknown, RequestContext> {
  if (r === deny) {
    return () => {
      throw forbidden();
    };
  }
  const check = viewerChecks.get(r);
  if (check) {
    return (parent, args, ctx, info) => {
      const d = decide(ctx, r, check);
      if (d !== true) throw d;
      return resolve(parent, args, ctx, info);
    };
  }
  // Any other graphql-shield rule: resolved per field, with shield()'s semantics.
  return async (parent, args, ctx, info) => {
    const shieldCtx = ctx as RequestContext & Partial<IShieldContext>;
    shieldCtx._shield ??= { cache: {} };
    const res = await r.resolve(parent as object, args, shieldCtx as IShieldContext, info, options);
    if (res === true) return resolve(parent, args, ctx, info);
    throw res === false ? forbidden() : res;
  };
}
