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

/** Merges feature rule maps; the same field claimed twice is a start-up error, not a silent override. */
export function mergeRules(maps: RuleMap[]): RuleMap {
  const out: Record<string, Rule | Record<string, Rule>> = {};
  for (const map of maps) {
    for (const [type, r] of Object.entries(map)) {
      const existing = out[type];
      if (existing === undefined) {
        out[type] = isRule(r) ? r : { ...r };
        continue;
      }
      if (isRule(existing) || isRule(r)) throw new Error(`Permission rule for type ${type} declared twice`);
      for (const [field, fr] of Object.entries(r)) {
        if (existing[field]) throw new Error(`Permission rule for ${type}.${field} declared twice`);
        existing[field] = fr;
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
