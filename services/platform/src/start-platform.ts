import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { authConfigFromEnv, createAuthenticator, type Env } from '@cadran/auth';
import { createContractsService } from '@cadran/contracts';
import { createEsdbEventStore, createSqliteEventStore, type EventStore } from '@cadran/event-store';
import { GRAPHQL_PATH, createGateway, type Invoicing, type Limits } from '@cadran/gateway';
import { createMeteringRouter, createMeteringService } from '@cadran/metering';
import {
  createProjectionRunner,
  createReadModelProjections,
  createReadModelQueries,
} from '@cadran/projections';
import { createSlaService } from '@cadran/sla';
import Sqlite, { type Database } from 'better-sqlite3';
import express from 'express';
import { pino, type Logger } from 'pino';
import { loadDemo } from './demo.js';
import { createWriteSide } from './write-side.js';

export const DATABASE_FILE = 'cadran.db';
export const READ_MODEL_FILE = 'read-models.db';

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
  /** The invoicing service's seam, once it exists. */
  invoicing?: (parts: { store: EventStore; readModels: Database }) => Invoicing;
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

const portFrom = (value: string | undefined): number => {
  if (value === undefined || value.trim() === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT '${value}' is not a port; accepted: an integer from 0 to 65535`);
  return port;
};

export const startPlatform = async (options: PlatformOptions = {}): Promise<Platform> => {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? (env.CADRAN_DATA_DIR?.trim() || './data');
  const logger = options.logger ?? pino({ level: env.LOG_LEVEL ?? 'info' });
  const esdb = options.esdbConnectionString ?? (env.ESDB_CONNECTION_STRING?.trim() || undefined);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  const authenticator = createAuthenticator(
    await authConfigFromEnv({ ...env, CADRAN_DATA_DIR: dataDir }),
  );
  const { store, readModelDb, closeReadModelDb } = openStores(dataDir, esdb);
  const runner = createProjectionRunner({
    store,
    db: readModelDb,
    projections: createReadModelProjections(),
    onError: (error) => logger.error({ err: error }, 'read models stopped: a batch failed'),
  });
  const contracts = createContractsService({ store });
  const sla = createSlaService({ store });
  const metering = createMeteringService(
    esdb === undefined ? { store } : { store, registryPath: join(dataDir, 'metering-registry.db') },
  );
  const services = { contracts, sla, metering };

  const closeAll = async () => {
    await runner.stop();
    await metering.close();
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
  } catch (error) {
    await closeAll();
    throw error;
  }

  const gateway = createGateway({
    readModels: {
      queries: createReadModelQueries(readModelDb),
      awaitPosition: (position, timeoutMs) => runner.waitForPosition(position, timeoutMs),
      position: () => runner.position,
    },
    writeSide: createWriteSide(services),
    invoicing: options.invoicing?.({ store, readModels: readModelDb }),
    authenticator,
    development: options.development,
    maxWaitMs: options.maxWaitMs,
    limits: options.limits,
    logging: false,
  });

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    const failure = runner.failure;
    res.status(failure ? 503 : 200).json({
      status: failure ? 'read models stopped' : 'ok',
      position: runner.position.toString(),
    });
  });
  app.use(createMeteringRouter({ service: metering, authenticator }));
  app.use(gateway.router);

  const host = options.host ?? (env.HOST?.trim() || '127.0.0.1');
  const server: Server = app.listen(options.port ?? portFrom(env.PORT), host);
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
      await closed;
      await closeAll();
    })());

  return { url, graphqlUrl: `${url}${GRAPHQL_PATH}`, port, rebuild: () => runner.rebuild(), stop };
};

const openStores = (dataDir: string, esdb: string | undefined) => {
  if (esdb === undefined) {
    const store = createSqliteEventStore({ path: join(dataDir, DATABASE_FILE) });
    return { store, readModelDb: store.database, closeReadModelDb: () => undefined };
  }
  const store = createEsdbEventStore({ connectionString: esdb });
  const readModelDb = new Sqlite(join(dataDir, READ_MODEL_FILE));
  readModelDb.pragma('journal_mode = WAL');
  return { store, readModelDb, closeReadModelDb: () => readModelDb.close() };
};
