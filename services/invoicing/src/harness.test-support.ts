import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { toStored, type DomainEvent } from '@cadran/domain';
import {
  drafted,
  signed,
  siteRegistered,
  tempDir,
  tenantDetailsUpdated,
  workedRateCard,
} from '@cadran/domain/testing';
import {
  createEsdbEventStore,
  createSqliteEventStore,
  Sqlite,
  type EsdbEventStoreOptions,
  type EventStore,
} from '@cadran/event-store';
import type { Database } from 'better-sqlite3';
import {
  createProjectionRunner,
  createReadModelProjections,
  createReadModelQueries,
  type ProjectionRunner,
} from '@cadran/projections';
import { createInvoicingService, type InvoicingService } from './invoicing-service.js';
import { DEMO_OPERATOR_ENV, operatorFromEnv } from './operator.js';

export type Harness = {
  dir: string;
  path: string;
  store: EventStore;
  /** The read models' database: the store's own file, or a local file next to EventStoreDB. */
  db: Database;
  runner: ProjectionRunner;
  service: InvoicingService;
  /** Sets the service's clock. */
  at(instant: string): void;
  /** Appends domain events to a stream through the real store and waits for the read models. */
  append(stream: string, events: DomainEvent[]): Promise<void>;
  /** Stops everything; `keep` leaves the data dir for another process. */
  close(keep?: boolean): Promise<void>;
};

/** A real SQLite file in a temp dir, the platform's read models and the invoicing service over it. */
export async function openHarness(
  dir = tempDir('cadran-invoicing-').dir,
  options: { realClock?: boolean; newId?: () => string; esdb?: EsdbEventStoreOptions } = {},
): Promise<Harness> {
  const path = join(dir, 'cadran.db');
  let store: EventStore;
  let db: Database;
  if (options.esdb) {
    store = createEsdbEventStore(options.esdb);
    db = new Sqlite(join(dir, 'read-models.db'));
  } else {
    const sqlite = createSqliteEventStore({ path, synchronous: 'NORMAL' });
    store = sqlite;
    db = sqlite.database;
  }
  const runner = createProjectionRunner({ store, db, projections: createReadModelProjections() });
  await runner.start();
  let now = '2026-04-02T09:00:00Z';
  let ids = 0;
  const service = createInvoicingService({
    store,
    queries: createReadModelQueries(db),
    readDb: db,
    clock: options.realClock ? () => new Date().toISOString() : () => now,
    newId: options.newId ?? (() => `id-${++ids}`),
    operator: operatorFromEnv(DEMO_OPERATOR_ENV),
  });
  return {
    dir,
    path,
    store,
    db,
    runner,
    service,
    at: (instant) => {
      now = instant;
    },
    async append(stream, events) {
      const result = await store.appendToStream(
        stream,
        events.map((event) => toStored(event)),
      );
      if (!(await runner.waitForPosition(result.lastPosition, 10_000)))
        throw new Error('read models did not catch up');
    },
    async close(keep = false) {
      await service.close();
      await runner.stop();
      await store.close();
      if (options.esdb) db.close();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Setting = {
  billTo?: 'TENANT' | 'PARTNER';
  contractId?: string;
  tenantId?: string;
  withoutContract?: boolean;
};

/** The worked examples' setting: site bru-1, partner fluidstack (GB), tenant mistral (FR), contract c-mistral signed. */
export async function workedSetting(h: Harness, setting: Setting = {}): Promise<void> {
  const contractId = setting.contractId ?? 'c-mistral';
  const tenantId = setting.tenantId ?? 'mistral';
  await h.append('site-bru-1', [siteRegistered()]);
  await h.append('partner-fluidstack', [
    {
      type: 'PartnerRegistered',
      data: {
        partnerId: 'fluidstack',
        name: 'Fluidstack Ltd',
        countryCode: 'GB',
        vatId: 'GB123456789',
        address: '1 Canada Square, London E14 5AB, United Kingdom',
      },
    },
    {
      type: 'PartyDetailsUpdated',
      data: {
        kind: 'PARTNER',
        partyId: 'fluidstack',
        siren: null,
        vatId: 'GB123456789',
        postalAddress: {
          line1: '1 Canada Square',
          line2: null,
          postcode: 'E14 5AB',
          city: 'London',
          countryCode: 'GB',
        },
        electronicAddress: { scheme: '0060', value: '219876543' },
        updatedAt: '2026-01-01T00:00:00Z',
      },
    },
  ]);
  if (setting.withoutContract) await onboard(h, tenantId);
  else await workedContract(h, contractId, tenantId, setting.billTo ?? 'TENANT');
}

async function onboard(h: Harness, tenantId: string) {
  await h.append(`tenant-${tenantId}`, [
    {
      type: 'TenantOnboarded',
      data: {
        tenantId,
        name: `${tenantId} SAS`,
        countryCode: 'FR',
        vatId: 'FR12345678901',
        address: '15 rue des Halles, 75001 Paris',
        partnerId: 'fluidstack',
      },
    },
    tenantDetailsUpdated(tenantId),
  ]);
}

export async function workedContract(
  h: Harness,
  contractId: string,
  tenantId: string,
  billTo: 'TENANT' | 'PARTNER' = 'TENANT',
) {
  await onboard(h, tenantId);
  await h.append(`contract-${contractId}`, [
    drafted({
      contractId,
      tenantId,
      billTo,
      partnerId: billTo === 'PARTNER' ? 'fluidstack' : null,
      rateCard: workedRateCard,
    }),
    signed(contractId),
  ]);
}

export async function reserve(
  h: Harness,
  contractId: string,
  id: string,
  gpuModel: string,
  gpuCount: number,
  startsAt: string,
  endsAt: string,
) {
  await h.append('site-bru-1', [
    {
      type: 'CapacityReserved',
      data: {
        reservationId: id,
        siteId: 'bru-1',
        contractId,
        tenantId: 'mistral',
        gpuModel,
        gpuCount,
        startsAt,
        endsAt,
      },
    },
  ]);
}

/** `count` usage records of `gpuHoursEach`, one hour each, from `from` on (hour after hour). */
export async function usage(
  h: Harness,
  contractId: string,
  prefix: string,
  count: number,
  gpuHoursEach: string,
  from: string,
  gpuModel = 'GB300',
) {
  const start = Date.parse(from);
  const events: DomainEvent[] = [];
  for (let i = 0; i < count; i++) {
    events.push({
      type: 'GpuUsageRecorded',
      data: {
        recordId: `${prefix}-${String(i).padStart(5, '0')}`,
        tenantId: 'mistral',
        siteId: 'bru-1',
        gpuModel,
        startedAt: new Date(start + i * 3_600_000).toISOString(),
        endedAt: new Date(start + (i + 1) * 3_600_000).toISOString(),
        gpuHours: gpuHoursEach,
        contractId,
      },
    });
  }
  await h.append('usage-bru-1', events);
}

/** Example 1's month for one contract: reservation, power, usage, energy and a site-wide incident. */
export async function exampleOneMarch(h: Harness, contractId = 'c-mistral') {
  await reserve(
    h,
    contractId,
    `${contractId}-r1`,
    'GB300',
    1024,
    '2026-02-28T23:00:00Z',
    '2026-03-31T22:00:00Z',
  );
  await h.append('site-bru-1', [
    {
      type: 'PowerCommitted',
      data: {
        commitmentId: `${contractId}-p1`,
        siteId: 'bru-1',
        contractId,
        tenantId: 'mistral',
        kw: '2000',
        startsAt: '2026-02-28T23:00:00Z',
        endsAt: '2026-03-31T22:00:00Z',
      },
    },
  ]);
  await usage(h, contractId, `${contractId}-u`, 100, '8000', '2026-03-01T00:00:00Z');
  const energy: DomainEvent[] = [];
  for (let i = 0; i < 10; i++) {
    energy.push({
      type: 'EnergyRecorded',
      data: {
        recordId: `${contractId}-e-${i}`,
        tenantId: 'mistral',
        siteId: 'bru-1',
        startedAt: new Date(Date.parse('2026-03-02T00:00:00Z') + i * 3_600_000).toISOString(),
        endedAt: new Date(Date.parse('2026-03-02T00:00:00Z') + (i + 1) * 3_600_000).toISOString(),
        kwh: '120000',
        contractId,
      },
    });
  }
  await h.append('energy-bru-1', energy);
  await h.append(`incident-${contractId}-i1`, [
    {
      type: 'IncidentOpened',
      data: {
        incidentId: `${contractId}-i1`,
        siteId: 'bru-1',
        scope: 'SITE',
        startedAt: '2026-03-10T08:00:00Z',
        description: 'cooling loop failure',
        impacts: [],
      },
    },
    {
      type: 'IncidentResolved',
      data: { incidentId: `${contractId}-i1`, resolvedAt: '2026-03-10T10:30:00Z' },
    },
  ]);
}
