/**
 * `invoicing.batch.seconds`: a batch over 1,000 contracts whose March 2026 holds 10,000,000
 * usage records, once the read models are current, through the real invoicing service.
 *
 * Contracts, tenants and reservations go through the real store and projection runner; the
 * 10M usage records are written straight into the usage read model's tables (records and hourly
 * sums) with bulk SQL, as the metered projection would have left them: generating them through
 * the full pipeline would take far longer than the batch being measured.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toStored, type DomainEvent } from '@cadran/domain';
import { drafted, signed } from '@cadran/domain/testing';
import { createSqliteEventStore } from '@cadran/event-store';
import type { BenchGroup } from './group.js';
import { createInvoicingService, operatorFromEnv } from '@cadran/invoicing';
import {
  createProjectionRunner,
  createReadModelProjections,
  createReadModelQueries,
} from '@cadran/projections';

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 1_000);
const RECORDS_PER_CONTRACT = 10_000;
const PERIOD = '2026-03';
const MARCH_START_MS = Date.parse('2026-02-28T23:00:00Z');
const MARCH_HOURS = 743;

const rateCard = {
  gpuRates: [
    { gpuModel: 'GB300', reservedPricePerGpuHour: '3.10', onDemandPricePerGpuHour: '4.20' },
  ],
  powerPricePerKwMonth: '145',
  energyPricePerKwh: '0.115',
  pue: '1.2',
  slaSchedule: [{ availabilityBelowPercent: '99.9', creditPercent: '10' }],
};

export const invoicingBench: BenchGroup = {
  name: 'invoicing',
  async run() {
    const directory = mkdtempSync(join(tmpdir(), 'cadran-bench-invoicing-'));
    try {
      const store = createSqliteEventStore({
        path: join(directory, 'cadran.db'),
        synchronous: 'NORMAL',
      });
      const db = store.database;
      const runner = createProjectionRunner({
        store,
        db,
        projections: createReadModelProjections(),
      });
      const queries = createReadModelQueries(db);
      await runner.start();
      const append = async (stream: string, events: DomainEvent[]) =>
        store.appendToStream(
          stream,
          events.map((e) => toStored(e)),
        );
      await append('site-bru-1', [
        {
          type: 'SiteRegistered',
          data: {
            siteId: 'bru-1',
            name: 'Bench',
            countryCode: 'FR',
            timeZone: 'Europe/Paris',
            powerCapacityKw: '1000000',
            gpuInventory: [{ gpuModel: 'GB300', count: 1_000_000 }],
          },
        },
      ]);
      let last = -1n;
      for (let c = 0; c < CONTRACTS; c++) {
        const contractId = `c-${c}`;
        const tenantId = `t-${c}`;
        await append(`tenant-${tenantId}`, [
          {
            type: 'TenantOnboarded',
            data: {
              tenantId,
              name: `Tenant ${c}`,
              countryCode: 'FR',
              vatId: null,
              address: `${c} rue de Paris`,
              partnerId: null,
            },
          },
        ]);
        await append(`contract-${contractId}`, [
          drafted({ contractId, tenantId, rateCard }),
          signed(contractId),
        ]);
        last = (
          await append('site-bru-1', [
            {
              type: 'CapacityReserved',
              data: {
                reservationId: `r-${c}`,
                siteId: 'bru-1',
                contractId,
                tenantId,
                gpuModel: 'GB300',
                gpuCount: 8,
                startsAt: '2026-02-28T23:00:00Z',
                endsAt: '2026-03-31T22:00:00Z',
              },
            },
          ])
        ).lastPosition;
      }
      await runner.waitForPosition(last, 120_000);

      const loadStarted = performance.now();
      const insertRecord = db.prepare(
        "INSERT INTO rm_usage_records VALUES (?, ?, ?, 'bru-1', 'GB300', ?, ?, '1.5', 1500000, ?)",
      );
      const insertHour = db.prepare(
        "INSERT INTO rm_usage_hourly VALUES (?, ?, 'bru-1', 'GB300', ?, ?, ?)",
      );
      const loadContract = db.transaction((c: number) => {
        const contractId = `c-${c}`;
        const tenantId = `t-${c}`;
        const perHour = new Array<number>(MARCH_HOURS).fill(0);
        const eventId = randomUUID();
        for (let i = 0; i < RECORDS_PER_CONTRACT; i++) {
          const hour = i % MARCH_HOURS;
          perHour[hour]!++;
          const startMs = MARCH_START_MS + hour * 3_600_000;
          insertRecord.run(
            contractId,
            `u-${contractId}-${String(i).padStart(6, '0')}`,
            tenantId,
            startMs,
            startMs + 3_600_000,
            eventId,
          );
        }
        perHour.forEach((count, hour) =>
          insertHour.run(
            tenantId,
            MARCH_START_MS / 3_600_000 + hour,
            contractId,
            count * 1_500_000,
            count,
          ),
        );
      });
      for (let c = 0; c < CONTRACTS; c++) loadContract(c);
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      console.log(
        `  loaded ${CONTRACTS * RECORDS_PER_CONTRACT} usage records into the read models in ${loadSeconds.toFixed(1)} s`,
      );

      const service = createInvoicingService({
        store,
        queries,
        readDb: db,
        clock: () => '2026-04-02T09:00:00Z',
        newId: randomUUID,
        operator: operatorFromEnv({}),
      });
      const started = performance.now();
      const batch = await service.runInvoiceBatch(PERIOD);
      const seconds = (performance.now() - started) / 1000;
      if (batch.invoices.length !== CONTRACTS)
        throw new Error(`drafted ${batch.invoices.length} invoices, expected ${CONTRACTS}`);
      const onDemand = batch.invoices[0]!.lines.find((line) => line.kind === 'ON_DEMAND_USAGE');
      if (onDemand?.sources.recordCount !== RECORDS_PER_CONTRACT)
        throw new Error('provenance does not cover every record');
      const rerunStarted = performance.now();
      await service.runInvoiceBatch(PERIOD);
      const rerun = (performance.now() - rerunStarted) / 1000;
      console.log(
        `  batch ${seconds.toFixed(2)} s (${batch.invoices.length} drafts, total ${batch.total}); run again ${rerun.toFixed(2)} s`,
      );
      await service.close();
      await runner.stop();
      await store.close();
      return {
        'invoicing.batch.seconds': seconds,
        'invoicing.batch_rerun.seconds': rerun,
        'invoicing.batch.drafts_per_s': CONTRACTS / seconds,
      };
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  },
};
