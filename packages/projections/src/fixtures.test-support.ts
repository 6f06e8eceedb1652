import { rmSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { streams, toStored, type DomainEvent } from '@cadran/domain';
import {
  capacityReserved,
  drafted,
  signed,
  siteRegistered,
  tempDir,
  usageRecorded,
} from '@cadran/domain/testing';
import { createSqliteEventStore, type SqliteEventStore } from '@cadran/event-store';
import { createProjectionRunner, type ProjectionRunner } from './projection-runner.js';
import { createReadModelProjections } from './read-model-projections.js';
import { createReadModelQueries } from './create-read-model-queries.js';
import type { ReadModelQueries } from './read-model-queries.js';
import type { Projection } from './projection.js';

export { rateCard } from '@cadran/domain/testing';

/** The stream each event belongs to, as the write side names it. */
export function streamOf(event: DomainEvent): string {
  const d = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'SiteRegistered':
    case 'CapacityReserved':
    case 'ReservationCancelled':
    case 'PowerCommitted':
    case 'ContractCapacityReleased':
      return streams.site(d.siteId as string);
    case 'PartnerRegistered':
      return streams.partner(d.partnerId as string);
    case 'TenantOnboarded':
      return streams.tenant(d.tenantId as string);
    case 'IncidentOpened':
    case 'IncidentResolved':
      return streams.incident(d.incidentId as string);
    case 'GpuUsageRecorded':
      return streams.usage(d.siteId as string);
    case 'EnergyRecorded':
      return streams.energy(d.siteId as string);
    default:
      return streams.contract(d.contractId as string);
  }
}

export type Harness = {
  dir: string;
  store: SqliteEventStore;
  db: Database;
  runner: ProjectionRunner;
  queries: ReadModelQueries;
  /** Appends each event to its stream; returns the last position. */
  append(...events: DomainEvent[]): Promise<bigint>;
  /** Appends and waits until the read models have it. */
  record(...events: DomainEvent[]): Promise<bigint>;
  close(): Promise<void>;
};

export async function openHarness(
  options: { projections?: Projection[]; dir?: string } = {},
): Promise<Harness> {
  const dir = options.dir ?? tempDir('cadran-projections-').dir;
  const store = createSqliteEventStore({ path: join(dir, 'cadran.db'), synchronous: 'NORMAL' });
  const db = store.database;
  const runner = createProjectionRunner({
    store,
    db,
    projections: options.projections ?? createReadModelProjections(),
  });
  await runner.start();
  const queries = createReadModelQueries(db);
  const append = async (...events: DomainEvent[]) => {
    let last = -1n;
    for (const event of events)
      last = (await store.appendToStream(streamOf(event), [toStored(event)])).lastPosition;
    return last;
  };
  return {
    dir,
    store,
    db,
    runner,
    queries,
    append,
    async record(...events) {
      const position = await append(...events);
      if (!(await runner.waitForPosition(position, 10_000)))
        throw new Error(`read models did not reach ${position}`);
      return position;
    },
    async close() {
      await runner.stop();
      await store.close();
      if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const site = (siteId = 'bru-1'): DomainEvent => siteRegistered(siteId);

export const partner = (partnerId = 'fluidstack'): DomainEvent => ({
  type: 'PartnerRegistered',
  data: {
    partnerId,
    name: 'Fluidstack',
    countryCode: 'GB',
    vatId: 'GB123456789',
    address: 'London',
  },
});

export const tenant = (
  tenantId = 'mistral',
  partnerId: string | null = 'fluidstack',
): DomainEvent => ({
  type: 'TenantOnboarded',
  data: {
    tenantId,
    name: tenantId,
    countryCode: 'FR',
    vatId: 'FR12345678901',
    address: null,
    partnerId,
  },
});

export const contract = (
  contractId = 'c-mistral',
  tenantId = 'mistral',
  siteId = 'bru-1',
): DomainEvent[] => [drafted({ contractId, tenantId, siteId }), signed(contractId)];

/** Sites bru-1 and par-2, partner fluidstack, tenants mistral (c-mistral at bru-1) and kyutai (c-kyutai at `kyutaiSite`). */
export const twoTenants = (kyutaiSite = 'par-2'): DomainEvent[] => [
  site(),
  site('par-2'),
  partner(),
  tenant(),
  tenant('kyutai', null),
  ...contract(),
  ...contract('c-kyutai', 'kyutai', kyutaiSite),
];

/** A reservation event (1024 GB300 of c-mistral at bru-1 for March unless overridden). */
export const reservation = capacityReserved;

/** A usage record event (mistral, bru-1, GB300, c-mistral unless overridden). */
export const usage = usageRecorded;

export const energy = (
  recordId: string,
  startedAt: string,
  endedAt: string,
  kwh: string,
  contractId: string | null = 'c-mistral',
): DomainEvent => ({
  type: 'EnergyRecorded',
  data: { recordId, tenantId: 'mistral', siteId: 'bru-1', startedAt, endedAt, kwh, contractId },
});

/** Every row of every read-model table, in a stable order: for rebuild comparisons. */
export function dumpTables(
  db: Database,
  projections: readonly Projection[],
): Record<string, unknown[]> {
  const dump: Record<string, unknown[]> = {};
  for (const table of projections.flatMap((p) => p.tables)) {
    const columns = (db.pragma(`table_info(${table})`) as unknown[]).length;
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
    dump[table] = db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).raw(true).all();
  }
  return dump;
}

/** A fresh harness per test (seeded with `seed`), closed after it. */
export function useHarness(
  onOpen: (harness: Harness) => void,
  seed: () => DomainEvent[] = () => [],
): void {
  let harness: Harness | undefined;
  beforeEach(async () => {
    harness = await openHarness();
    const events = seed();
    if (events.length > 0) await harness.record(...events);
    onOpen(harness);
  });
  afterEach(async () => {
    await harness?.close();
  });
}
