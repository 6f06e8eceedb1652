import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Env } from '@cadran/auth';
import {
  createEsdbEventStore,
  createSqliteEventStore,
  Sqlite,
  type EventStore,
  type SynchronousMode,
} from '@cadran/event-store';
import { createInvoicingService, operatorFromEnv, type OpenedInvoicing } from '@cadran/invoicing';
import { createReceivablesService, type OpenedReceivables } from '@cadran/receivables-service';
import {
  createProjectionRunner,
  createReadModelProjections,
  createReadModelQueries,
  type ReadModelQueries,
} from '@cadran/projections';
import type { Database } from 'better-sqlite3';

export const DATABASE_FILE = 'cadran.db';
export const READ_MODEL_FILE = 'read-models.db';
export const METERING_REGISTRY_FILE = 'metering-registry.db';

export type Stores = { store: EventStore; readModelDb: Database; closeReadModelDb(): void };

/** Now, RFC 3339 UTC. */
export const systemClock = (): string => new Date().toISOString();

/** CADRAN_DATA_DIR, or ./data. */
export const dataDirFrom = (env: Env): string => env.CADRAN_DATA_DIR?.trim() || './data';

/** CADRAN_SQLITE_SYNCHRONOUS: FULL (default) or NORMAL. */
export const synchronousFrom = (env: Env): SynchronousMode => {
  const value = env.CADRAN_SQLITE_SYNCHRONOUS?.trim().toUpperCase() || 'FULL';
  if (value !== 'FULL' && value !== 'NORMAL')
    throw new Error(
      `CADRAN_SQLITE_SYNCHRONOUS '${env.CADRAN_SQLITE_SYNCHRONOUS}' is not accepted; accepted: FULL (default) or NORMAL`,
    );
  return value;
};

const MAX_APPEND_SIZE_LIMIT = 16 * 1024 * 1024;

/**
 * ESDB_MAX_APPEND_SIZE: bytes of event data in one append, as the server's EVENTSTORE_MAX_APPEND_SIZE
 * (default 1048576, at most 16 MiB); larger appends are refused before they are sent.
 */
export const maxAppendSizeFrom = (env: Env): number | undefined => {
  const value = env.ESDB_MAX_APPEND_SIZE?.trim();
  if (value === undefined || value === '') return undefined;
  const size = Number(value);
  if (!/^\d+$/.test(value) || size < 1 || size > MAX_APPEND_SIZE_LIMIT)
    throw new Error(
      `ESDB_MAX_APPEND_SIZE '${env.ESDB_MAX_APPEND_SIZE}' is not accepted; accepted: an integer from 1 to ${MAX_APPEND_SIZE_LIMIT} (bytes, the server's EVENTSTORE_MAX_APPEND_SIZE)`,
    );
  return size;
};

/**
 * The log and the read-model database of a data directory: the embedded store (read models in the
 * same SQLite file, WAL, busy_timeout 30 s), or EventStoreDB with the read models in a local file.
 */
export const openStores = (
  dataDir: string,
  esdb: string | undefined,
  synchronous: SynchronousMode = 'FULL',
  maxAppendSize?: number,
): Stores => {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (esdb === undefined) {
    const store = createSqliteEventStore({ path: join(dataDir, DATABASE_FILE), synchronous });
    return { store, readModelDb: store.database, closeReadModelDb: () => undefined };
  }
  const store = createEsdbEventStore({
    connectionString: esdb,
    ...(maxAppendSize === undefined ? {} : { maxAppendSize }),
  });
  const readModelDb = new Sqlite(join(dataDir, READ_MODEL_FILE));
  readModelDb.pragma('journal_mode = WAL');
  readModelDb.pragma('busy_timeout = 30000');
  return { store, readModelDb, closeReadModelDb: () => readModelDb.close() };
};

/**
 * The metering registry's snapshot database: a local file of its own whatever the store, so
 * metering never reaches into the store's connection. Snapshots are a cache of the claim streams
 * (a lost one is folded again), so NORMAL is enough.
 */
export const openMeteringRegistryDb = (dataDir: string): Database => {
  const db = new Sqlite(join(dataDir, METERING_REGISTRY_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 30000');
  return db;
};

/** The invoicing service over the platform's store and read models, with the operator from CADRAN_OPERATOR_* (the fictitious demo operator filling gaps only with --demo). */
export const buildInvoicing = (
  parts: {
    store: EventStore;
    queries: ReadModelQueries;
    readModelDb: Database;
    clock?: () => string;
  },
  env: Env,
  demo = false,
) =>
  createInvoicingService({
    store: parts.store,
    queries: parts.queries,
    readDb: parts.readModelDb,
    clock: parts.clock ?? systemClock,
    newId: randomUUID,
    operator: operatorFromEnv(env, { demo }),
  });

/** The receivables service over the platform's store and read-model database, in the operator's time zone. */
export const buildReceivables = (
  parts: { store: EventStore; readModelDb: Database; clock?: () => string },
  env: Env,
) =>
  createReceivablesService({
    store: parts.store,
    readDb: parts.readModelDb,
    clock: parts.clock ?? systemClock,
    timeZone: operatorFromEnv(env).operator.timeZone,
    newId: randomUUID,
  });

/** The stores of the data directory the environment names (CADRAN_DATA_DIR, ESDB_CONNECTION_STRING…), for the CLI. */
const openStoresOf = (env: Env): Stores =>
  openStores(
    resolve(dataDirFrom(env)),
    env.ESDB_CONNECTION_STRING?.trim() || undefined,
    synchronousFrom(env),
    maxAppendSizeFrom(env),
  );

/**
 * For a command-line run against the data directory of `pnpm start`, running or not: brings the
 * read models up to the log once (nothing to write when a running platform keeps them current),
 * then opens the invoicing service on them. The platform's own runner keeps applying new events.
 */
export const openInvoicingData = async (env: Env = process.env): Promise<OpenedInvoicing> => {
  const { store, readModelDb, closeReadModelDb } = openStoresOf(env);
  const closeStores = async () => {
    await store.close();
    closeReadModelDb();
  };
  try {
    const runner = createProjectionRunner({
      store,
      db: readModelDb,
      projections: createReadModelProjections(),
    });
    await runner.start();
    await runner.stop();
    if (runner.failure) throw runner.failure;
    const service = buildInvoicing(
      { store, queries: createReadModelQueries(readModelDb), readModelDb },
      env,
    );
    return {
      service,
      close: async () => {
        await service.close();
        await closeStores();
      },
    };
  } catch (error) {
    await closeStores();
    throw error;
  }
};

/** For `pnpm cadran receivables …` on the data directory of `pnpm start`, running or not. */
export const openReceivablesData = async (env: Env = process.env): Promise<OpenedReceivables> => {
  const { store, readModelDb, closeReadModelDb } = openStoresOf(env);
  const service = buildReceivables({ store, readModelDb }, env);
  return {
    service,
    close: async () => {
      await service.close();
      await store.close();
      closeReadModelDb();
    },
  };
};
