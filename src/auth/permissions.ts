import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';
import type { IRules, ShieldRule } from 'graphql-shield/typings/types';
import type { RequestContext } from '../server/context';
import { forbidden, unauthenticated } from '../graphql/errors';
import { isAdmin, isAuthenticated } from './viewer';
import { UserRole } from './roles';

/*
 * The only file that knows graphql-shield. Features declare coarse rules (who may call a field at
 * all); the finer rules (jurisdiction, ownership) live in services. Every type and field must be
 * covered by a rule map entry: the fallback is deny.
 */

export type Rule = ShieldRule;
export type RuleMap = Record<string, Rule | Record<string, Rule>>;

export { allow, deny };

export const authenticated: Rule = rule('authenticated', { cache: 'contextual' })(
  (_p, _a, ctx: RequestContext) => (isAuthenticated(ctx.viewer) ? true : unauthenticated()),
);

export const admin: Rule = rule('admin', { cache: 'contextual' })((_p, _a, ctx: RequestContext) =>
  !isAuthenticated(ctx.viewer) ? unauthenticated() : isAdmin(ctx.viewer) ? true : forbidden(),
);

export const platformAdmin: Rule = rule('platformAdmin', { cache: 'contextual' })(
  (_p, _a, ctx: RequestContext) =>
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
    r = rule(name, { cache: 'contextual' })((_p, _a, ctx: RequestContext) => {
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

export function applyPermissions(schema: GraphQLSchema, rules: RuleMap, debug: boolean): GraphQLSchema {
  const permissions = shield(rules as IRules, {
    fallbackRule: deny,
    allowExternalErrors: true,
    debug,
    fallbackError: () => forbidden(),
  });
  return applyMiddleware(schema, permissions);
}
