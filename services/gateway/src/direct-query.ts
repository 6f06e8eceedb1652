import type { IncomingMessage } from 'node:http';
import {
  getOperationAST,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

/** An answer written as it is: status, headers and body. */
export type DirectAnswer = { status: number; headers: Record<string, string>; body: Buffer };

/**
 * What the direct path leaves to yoga for a request it does not answer, so that nothing is done
 * twice: the context it built (or the refusal building it ended in), and the result it computed.
 */
export type Handoff<Context> = { context?: Promise<Context>; result?: ExecutionResult };

/** Accept headers answered directly, with the media type yoga would choose for each. */
const MEDIA_TYPES = new Map<string | undefined, string>([
  [undefined, 'application/json'],
  ['*/*', 'application/json'],
  ['application/json', 'application/json'],
  ['application/graphql-response+json', 'application/graphql-response+json'],
  ['application/graphql-response+json, application/json', 'application/graphql-response+json'],
]);
const JSON_BODY = new Set(['application/json', 'application/json; charset=utf-8']);
const PARAMS = new Set(['query', 'variables', 'operationName']);
const MAX_DOCUMENTS = 1_000;

type Params = {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const plainParams = (value: unknown): value is Params =>
  isObject(value) &&
  typeof value.query === 'string' &&
  (value.variables === undefined || value.variables === null || isObject(value.variables)) &&
  (value.operationName === undefined ||
    value.operationName === null ||
    typeof value.operationName === 'string') &&
  Object.keys(value).every((key) => PARAMS.has(key));

/** The little of a Fetch Request the context reads: its headers. */
const requestView = (request: IncomingMessage) => ({
  headers: {
    get: (name: string): string | null => {
      const value = request.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  },
});

/**
 * Queries answered without yoga's HTTP layer (Fetch Request and Response, body re-parsing,
 * envelop's orchestration, result processing): compiled by graphql-jit, run with the context yoga
 * would build. Only the plain case is taken: a JSON body of query, variables and operation name,
 * a document that yoga itself has already parsed, limited and validated (remembered from its
 * executions by `plugin`), a query operation, an accepted media type yoga answers without
 * negotiation, and a result without errors. Anything else gives undefined and yoga answers it,
 * words every refusal and error as it always does, so the plugins that only act on errors,
 * mutations or validation have nothing to do here. What the direct path already did goes to yoga
 * in the request's `handoff`: the context yoga's `context` function returns, the result `plugin`
 * gives yoga's execution in place of running the query again.
 */
export const createDirectQueries = <Context>({
  path,
  schema,
  context,
}: {
  path: string;
  schema: GraphQLSchema;
  /** The context for a request: the function yoga is given, with the same initial context. */
  context: (
    initial: { request: ReturnType<typeof requestView> } & Record<string, unknown>,
  ) => Promise<Context>;
}) => {
  const documents = new Map<string, DocumentNode>();
  const compiled = new WeakMap<DocumentNode, Map<string | undefined, CompiledQuery | null>>();

  const plugin: Plugin<{ params?: { query?: unknown }; handoff?: Handoff<Context> }> = {
    onExecute: ({ args, setExecuteFn }) => {
      // Replacing the executor, not stopping execution, so that the plugins after this one
      // (yoga's error masking) still see the result.
      const result = args.contextValue.handoff?.result;
      if (result !== undefined) setExecuteFn(() => result);
      const query = args.contextValue.params?.query;
      if (typeof query !== 'string' || documents.has(query)) return;
      if (documents.size >= MAX_DOCUMENTS) documents.delete(documents.keys().next().value!);
      documents.set(query, args.document);
    },
  };

  /** The compiled query operation, null when graphql-jit cannot compile it (yoga answers). */
  const compiledQuery = (document: DocumentNode, operationName: string | undefined) => {
    let byName = compiled.get(document);
    if (byName === undefined) compiled.set(document, (byName = new Map()));
    let query = byName.get(operationName);
    if (query === undefined) {
      const operation = getOperationAST(document, operationName);
      const result =
        operation?.operation === 'query' ? compileQuery(schema, document, operationName) : null;
      query = result !== null && isCompiledQuery(result) ? result : null;
      byName.set(operationName, query);
    }
    return query;
  };

  const answer = async (
    request: IncomingMessage,
    body: Buffer,
    initial: Record<string, unknown>,
    handoff: Handoff<Context>,
  ): Promise<DirectAnswer | undefined> => {
    const mediaType = MEDIA_TYPES.get(request.headers.accept);
    if (
      mediaType === undefined ||
      request.url !== path ||
      !JSON_BODY.has(request.headers['content-type'] ?? '')
    )
      return undefined;
    let params: unknown;
    try {
      params = JSON.parse(body.toString('utf8'));
    } catch {
      return undefined;
    }
    if (!plainParams(params)) return undefined;
    const document = documents.get(params.query);
    const query =
      document === undefined ? null : compiledQuery(document, params.operationName ?? undefined);
    if (query === null) return undefined;
    handoff.context = context({ ...initial, request: requestView(request), params });
    let contextValue: Context;
    try {
      contextValue = await handoff.context;
    } catch {
      return undefined;
    }
    const result = await query.query(undefined, contextValue, params.variables ?? {});
    if (result.errors !== undefined) {
      // Without data, graphql-jit refused the variables before running anything: yoga's own
      // executor words that refusal. With data, the query ran: yoga gets its result.
      if ('data' in result) handoff.result = Object.assign(result, { stringify: query.stringify });
      return undefined;
    }
    const bytes = Buffer.from(JSON.stringify({ data: result.data }));
    return {
      status: 200,
      headers: {
        'content-type': `${mediaType}; charset=utf-8`,
        'content-length': String(bytes.length),
      },
      body: bytes,
    };
  };

  return { plugin, answer };
};
