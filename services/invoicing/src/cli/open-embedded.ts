import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createSqliteEventStore } from '@cadran/event-store';
import { createProjectionRunner, createReadModelProjections, createReadModelQueries } from '@cadran/projections';
import { createInvoicingService, type InvoicingService } from '../invoicing-service.js';
import { operatorFromEnv } from '../operator.js';

export type EmbeddedInvoicing = { service: InvoicingService; close(): Promise<void> };

export const DATA_FILE = 'cadran.db';

/**
 * The invoicing service over the embedded store `<dataDir>/cadran.db`, its read models brought
 * current first. A stand-in until the platform exposes its own opener for CLI commands.
 */
export async function openEmbedded(dataDir: string = process.env.CADRAN_DATA_DIR ?? './data'): Promise<EmbeddedInvoicing> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const store = createSqliteEventStore({ path: join(dir, DATA_FILE) });
  const db = store.database;
  const runner = createProjectionRunner({ store, db, projections: createReadModelProjections() });
  await runner.start();
  const service = createInvoicingService({
    store,
    queries: createReadModelQueries(db),
    readDb: db,
    clock: () => new Date().toISOString(),
    newId: randomUUID,
    operator: operatorFromEnv(),
  });
  return {
    service,
    async close() {
      await service.close();
      await runner.stop();
      await store.close();
    },
  };
}
