import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticator } from '@cadran/auth';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { createDocumentsRouter } from './documents-route.js';
import express, { type ErrorRequestHandler, type Router } from 'express';
import { getOperationAST, getVariableValues, type ExecutionArgs } from 'graphql';
import {
  createSchema,
  createYoga,
  type Plugin,
  type YogaServerInstance,
  type YogaServerOptions,
} from 'graphql-yoga';
import { createScope } from './authorization.js';
import { cachePrincipals } from './principal-cache.js';
import { refuseUnknownParties } from './known-parties.js';
import type { GatewayContext } from './context.js';
import { toApiError } from './errors.js';
import {
  DEFAULT_LIMITS,
  armor,
  blockIntrospection,
  checkDocuments,
  refuseSubscriptions,
  readBody,
  useRefusalBodies,
  refusalBody,
  tooLarge,
  unreadable,
  unsupportedEncoding,
  useRequestErrorCodes,
  type BodyRefusal,
  type Limits,
} from './hardening.js';
import type {
  ContractHistory,
  Invoicing,
  ReadModels,
  Receivables,
  SelfService,
  WriteSide,
} from './ports.js';
import {
  DEFAULT_MAX_WAIT_MS,
  MIN_POSITION_HEADER,
  minPositionOf,
  usePositionExtension,
  waitOrRefuse,
} from './read-your-writes.js';
import { createDirectQueries, type DirectAnswer, type Handoff } from './direct-query.js';
import { createReportCache } from './report-cache.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './type-defs.js';

export type ResponseCacheOptions = {
  /** Most answers kept; default 1,000. */
  maxEntries?: number;
  /** Most bytes kept (bodies and keys); default 32 MiB. */
  maxBytes?: number;
};

export type GatewayOptions = {
  readModels: ReadModels;
  writeSide: WriteSide;
  /** The invoicing service; without it the invoicing fields answer NOT_IMPLEMENTED (mutations, preview) or nothing (lookups). */
  invoicing?: Invoicing;
  /** Month-to-date charges, webhooks and alerts; without it those fields answer NOT_IMPLEMENTED. */
  selfService?: SelfService;
  /** The receivables service; without it its fields answer NOT_IMPLEMENTED (or nothing for lookups). */
  receivables?: Receivables;
  /** A contract's events from its stream; without it `Contract.history` answers NOT_IMPLEMENTED. */
  contractHistory?: ContractHistory;
  authenticator: Authenticator;
  /** GraphiQL, introspection, field suggestions and error details; default: NODE_ENV === 'development'. */
  development?: boolean;
  /** Longest wait for the read models to reach a position (the header, or a mutation's own write). */
  maxWaitMs?: number;
  limits?: Partial<Limits>;
  now?: () => Date;
  /** Where yoga logs; false to silence it. */
  logging?: boolean;
  /**
   * Whole answers to repeated queries, kept while the read models stay at one position (needs
   * `readModels.position`); false to run every query.
   */
  responseCache?: ResponseCacheOptions | false;
};

export const GRAPHQL_PATH = '/graphql';

export type Gateway = {
  /** Express router serving every request to `/graphql`. */
  router: Router;
  /**
   * The faster way in for a node:http server: POST `/graphql` without express, answered from the
   * response cache when it can be; anything else is passed to `next` (mount `router` there).
   */
  handle(request: IncomingMessage, response: ServerResponse, next: () => void): void;
  yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  /** POST `/graphql` requests answered by `handle` so far: directly, or through yoga. */
  readonly executed: { readonly direct: number; readonly viaYoga: number };
  /**
   * The gateway's authenticator: the given one, refusing TENANT and PARTNER tokens for parties not
   * onboarded (or onboarded after the token was issued), with verified principals cached. Every
   * other route taking TENANT or PARTNER tokens authenticates with it.
   */
  authenticator: Authenticator;
};

/**
 * What one request through `handle` learns while it runs: whether its answer depends only on the
 * principal, the request and the read models at one position (a query that read no clock and no
 * service), and whether it ran to a result without errors. Only then is the answer kept.
 */
type AnswerNote = { pure: boolean; complete: boolean };
type CachedAnswer = { headers: Record<string, string>; body: Buffer };

const DEFAULT_CACHE: Required<ResponseCacheOptions> = { maxEntries: 1_000, maxBytes: 32 << 20 };
/** Bodies longer than this are not worth a cache key. */
const MAX_CACHED_REQUEST_BYTES = 16 * 1024;

const taintOnUse = <T extends object>(service: T, note: AnswerNote): T =>
  new Proxy(service, {
    get(target, key, receiver) {
      note.pure = false;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });

const useAnswerNote = (): Plugin<{ answer?: AnswerNote }> => ({
  onExecute: ({ args }) => {
    const note = args.contextValue.answer;
    if (note === undefined) return;
    if (getOperationAST(args.document, args.operationName)?.operation !== 'query')
      note.pure = false;
    return {
      onExecuteDone: ({ result }) => {
        note.complete =
          !(Symbol.asyncIterator in result) &&
          result.errors === undefined &&
          result.extensions === undefined;
      },
    };
  },
});

/** graphql-jit answers refused variables in its own shape: those requests take graphql-js's executor. */
const variablesAccepted = ({ schema, document, operationName, variableValues }: ExecutionArgs) => {
  const operation = getOperationAST(document, operationName);
  if (!operation) return false;
  const coerced = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    variableValues ?? {},
    { maxErrors: 1 },
  );
  return coerced.errors === undefined;
};

/**
 * Every plugin yoga runs, and why the direct path (direct-query.ts) may answer without it once
 * yoga has run a document: the fence around that second way in. A plugin is added here or
 * not at all (`YogaPlugins` makes the compiler ask for its reason); one that must act on every
 * request (tracing, rate limits, per-request headers) means answering every request through
 * yoga (drop the direct path), not a new entry.
 */
export const DIRECT_PATH_SAFE = {
  armor: "validation: a document's first run through yoga validated it",
  checkDocuments:
    "parsing: a document's first run through yoga parsed it, and the direct path resolves the operation itself",
  blockIntrospection: 'validation, as armor',
  refuseSubscriptions: 'validation, as armor',
  positionExtension: 'only mutations write a position; the direct path answers queries only',
  requestErrorCodes: 'acts on errors; the direct path answers only results without errors',
  refusalBodies: 'acts on 406 and 415 answers; the direct path answers only 200 results',
  answerNote: 'the direct path notes its answers itself (pure, complete)',
  graphqlJit: 'the direct path runs the same graphql-jit compilation itself',
  directPath:
    "the direct path's own: remembers the documents yoga validated, gives yoga the result it computed",
} as const;
type YogaPlugin = NonNullable<
  YogaServerOptions<Record<string, unknown>, GatewayContext>['plugins']
>[number];
type YogaPlugins = Record<keyof typeof DIRECT_PATH_SAFE, YogaPlugin | null>;

export const createGateway = (options: GatewayOptions): Gateway => {
  const development = options.development ?? process.env.NODE_ENV === 'development';
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const now = options.now ?? (() => new Date());
  const { readModels, writeSide, invoicing, selfService, receivables, contractHistory } = options;
  const authenticator = cachePrincipals(
    refuseUnknownParties(options.authenticator, readModels, maxWaitMs),
  );
  const awaitPosition = (position: bigint) =>
    waitOrRefuse(readModels.awaitPosition, position, maxWaitMs);

  /** Yoga's: the context the direct path built for this request (or its refusal), else a new one. */
  const context = (initial: {
    request: { headers: { get(name: string): string | null } };
    answer?: AnswerNote;
    handoff?: Handoff<GatewayContext>;
  }): Promise<GatewayContext> => initial.handoff?.context ?? buildContext(initial);
  const buildContext = async (initial: {
    request: { headers: { get(name: string): string | null } };
    answer?: AnswerNote;
  }): Promise<GatewayContext> => {
    let principal;
    try {
      principal = await authenticator.authenticate(
        initial.request.headers.get('authorization') ?? undefined,
      );
    } catch (error) {
      throw toApiError(error);
    }
    const minPosition = minPositionOf(initial.request.headers.get(MIN_POSITION_HEADER));
    if (minPosition !== null) await awaitPosition(minPosition);
    const note = initial.answer;
    let writtenPosition: bigint | null = null;
    return {
      principal,
      scope: createScope(principal, readModels.queries),
      queries: readModels.queries,
      readPosition: readModels.position,
      writeSide,
      invoicing: note && invoicing ? taintOnUse(invoicing, note) : invoicing,
      selfService: note && selfService ? taintOnUse(selfService, note) : selfService,
      receivables: note && receivables ? taintOnUse(receivables, note) : receivables,
      contractHistory:
        note && contractHistory ? taintOnUse(contractHistory, note) : contractHistory,
      meta: { actor: principal.subject },
      now: note
        ? () => {
            note.pure = false;
            return now();
          }
        : now,
      wrote: async (position) => {
        if (writtenPosition === null || position > writtenPosition) writtenPosition = position;
        await awaitPosition(position);
      },
      writtenPosition: () => writtenPosition,
    };
  };
  const schema = createSchema<GatewayContext & Record<string, unknown>>({ typeDefs, resolvers });
  const direct = createDirectQueries({ path: GRAPHQL_PATH, schema, context: buildContext });
  const executed = { direct: 0, viaYoga: 0 };
  const plugins: YogaPlugins = {
    armor: armor(limits),
    checkDocuments: checkDocuments(limits.nesting),
    blockIntrospection: development ? null : blockIntrospection(),
    refuseSubscriptions: refuseSubscriptions(),
    positionExtension: usePositionExtension(),
    requestErrorCodes: useRequestErrorCodes(development),
    refusalBodies: useRefusalBodies(),
    answerNote: useAnswerNote(),
    // Each document compiled once to plain JavaScript; bad variables keep graphql-js's refusal.
    graphqlJit: useGraphQlJit({}, { enableIf: variablesAccepted }),
    // After graphqlJit: the executor it sets for a result already computed is this one's.
    directPath: direct.plugin,
  };
  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    graphiql: development,
    landingPage: false,
    // Same-origin only: the API is called with bearer tokens by servers and the CLI, GraphiQL is served here.
    cors: false,
    // Bodies are read whole and bounded before yoga (readBody, express.raw): no second, streamed count.
    maxRequestBodySize: false,
    logging: options.logging ?? true,
    maskedErrors: { isDev: development },
    plugins: Object.values(plugins).filter((plugin) => plugin !== null),
    context,
  });

  const router = express.Router();
  // Read whole (bounded) before yoga parses it, so that an oversized body is refused before any work.
  router.use(
    GRAPHQL_PATH,
    express.raw({ type: () => true, limit: limits.bodyBytes }),
    bodyErrors(limits.bodyBytes),
  );
  router.use(GRAPHQL_PATH, yoga as unknown as express.RequestHandler);
  router.use(
    createDocumentsRouter({
      authenticator,
      queries: readModels.queries,
      invoicing: options.invoicing,
    }),
  );

  const responses =
    options.responseCache === false || readModels.position === undefined
      ? undefined
      : {
          at: readModels.position,
          cache: createReportCache<CachedAnswer>({
            ...DEFAULT_CACHE,
            ...options.responseCache,
            sizeOf: (key, answer) => key.length + answer.body.length,
          }),
        };

  /** The key of a request whose answer may be kept: who asked, what, and in which form. */
  const cacheKey = ({ headers, url }: IncomingMessage, body: Buffer): string | undefined =>
    responses !== undefined &&
    headers.authorization !== undefined &&
    headers[MIN_POSITION_HEADER] === undefined &&
    body.length <= MAX_CACHED_REQUEST_BYTES
      ? `${headers.authorization}\n${headers.accept}\n${headers['content-type']}\n${url}\n${body.toString('latin1')}`
      : undefined;

  /** A kept answer, if there is one and the token that asked for it still verifies. */
  const kept = async (key: string, at: bigint, authorization: string | undefined) => {
    const hit = responses?.cache.peek(at, key);
    if (hit === undefined) return undefined;
    const verified = await authenticator.authenticate(authorization).then(
      () => true,
      () => false,
    );
    return verified ? hit : undefined;
  };

  const answer = async (request: IncomingMessage, response: ServerResponse, body: Buffer) => {
    const key = cacheKey(request, body);
    const at = responses?.at() ?? -1n;
    const hit = key === undefined ? undefined : await kept(key, at, request.headers.authorization);
    if (hit !== undefined) {
      response.writeHead(200, hit.headers).end(hit.body);
      return;
    }
    const note: AnswerNote = { pure: key !== undefined, complete: false };
    const handoff: Handoff<GatewayContext> = {};
    let answered = await direct.answer(request, body, { answer: note }, handoff);
    if (answered === undefined) {
      answered = await viaYoga(request, response, body, note, handoff);
      executed.viaYoga += 1;
    } else {
      note.complete = true;
      executed.direct += 1;
    }
    const { status, headers, body: bytes } = answered;
    response.writeHead(status, headers).end(bytes);
    // Kept only if the read models did not move while it ran: then it is their answer at `at`.
    if (key !== undefined && note.pure && note.complete && status === 200)
      if (responses?.at() === at) responses.cache.put(at, key, { headers, body: bytes });
  };

  const viaYoga = async (
    request: IncomingMessage,
    response: ServerResponse,
    body: Buffer,
    note: AnswerNote,
    handoff: Handoff<GatewayContext>,
  ): Promise<DirectAnswer> => {
    const answered = await yoga.fetch(
      `http://${request.headers.host ?? 'localhost'}${request.url}`,
      {
        method: 'POST',
        headers: request.headers as Record<string, string>,
        body: body.length > 0 ? body : undefined,
      },
      { req: request, res: response, answer: note, handoff },
    );
    const bytes = Buffer.from(await answered.arrayBuffer());
    const headers: Record<string, string> = {};
    answered.headers.forEach((value, name) => (headers[name] = value));
    headers['content-length'] = String(bytes.length);
    return { status: answered.status, headers, body: bytes };
  };

  const handle: Gateway['handle'] = (request, response, next) => {
    const accept = request.headers.accept ?? '';
    if (
      request.method !== 'POST' ||
      (request.url !== GRAPHQL_PATH && !request.url?.startsWith(`${GRAPHQL_PATH}?`)) ||
      request.headers['content-encoding'] !== undefined ||
      accept.includes('text/event-stream') ||
      accept.includes('multipart/mixed')
    )
      return next();
    readBody(request, limits.bodyBytes)
      .then(
        (body) => answer(request, response, body),
        (refusal: BodyRefusal) => refuse(response, refusal),
      )
      .catch((error: unknown) => {
        yoga.logger.error('gateway: request failed', error);
        if (response.headersSent) response.destroy();
        else response.writeHead(500).end();
      });
  };

  return { router, handle, yoga, executed, authenticator };
};

const refuse = (response: ServerResponse, refusal: BodyRefusal) => {
  response
    .writeHead(refusal.status, { 'content-type': 'application/json; charset=utf-8' })
    .end(refusalBody(refusal));
};

const bodyErrors =
  (limit: number): ErrorRequestHandler =>
  (error: { type?: string; status?: number; message?: string }, req, res, next) => {
    if (typeof error?.status !== 'number') return next(error);
    const refusal =
      error.type === 'entity.too.large'
        ? tooLarge(limit)
        : error.type === 'encoding.unsupported'
          ? unsupportedEncoding(req.headers['content-encoding'])
          : unreadable(error.message);
    res.status(error.status).type('application/json').send(refusalBody(refusal));
  };
