import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, parse, visit, type ValidationRule } from 'graphql';

/**
 * Request shape limits with their defaults; each can be changed through the environment (see
 * src/config.ts). Checked before execution: nesting depth, a cost estimate, aliases, directives,
 * tokens and size. Introspection is counted too (older versions could be bypassed through it); the
 * defaults leave room for GraphiQL's own introspection query.
 */
export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  /** Lexical tokens of one document (checked before parsing completes). */
  maxTokens: number;
  /** Characters of one document. */
  maxChars: number;
  /** Selections in one selection set: field-merge validation is quadratic in this number. */
  maxSelectionsPerSet: number;
  /** Fields selected in one document, fragments counted once. */
  maxFields: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 16,
  maxCost: 20000,
  maxAliases: 20,
  maxDirectives: 20,
  maxTokens: 3000,
  maxChars: 50_000,
  maxSelectionsPerSet: 100,
  maxFields: 1_500,
};

export function queryLimits(
  limits: QueryLimits,
  production: boolean,
): {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
} {
  const armor = new ApolloArmor({
    maxDepth: {
      n: limits.maxDepth,
      ignoreIntrospection: false,
      flattenFragments: true,
      exposeLimits: true,
    },
    costLimit: {
      maxCost: limits.maxCost,
      ignoreIntrospection: false,
      flattenFragments: true,
      exposeLimits: true,
    },
    maxAliases: { n: limits.maxAliases, exposeLimits: true },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true },
    maxTokens: { n: limits.maxTokens, exposeLimits: true },
    // Field suggestions ("did you mean ...") reveal the schema when introspection is off.
    blockFieldSuggestion: { enabled: production },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins, validationRules };
}

/**
 * Returns a check that tells why a document is refused, or null. Field-merge validation
 * (OverlappingFieldsCanBeMerged) is quadratic in the size of a selection set, so a few kilobytes of
 * repeated fields could hold a core for seconds; this check is linear and runs first, before Apollo
 * parses. Accepted documents are remembered, so the usual repeated queries are parsed once here.
 */
export function documentChecker(limits: QueryLimits): (query: string) => string | null {
  const accepted = new Map<string, true>();
  return (query) => checkDocument(limits, accepted, query);
}

function checkDocument(limits: QueryLimits, accepted: Map<string, true>, query: string): string | null {
  if (accepted.has(query)) return null;
  if (query.length > limits.maxChars) return `Document longer than ${limits.maxChars} characters`;
  let doc;
  try {
    doc = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
  } catch (e) {
    return e instanceof GraphQLError ? e.message : 'Syntax Error';
  }
  let fields = 0;
  let problem: string | null = null;
  visit(doc, {
    SelectionSet(node) {
      if (node.selections.length > limits.maxSelectionsPerSet) {
        problem = `A selection set has more than ${limits.maxSelectionsPerSet} selections`;
        return BREAK;
      }
      return undefined;
    },
    Field() {
      if (++fields > limits.maxFields) {
        problem = `Document selects more than ${limits.maxFields} fields`;
        return BREAK;
      }
      return undefined;
    },
  });
  if (problem) return problem;
  if (accepted.size >= 1000) accepted.clear();
  accepted.set(query, true);
  return null;
}
