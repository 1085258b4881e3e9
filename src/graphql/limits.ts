import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, parse, visit, type ValidationRule } from 'graphql';

/**
 * Request shape limits, checked before execution: nesting depth, a cost estimate, aliases,
 * directives and tokens. Introspection is counted too (older versions could be bypassed through
 * it); the limits leave room for GraphiQL's own introspection query.
 */
export const QUERY_LIMITS = {
  maxDepth: 16,
  maxCost: 20000,
  maxAliases: 20,
  maxDirectives: 20,
  maxTokens: 5000,
} as const;

export function queryLimits(production: boolean): {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
} {
  const armor = new ApolloArmor({
    maxDepth: {
      n: QUERY_LIMITS.maxDepth,
      ignoreIntrospection: false,
      flattenFragments: true,
      exposeLimits: true,
    },
    costLimit: {
      maxCost: QUERY_LIMITS.maxCost,
      ignoreIntrospection: false,
      flattenFragments: true,
      exposeLimits: true,
    },
    maxAliases: { n: QUERY_LIMITS.maxAliases, exposeLimits: true },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, exposeLimits: true },
    maxTokens: { n: QUERY_LIMITS.maxTokens, exposeLimits: true },
    // Field suggestions ("did you mean ...") reveal the schema when introspection is off.
    blockFieldSuggestion: { enabled: production },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins, validationRules };
}

/** Checked before Apollo parses and validates: bounds the work any one document can cause. */
export const DOCUMENT_LIMITS = {
  maxChars: 50_000,
  maxTokens: 3_000,
  /** Selections in one selection set: field-merge validation is quadratic in this number. */
  maxSelectionsPerSet: 100,
  maxFields: 1_500,
} as const;

const accepted = new Map<string, true>();

/**
 * Returns why a document is refused, or null. Field-merge validation (OverlappingFieldsCanBeMerged)
 * is quadratic in the size of a selection set, so a few kilobytes of repeated fields could hold a
 * core for seconds; this check is linear and runs first. Accepted documents are remembered, so
 * the usual repeated queries are parsed once here.
 */
export function checkDocument(query: string): string | null {
  if (accepted.has(query)) return null;
  if (query.length > DOCUMENT_LIMITS.maxChars)
    return `Document longer than ${DOCUMENT_LIMITS.maxChars} characters`;
  let doc;
  try {
    doc = parse(query, { maxTokens: DOCUMENT_LIMITS.maxTokens, noLocation: true });
  } catch (e) {
    return e instanceof GraphQLError ? e.message : 'Syntax Error';
  }
  let fields = 0;
  let problem: string | null = null;
  visit(doc, {
    SelectionSet(node) {
      if (node.selections.length > DOCUMENT_LIMITS.maxSelectionsPerSet) {
        problem = `A selection set has more than ${DOCUMENT_LIMITS.maxSelectionsPerSet} selections`;
        return BREAK;
      }
      return undefined;
    },
    Field() {
      if (++fields > DOCUMENT_LIMITS.maxFields) {
        problem = `Document selects more than ${DOCUMENT_LIMITS.maxFields} fields`;
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
