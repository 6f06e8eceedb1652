import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  getOperationAST,
  type DocumentNode,
  type ASTVisitor,
  type FieldNode,
  type OperationDefinitionNode,
  type ValidationContext,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { IncomingMessage } from 'node:http';
import { describe } from '@cadran/domain';

export type Limits = {
  /** Deepest selection nesting accepted. */
  depth: number;
  /** graphql-armor cost: objects count 2, scalars 1, each nesting level multiplies by 1.5. */
  cost: number;
  aliases: number;
  tokens: number;
  directives: number;
  /** Deepest nesting of `{`, `[` and `(` in a document, checked before it is parsed. */
  nesting: number;
  /** Largest request body in bytes. */
  bodyBytes: number;
};

export const DEFAULT_LIMITS: Limits = {
  depth: 10,
  cost: 5000,
  aliases: 15,
  tokens: 5000,
  directives: 20,
  nesting: 64,
  bodyBytes: 1024 * 1024,
};

/** Why a request body was refused: the HTTP status and the message for the caller. */
export type BodyRefusal = { status: number; message: string };

export const tooLarge = (limit: number): BodyRefusal => ({
  status: 413,
  message: `request body is larger than ${limit} bytes; accepted: at most ${limit} bytes (send bulk usage as NDJSON to /v1/usage)`,
});

export const unreadable = (reason: string | undefined): BodyRefusal => ({
  status: 400,
  message: `request body could not be read: ${reason ?? 'unknown reason'}`,
});

/** The codings express.raw decompresses (a gzip body's limit is on its decompressed bytes). */
export const unsupportedEncoding = (sent: string | undefined): BodyRefusal => ({
  status: 415,
  message: `Content-Encoding: expected gzip, deflate, br or identity (none), got ${describe(sent)}`,
});

/** The JSON answer to a refused body, in the contract's error shape. */
export const refusalBody = ({ message }: BodyRefusal): string =>
  JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });

/**
 * The whole body of a request, refused past `limit` bytes. A refused body is still read to its
 * end (and dropped) before the promise settles, so that the client, still sending, gets the answer.
 */
export const readBody = (request: IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number(request.headers['content-length'] ?? 0) > limit;
    request.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
      } else chunks.push(chunk);
    });
    request.once('end', () => {
      if (over) reject(tooLarge(limit));
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    request.once('error', (error) => reject(unreadable(error.message)));
  });

/** Reported as validation errors (HTTP 400 under application/graphql-response+json), not thrown. */
const report = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) => context?.reportError(error),
  ],
};

export const armor = (limits: Limits) =>
  EnvelopArmorPlugin({
    maxDepth: { n: limits.depth, ...report },
    costLimit: { maxCost: limits.cost, ...report },
    maxAliases: { n: limits.aliases, ...report },
    maxTokens: { n: limits.tokens },
    maxDirectives: { n: limits.directives, ...report },
    blockFieldSuggestion: { enabled: true },
  });

/** The deepest nesting of `{`, `[` and `(` in a document, outside strings and comments. */
export const nestingDepth = (source: string): number => {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i];
    if (c === '{' || c === '[' || c === '(') deepest = Math.max(deepest, ++depth);
    else if (c === '}' || c === ']' || c === ')') depth -= 1;
    else if (c === '#')
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i += 1;
    else if (c === '"') {
      const block = source.startsWith('"""', i);
      const close = block ? '"""' : '"';
      i += close.length;
      while (i < source.length && !source.startsWith(close, i)) i += source[i] === '\\' ? 2 : 1;
      i += close.length - 1;
    }
  }
  return deepest;
};

const requestError = (message: string): GraphQLError =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

const operationNames = (document: DocumentNode): string[] =>
  document.definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION ? [definition.name?.value ?? '(anonymous)'] : [],
  );

/** Why no operation of `document` is the one to run, in the caller's terms. */
const unresolvedOperation = (document: DocumentNode, operationName: unknown): string => {
  const names = operationNames(document);
  if (names.length === 0)
    return 'the document holds no operation; accepted: a document with a query or mutation';
  if (typeof operationName === 'string' && operationName !== '')
    return `operationName ${JSON.stringify(operationName.slice(0, 100))} names no operation of the document; accepted: ${names.join(', ')}`;
  return `the document holds ${names.length} operations (${names.join(', ')}); accepted: operationName naming the one to run`;
};

/**
 * Checks of a document as text and as parsed, each answered BAD_USER_INPUT (HTTP 400): nesting
 * deeper than `limit` is refused before the parser (which recurses once per level) sees it, and a
 * document without the operation to run is refused naming the operations it holds. Registered
 * after armor, so the parser it wraps is armor's (with its token limit).
 */
export const checkDocuments = (nesting: number): Plugin => ({
  onParse: ({ parseFn, setParseFn }) => {
    setParseFn((source, options) => {
      const text = typeof source === 'string' ? source : source.body;
      const depth = nestingDepth(text);
      if (depth > nesting)
        throw requestError(
          `Syntax Error: the document nests {, [ and ( ${depth} levels deep; accepted: at most ${nesting}`,
        );
      return parseFn(source, options);
    });
    // Thrown rather than set as the parse result: yoga's cache of parsed documents (by text
    // only, whatever the operationName) runs after this and must not keep the refusal.
    return ({ result, context }) => {
      const { request, params } = context as {
        request?: unknown;
        params?: { operationName?: unknown };
      };
      if (request === undefined || result === null || result instanceof Error) return;
      const document = result as DocumentNode;
      const name = params?.operationName;
      if (!getOperationAST(document, typeof name === 'string' ? name : undefined))
        throw requestError(unresolvedOperation(document, name));
    };
  },
});

/** Codes graphql-js and yoga give to a request the server cannot run as sent: the caller's, so BAD_USER_INPUT. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
]);

type HttpExtension = { status?: number; spec?: boolean; headers?: Record<string, string> };

/**
 * yoga marks the errors of a body it could not read as GraphQL parameters (invalid JSON, no
 * `query`) `spec`, and answers them 200 under `Accept: application/json`; the GraphQL-over-HTTP
 * spec says 400 for them whatever the media type (only document parse and validation errors are
 * 200 there), and so does docs/api.md ("400 … for an unreadable body").
 */
const withoutSpecMark = (http: HttpExtension | undefined): HttpExtension | undefined => {
  if (http?.spec !== true) return http;
  const { spec: _legacy200, ...rest } = http;
  return rest;
};

/** graphql-js's last error when a document has more than 100 validation errors. */
const VALIDATION_ABORTED = 'Too many validation errors, error limit reached. Validation aborted.';

const withCode = (error: GraphQLError, development: boolean): GraphQLError => {
  const code = error.extensions.code as string | undefined;
  if (code !== undefined && !REQUEST_ERROR_CODES.has(code)) return error;
  const { originalError: _hidden, ...extensions } = error.extensions as Record<string, unknown>;
  const http = withoutSpecMark(error.extensions.http as HttpExtension | undefined);
  const message =
    error.message === VALIDATION_ABORTED
      ? 'too many validation errors: only the first 100 are listed; accepted: a document that validates against the schema'
      : error.message;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: {
      ...(development ? error.extensions : extensions),
      ...(http === undefined ? {} : { http }),
      code: 'BAD_USER_INPUT',
    },
  });
};

/** Gives every error about the request itself (syntax, validation, variables, body) the contract's BAD_USER_INPUT. */
export const useRequestErrorCodes = (development: boolean): Plugin => ({
  onResultProcess: ({ result, setResult }) => {
    if (Array.isArray(result) || !('errors' in result) || !result.errors?.length) return;
    setResult({
      ...result,
      errors: result.errors.map((error) =>
        error instanceof GraphQLError ? withCode(error, development) : error,
      ),
    });
  },
});

/**
 * `__type(name:) { name }` only tells whether a type exists (the GraphQL-over-HTTP audit asks it);
 * anything that would list fields, types or arguments is introspection.
 */
const isExistenceProbe = (node: FieldNode): boolean =>
  node.name.value === '__type' &&
  (node.selectionSet?.selections ?? []).every(
    (selection) =>
      selection.kind === Kind.FIELD &&
      ['name', '__typename'].includes(selection.name.value) &&
      !selection.selectionSet,
  );

/** Introspection is for development: elsewhere the schema is the published contract. */
export const blockIntrospection = (): Plugin => ({
  onValidate: ({ addValidationRule }) => {
    addValidationRule((context: ValidationContext): ASTVisitor => ({
      Field(node: FieldNode) {
        if (
          (node.name.value === '__schema' || node.name.value === '__type') &&
          !isExistenceProbe(node)
        ) {
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

/** Only queries and mutations are served: a subscription is refused at validation, never executed. */
export const refuseSubscriptions = (): Plugin => ({
  onValidate: ({ addValidationRule }) => {
    addValidationRule((context: ValidationContext): ASTVisitor => ({
      OperationDefinition(node: OperationDefinitionNode) {
        if (node.operation === 'subscription')
          context.reportError(
            new GraphQLError(
              'subscriptions are not served; accepted: query and mutation operations',
              { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } },
            ),
          );
      },
    }));
  },
});

/** What yoga accepts, for the refusals that name it. */
const ACCEPTED_RESPONSE_TYPES = 'application/graphql-response+json, application/json';
const ACCEPTED_REQUEST_TYPES = 'application/json (a body { query, variables?, operationName? })';

const headerOf = (request: Request, name: string): string => {
  const value = request.headers.get(name)?.trim();
  return value ? describe(value) : 'none';
};

/**
 * yoga answers 406 (no acceptable media type) and 415 (a body type it cannot read) with no body;
 * these give them the contract's error body, saying what is accepted.
 */
export const useRefusalBodies = (): Plugin => ({
  onResponse: ({ request, response, setResponse, fetchAPI }) => {
    if (response.status !== 406 && response.status !== 415) return;
    if (response.headers.get('content-type') !== null) return;
    const message =
      response.status === 406
        ? `Accept: expected ${ACCEPTED_RESPONSE_TYPES} (or */*), got ${headerOf(request, 'accept')}`
        : `Content-Type: expected ${ACCEPTED_REQUEST_TYPES}, got ${headerOf(request, 'content-type')}`;
    const headers = new fetchAPI.Headers(response.headers);
    headers.set('content-type', 'application/json; charset=utf-8');
    setResponse(
      new fetchAPI.Response(refusalBody({ status: response.status, message }), {
        status: response.status,
        headers,
      }),
    );
  },
});
