import type { IncomingMessage } from 'node:http';
import { getOperationAST, type DocumentNode } from 'graphql';
import type { Plugin, YogaServerInstance } from 'graphql-yoga';

/** An answer written as it is: status, headers and body. */
export type DirectAnswer = { status: number; headers: Record<string, string>; body: Buffer };

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

/** The little of a Fetch Request the context and yoga's plugins read: its headers. */
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
 * result processing), still through envelop's execute and its plugins, with the same context.
 * Only the plain case is taken: a JSON body of query, variables and operation name, a document
 * that yoga itself has already parsed, limited and validated (remembered from its executions by
 * `plugin`), a query operation, an accepted media type yoga answers without negotiation, and a
 * result without errors or extensions. Anything else gives undefined: yoga answers it, and words
 * every refusal as it always does.
 */
export const createDirectQueries = <Context extends Record<string, unknown>>(path: string) => {
  const documents = new Map<string, DocumentNode>();

  const plugin: Plugin<{ params?: { query?: unknown } }> = {
    onExecute: ({ args }) => {
      const query = args.contextValue.params?.query;
      if (typeof query !== 'string' || documents.has(query)) return;
      if (documents.size >= MAX_DOCUMENTS) documents.delete(documents.keys().next().value!);
      documents.set(query, args.document);
    },
  };

  const answer = async (
    yoga: YogaServerInstance<Record<string, unknown>, Context>,
    request: IncomingMessage,
    body: Buffer,
    initial: Record<string, unknown>,
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
    const operationName = params.operationName ?? undefined;
    if (document === undefined || getOperationAST(document, operationName)?.operation !== 'query')
      return undefined;
    const enveloped = yoga.getEnveloped({ ...initial, request: requestView(request), params });
    let contextValue: unknown;
    try {
      contextValue = await enveloped.contextFactory();
    } catch {
      return undefined;
    }
    const result = (await enveloped.execute({
      schema: enveloped.schema,
      document,
      variableValues: params.variables ?? undefined,
      operationName,
      contextValue,
    })) as { errors?: unknown; extensions?: unknown };
    if (
      Symbol.asyncIterator in result ||
      result.errors !== undefined ||
      result.extensions !== undefined
    )
      return undefined;
    const bytes = Buffer.from(JSON.stringify(result));
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
