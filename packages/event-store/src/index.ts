export * from './event-store.js';
export * from './errors.js';
export { MAX_NAME_LENGTH } from './validation.js';
export {
  createSqliteEventStore,
  type SqliteEventStore,
  type SqliteEventStoreOptions,
} from './sqlite-event-store.js';
export { Sqlite, SQLITE_DRIVER } from './sqlite-driver.js';
export type { SynchronousMode } from './sqlite-schema.js';
export { createSqliteCheckpointStore, type CheckpointStore } from './checkpoint-store.js';
export { createEsdbEventStore, type EsdbEventStoreOptions } from './esdb-event-store.js';
export { appendInChunks } from './append-in-chunks.js';
export { uuidV7Time } from './uuid-v7-time.js';
