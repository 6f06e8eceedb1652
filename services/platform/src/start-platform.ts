import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAlertsService } from '@cadran/alerts';
import { authConfigFromEnv, createAuthenticator, loadOrCreateSecret, type Env } from '@cadran/auth';
import { createConsoleRouter } from '@cadran/console';
import { createContractsService } from '@cadran/contracts';
import { GRAPHQL_PATH, createFocusExportRouter, createGateway, type Limits } from '@cadran/gateway';
import { downloadPath, operatorFromEnv, type BatchProgress } from '@cadran/invoicing';
import { createMeteringRouter, createMeteringService } from '@cadran/metering';
import {
  createProjectionRunner,
  createReadModelProjections,
  createReadModelQueries,
} from '@cadran/projections';
import { createSlaService } from '@cadran/sla';
import { createWebhooksService } from '@cadran/webhooks';
import express from 'express';
import { pino, type Logger } from 'pino';
import {
  buildInvoicing,
  buildReceivables,
  dataDirFrom,
  maxAppendSizeFrom,
  openMeteringRegistryDb,
  openStores,
  synchronousFrom,
} from './data-dir.js';
import { loadDemo } from './demo.js';
import { guardDataDir, markStore, secureStore } from './data-dir-guard.js';
import { createInvoicingPort } from './invoicing-port.js';
import { createSelfServicePort } from './self-service-port.js';
import { selfServiceSettingsFrom } from './self-service-settings.js';
import { createReceivablesPort } from './receivables-port.js';
import { createWriteSide } from './write-side.js';

export { DATABASE_FILE, READ_MODEL_FILE } from './data-dir.js';

export type PlatformOptions = {
  /** Where the SQLite file and the JWT secret live; default CADRAN_DATA_DIR or ./data. */
  dataDir?: string;
  /** 0 for any free port; default PORT or 4000. */
  port?: number;
  /** Interface to listen on; default HOST or 127.0.0.1. */
  host?: string;
  /** EventStoreDB instead of the embedded log; default ESDB_CONNECTION_STRING. */
  esdbConnectionString?: string;
  /** Load the worked examples (refused unless the store is empty). */
  demo?: boolean;
  env?: Env;
  logger?: Logger;
  development?: boolean;
  maxWaitMs?: number;
  limits?: Partial<Limits>;
  /** On stop, how long requests in flight may take before their connections are closed; default CADRAN_SHUTDOWN_GRACE_MS or 10 s. */
  shutdownGraceMs?: number;
  /** Now, RFC 3339 UTC, for invoicing and receivables (issue and due dates, today); default the system clock. Tests set it. */
  clock?: () => string;
  /**
   * Told each contract a batch run of the gateway prices, awaited before the next: tests hold a
   * run there to watch its progress.
   */
  onBatchProgress?: BatchProgress;
};

export type Platform = {
  url: string;
  graphqlUrl: string;
  port: number;
  /** Drops and replays the read models from the log. */
  rebuild(): Promise<void>;
  /** Stops accepting, finishes requests in flight, stops the runner (checkpoint kept), closes the store. */
  stop(): Promise<void>;
};

const DEFAULT_PORT = 4000;
/** The key every webhook endpoint's signing secret is derived from (CADRAN_WEBHOOK_KEY overrides it). */
export const WEBHOOK_KEY_FILE = 'webhook-key';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** LOG_LEVEL, checked so that a typo stops the start with a message rather than a stack trace. */
export const logLevelFrom = (env: Env): string => {
  const level = env.LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(level))
    throw new Error(
      `LOG_LEVEL '${env.LOG_LEVEL}' is not accepted; accepted: ${LOG_LEVELS.join(', ')}`,
    );
  return level;
};

const portFrom = (value: string | undefined): number => {
  if (value === undefined || value.trim() === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT '${value}' is not a port; accepted: an integer from 0 to 65535`);
  return port;
};

const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/** CADRAN_SHUTDOWN_GRACE_MS, checked so that a typo stops the start with a message. */
export const shutdownGraceFrom = (env: Env): number => {
  const value = env.CADRAN_SHUTDOWN_GRACE_MS?.trim();
  if (value === undefined || value === '') return DEFAULT_SHUTDOWN_GRACE_MS;
  const ms = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(ms))
    throw new Error(
      `CADRAN_SHUTDOWN_GRACE_MS '${value}' is not accepted; accepted: a whole number of milliseconds, 0 or more`,
    );
  return ms;
};

export const startPlatform = async (options: PlatformOptions = {}): Promise<Platform> => {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? dataDirFrom(env);
  const logger = options.logger ?? pino({ level: logLevelFrom(env) });
  const shutdownGraceMs = options.shutdownGraceMs ?? shutdownGraceFrom(env);
  const esdb = options.esdbConnectionString ?? (env.ESDB_CONNECTION_STRING?.trim() || undefined);
  guardDataDir(dataDir, env, esdb === undefined);
  // Checked before anything opens: a bad CADRAN_OPERATOR_* setting stops the start with its name.
  operatorFromEnv(env);

  const authenticator = createAuthenticator(
    await authConfigFromEnv({ ...env, CADRAN_DATA_DIR: dataDir }),
  );
  const { store, readModelDb, closeReadModelDb } = openStores(
    dataDir,
    esdb,
    synchronousFrom(env),
    maxAppendSizeFrom(env),
  );
  if (esdb === undefined) {
    try {
      secureStore(dataDir, readModelDb, (await store.headPosition()) >= 0n);
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  const runner = createProjectionRunner({
    store,
    db: readModelDb,
    projections: createReadModelProjections(),
    onError: (error) => logger.error({ err: error }, 'read models stopped: a batch failed'),
    onSetAside: (setAside) => logger.error({ setAside }, 'event set aside by a read model'),
  });
  const contracts = createContractsService({ store });
  const sla = createSlaService({ store });
  const meteringRegistryDb = openMeteringRegistryDb(dataDir);
  const metering = createMeteringService({ store, registryDb: meteringRegistryDb });
  const services = { contracts, sla, metering };
  const queries = createReadModelQueries(readModelDb);
  const { clock } = options;
  const invoices = buildInvoicing(
    { store, queries, readModelDb, clock },
    env,
    options.demo === true,
  );
  const receivables = buildReceivables({ store, readModelDb, clock }, env);
  const selfServiceSettings = selfServiceSettingsFrom(env);
  const webhooks = createWebhooksService({
    store,
    db: readModelDb,
    key: selfServiceSettings.webhookKey ?? (await loadOrCreateSecret(dataDir, WEBHOOK_KEY_FILE)),
    policy: selfServiceSettings.delivery,
    allowPrivateNetworks: selfServiceSettings.allowPrivateNetworks,
    catalogue: {
      documentLinks: (documentOf, number) => ({
        facturx: downloadPath(documentOf, `${number}.pdf`),
        cii: downloadPath(documentOf, `${number}.xml`),
      }),
    },
    onError: (error) => logger.error({ err: error }, 'webhooks: a delivery step failed'),
  });
  const alerts = createAlertsService({
    store,
    db: readModelDb,
    sources: {
      queries,
      monthToDateTotal: async (contractId, period) =>
        (await invoices.invoicePreview(contractId, period)).total,
    },
    everyMs: selfServiceSettings.alertsEveryMs,
    onError: (error) => logger.error({ err: error }, 'alerts: an evaluation failed'),
  });

  const closeAll = async () => {
    await receivables.close();
    await alerts.stop();
    await webhooks.stop();
    await invoices.close();
    await runner.stop();
    await metering.close();
    meteringRegistryDb.close();
    await store.close();
    closeReadModelDb();
  };

  try {
    if (options.demo) {
      const head = await loadDemo(store, services);
      logger.info(
        { position: head.toString() },
        'demo loaded: site bru-1, partner fluidstack, tenant mistral, contract c-mistral, March 2026',
      );
    }
    await runner.start();
    await webhooks.start();
    await alerts.start();
    if (esdb === undefined) markStore(dataDir, (await store.headPosition()) >= 0n);
  } catch (error) {
    await closeAll();
    throw error;
  }

  const invoicingPort = createInvoicingPort(invoices, options.onBatchProgress);
  const gateway = createGateway({
    readModels: {
      queries,
      // Both read models: the platform's and invoicing's (which another process may have written to).
      awaitPosition: async (position, timeoutMs) => {
        const deadline = Date.now() + timeoutMs;
        const left = () => Math.max(0, deadline - Date.now());
        if (!(await runner.waitForPosition(position, timeoutMs))) return false;
        if (!(await webhooks.awaitPosition(position, left()))) return false;
        if (!(await alerts.awaitPosition(position, left()))) return false;
        if (!(await invoices.awaitPosition(position, left()))) return false;
        return receivables.awaitPosition(position, left());
      },
      position: () => runner.position,
      headPosition: () => store.headPosition(),
    },
    writeSide: createWriteSide(services),
    invoicing: invoicingPort,
    selfService: createSelfServicePort({ invoicing: invoices, webhooks, alerts }),
    receivables: createReceivablesPort(receivables),
    contractHistory: services.contracts,
    authenticator,
    development: options.development,
    maxWaitMs: options.maxWaitMs,
    limits: options.limits,
    logging: false,
  });

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', async (req, res) => {
    const subscriptions = {
      readModels: runner.state,
      invoices: invoices.readModelState(),
      receivables: receivables.readModelState(),
      webhooks: webhooks.state,
      alerts: alerts.state,
    };
    const states = Object.values(subscriptions);
    const status =
      runner.failure || states.some((state) => state === 'failed' || state === 'stopped')
        ? 'read models stopped'
        : states.includes('resuming')
          ? 'read models resuming'
          : 'ok';
    let setAside;
    try {
      setAside = queries.setAsideEvents();
    } catch (error) {
      // The database answers no more (damaged, gone, locked): health says so.
      logger.error({ err: error }, 'health: the database failed');
      res.status(503).json({ status: `database error: ${(error as Error).message}` });
      return;
    }
    // The count for everyone, the events themselves for ADMIN only.
    const admin = await authenticator
      .authenticate(req.headers.authorization)
      .then((principal) => principal.role === 'ADMIN')
      .catch(() => false);
    res.status(status === 'ok' ? 200 : 503).json({
      status,
      position: runner.position.toString(),
      subscriptions,
      setAsideEvents: admin ? setAside : setAside.length,
    });
  });
  app.use(createMeteringRouter({ service: metering, authenticator }));
  app.use(
    createFocusExportRouter({
      authenticator: gateway.authenticator,
      queries,
      invoicing: invoicingPort,
      operatorName: operatorFromEnv(env, { demo: options.demo === true }).operator.name,
    }),
  );
  app.use(gateway.router);
  // The web console at / (same origin as /graphql), after every API route.
  app.use(createConsoleRouter({ dataDir }));

  const host = options.host ?? (env.HOST?.trim() || '127.0.0.1');
  // POST /graphql skips express (its response cache and body reading are the gateway's); the rest is express's.
  const server: Server = createServer((request, response) =>
    gateway.handle(request, response, () => app(request, response)),
  ).listen(options.port ?? portFrom(env.PORT), host);
  try {
    await once(server, 'listening');
  } catch (error) {
    await closeAll();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // A slow upload would hold the stop for as long as it lasts: past the grace its connection
      // is closed. Ingestion commits whole batches, so what was acknowledged is kept and the
      // rest of the cut body is not written; sending it again is safe.
      const deadline = setTimeout(() => {
        logger.warn({ shutdownGraceMs }, 'shutdown: closing the connections still open');
        server.closeAllConnections();
      }, shutdownGraceMs);
      await closed;
      clearTimeout(deadline);
      await closeAll();
    })());

  return { url, graphqlUrl: `${url}${GRAPHQL_PATH}`, port, rebuild: () => runner.rebuild(), stop };
};
