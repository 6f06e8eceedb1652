import type { Authenticator } from '@cadran/auth';
import express, { type ErrorRequestHandler, type Router } from 'express';
import { createSchema, createYoga, type YogaServerInstance } from 'graphql-yoga';
import { createScope } from './authorization.js';
import { cachePrincipals } from './principal-cache.js';
import type { GatewayContext } from './context.js';
import { toApiError } from './errors.js';
import {
  DEFAULT_LIMITS,
  armor,
  blockIntrospection,
  useRequestErrorCodes,
  type Limits,
} from './hardening.js';
import type { Invoicing, ReadModels, WriteSide } from './ports.js';
import {
  DEFAULT_MAX_WAIT_MS,
  MIN_POSITION_HEADER,
  minPositionOf,
  usePositionExtension,
  waitOrRefuse,
} from './read-your-writes.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './type-defs.js';

export type GatewayOptions = {
  readModels: ReadModels;
  writeSide: WriteSide;
  /** The invoicing service; without it the invoicing fields answer NOT_IMPLEMENTED (mutations, preview) or nothing (lookups). */
  invoicing?: Invoicing;
  authenticator: Authenticator;
  /** GraphiQL, introspection, field suggestions and error details; default: NODE_ENV === 'development'. */
  development?: boolean;
  /** Longest wait for the read models to reach a position (the header, or a mutation's own write). */
  maxWaitMs?: number;
  limits?: Partial<Limits>;
  now?: () => Date;
  /** Where yoga logs; false to silence it. */
  logging?: boolean;
};

export const GRAPHQL_PATH = '/graphql';

export type Gateway = {
  router: Router;
  yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
};

export const createGateway = (options: GatewayOptions): Gateway => {
  const development = options.development ?? process.env.NODE_ENV === 'development';
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const now = options.now ?? (() => new Date());
  const { readModels, writeSide, invoicing } = options;
  const authenticator = cachePrincipals(options.authenticator);
  const awaitPosition = (position: bigint) =>
    waitOrRefuse(readModels.awaitPosition, position, maxWaitMs);

  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema: createSchema<GatewayContext & Record<string, unknown>>({ typeDefs, resolvers }),
    graphqlEndpoint: GRAPHQL_PATH,
    graphiql: development,
    landingPage: false,
    logging: options.logging ?? true,
    maskedErrors: { isDev: development },
    plugins: [
      armor(limits),
      ...(development ? [] : [blockIntrospection()]),
      usePositionExtension(),
      useRequestErrorCodes(development),
    ],
    context: async ({ request }): Promise<GatewayContext> => {
      let principal;
      try {
        principal = await authenticator.authenticate(
          request.headers.get('authorization') ?? undefined,
        );
      } catch (error) {
        throw toApiError(error);
      }
      const minPosition = minPositionOf(request.headers.get(MIN_POSITION_HEADER));
      if (minPosition !== null) await awaitPosition(minPosition);
      let writtenPosition: bigint | null = null;
      return {
        principal,
        scope: createScope(principal, readModels.queries),
        queries: readModels.queries,
        readPosition: readModels.position,
        writeSide,
        invoicing,
        meta: { actor: principal.subject },
        now,
        wrote: async (position) => {
          if (writtenPosition === null || position > writtenPosition) writtenPosition = position;
          await awaitPosition(position);
        },
        writtenPosition: () => writtenPosition,
      };
    },
  });

  const router = express.Router();
  // Read whole (bounded) before yoga parses it, so that an oversized body is refused before any work.
  router.use(
    GRAPHQL_PATH,
    express.raw({ type: () => true, limit: limits.bodyBytes }),
    bodyErrors(limits.bodyBytes),
  );
  router.use(GRAPHQL_PATH, yoga as unknown as express.RequestHandler);
  return { router, yoga };
};

const bodyErrors =
  (limit: number): ErrorRequestHandler =>
  (error: { type?: string; status?: number; message?: string }, _req, res, next) => {
    if (typeof error?.status !== 'number') return next(error);
    const message =
      error.type === 'entity.too.large'
        ? `request body is larger than ${limit} bytes; accepted: at most ${limit} bytes (send bulk usage as NDJSON to /v1/usage)`
        : `request body could not be read: ${error.message ?? 'unknown reason'}`;
    res
      .status(error.status)
      .type('application/json')
      .send(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] }));
  };
