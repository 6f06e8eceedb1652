import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type ASTVisitor, type FieldNode, type ValidationContext } from 'graphql';
import { maskError, type Plugin } from 'graphql-yoga';

export type Limits = {
  /** Deepest selection nesting accepted. */
  depth: number;
  /** graphql-armor cost: objects count 2, scalars 1, each nesting level multiplies by 1.5. */
  cost: number;
  aliases: number;
  tokens: number;
  directives: number;
  /** Largest request body in bytes. */
  bodyBytes: number;
};

export const DEFAULT_LIMITS: Limits = {
  depth: 10,
  cost: 5000,
  aliases: 15,
  tokens: 5000,
  directives: 20,
  bodyBytes: 1024 * 1024,
};

export const armor = (limits: Limits) =>
  EnvelopArmorPlugin({
    maxDepth: { n: limits.depth },
    costLimit: { maxCost: limits.cost },
    maxAliases: { n: limits.aliases },
    maxTokens: { n: limits.tokens },
    maxDirectives: { n: limits.directives },
    blockFieldSuggestion: { enabled: true },
  });

/**
 * Errors that graphql-js raises about the request itself (syntax, validation, variable values)
 * carry no code: they are the caller's, so they get BAD_USER_INPUT. Everything else unexpected is masked.
 */
export const maskErrors = (error: unknown, message: string, isDev?: boolean): Error => {
  if (
    error instanceof GraphQLError &&
    error.extensions.code === undefined &&
    error.originalError === undefined
  ) {
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
    });
  }
  return maskError(error, message, isDev);
};

/** Introspection is for development: elsewhere the schema is the published contract. */
export const blockIntrospection = (): Plugin => ({
  onValidate: ({ addValidationRule }) => {
    addValidationRule((context: ValidationContext): ASTVisitor => ({
      Field(node: FieldNode) {
        if (node.name.value === '__schema' || node.name.value === '__type') {
          context.reportError(
            new GraphQLError(
              'introspection is disabled outside development; the schema is the published API contract',
              { nodes: [node], extensions: { code: 'FORBIDDEN' } },
            ),
          );
        }
      },
    }));
  },
});
