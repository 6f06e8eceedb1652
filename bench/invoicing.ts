/**
 * `invoicing.batch.seconds`: a batch over 1,000 contracts whose March 2026 holds 10,000,000
 * usage records, once the read models are current, through the real invoicing service.
 *
 * Contracts, tenants and reservations go through the real store and projection runner; the
 * 10M usage records go through the metered projection's own code (`createReadModelFeeder`, no
 * event store: appending them to the log would take far longer than the batch being measured).
 * One contract in ten bills in Asia/Kolkata (its month starts and ends at :30 UTC) and one in ten
 * has an amendment at 10:17:23 UTC: the hours holding those boundaries are priced from raw records.
 */
import { randomUUID } from 'node:crypto';
import { billingPeriod } from '@cadran/billing';
import { toStored, type DomainEvent } from '@cadran/domain';
import { drafted, signed, withTempDir } from '@cadran/domain/testing';
import { createSqliteEventStore } from '@cadran/event-store';
import type { BenchGroup } from './group.js';
import { createInvoicingService, DEMO_OPERATOR_ENV, operatorFromEnv } from '@cadran/invoicing';
import {
  createProjectionRunner,
  createReadModelProjections,
  createReadModelQueries,
} from '@cadran/projections';
import { createReadModelFeeder } from '@cadran/projections/testing';

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 1_000);
const RECORDS_PER_CONTRACT = 10_000;
const PERIOD = '2026-03';
const MARCH_START_MS = Date.parse('2026-02-28T23:00:00Z');
const MARCH_HOURS = 743;
const AMENDED_AT = '2026-03-15T10:17:23Z';
const zoneOf = (c: number) => (c % 10 === 1 ? 'Asia/Kolkata' : 'Europe/Paris');
const amended = (c: number) => c % 10 === 2;

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
  run: () =>
    withTempDir('cadran-bench-invoicing-', async (temp) => {
      const store = createSqliteEventStore({
        path: temp.file('cadran.db'),
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
          {
            type: 'PartyDetailsUpdated',
            data: {
              kind: 'TENANT',
              partyId: tenantId,
              siren: String(100000000 + c),
              vatId: null,
              postalAddress: {
                line1: `${c} rue de Paris`,
                line2: null,
                postcode: '75001',
                city: 'Paris',
                countryCode: 'FR',
              },
              electronicAddress: { scheme: '0225', value: String(100000000 + c) },
              updatedAt: '2026-01-01T00:00:00Z',
            },
          },
        ]);
        await append(`contract-${contractId}`, [
          drafted({ contractId, tenantId, rateCard, billingTimeZone: zoneOf(c) }),
          signed(contractId),
          ...(amended(c)
            ? [
                {
                  type: 'ContractAmended' as const,
                  data: {
                    contractId,
                    amendmentId: `a-${c}`,
                    effectiveAt: AMENDED_AT,
                    rateCard: { ...rateCard, energyPricePerKwh: '0.12' },
                    amendedAt: '2026-03-01T00:00:00Z',
                  },
                },
              ]
            : []),
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
      const feeder = createReadModelFeeder(db);
      const hourStarts = Array.from({ length: MARCH_HOURS + 1 }, (_, hour) =>
        new Date(MARCH_START_MS + hour * 3_600_000).toISOString().replace('.000Z', 'Z'),
      );
      const loadContract = (c: number) => {
        const contractId = `c-${c}`;
        const events: DomainEvent[] = [];
        for (let i = 0; i < RECORDS_PER_CONTRACT; i++) {
          const hour = i % MARCH_HOURS;
          events.push({
            type: 'GpuUsageRecorded',
            data: {
              recordId: `u-${contractId}-${String(i).padStart(6, '0')}`,
              tenantId: `t-${c}`,
              siteId: 'bru-1',
              gpuModel: 'GB300',
              startedAt: hourStarts[hour]!,
              endedAt: hourStarts[hour + 1]!,
              gpuHours: '1.5',
              contractId,
            },
          });
        }
        feeder.feed(events);
      };
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
        operator: operatorFromEnv(DEMO_OPERATOR_ENV),
      });
      const started = performance.now();
      const batch = await service.runInvoiceBatch(PERIOD);
      const seconds = (performance.now() - started) / 1000;
      if (batch.invoices.length !== CONTRACTS)
        throw new Error(`drafted ${batch.invoices.length} invoices, expected ${CONTRACTS}`);
      const onDemand = batch.invoices[0]!.lines.find((line) => line.kind === 'ON_DEMAND_USAGE');
      if (onDemand?.sources.recordCount !== RECORDS_PER_CONTRACT)
        throw new Error('provenance does not cover every record');
      let hours = 0;
      let rawHours = 0;
      for (let c = 0; c < CONTRACTS; c++) {
        const { start, end } = billingPeriod(PERIOD, zoneOf(c));
        const cuts = amended(c) ? [AMENDED_AT] : [];
        for (const kind of ['usage', 'energy'] as const) {
          const read = queries.meteredForBilling({
            kind,
            contractId: `c-${c}`,
            from: start,
            to: end,
            cuts,
          });
          hours += read.hourCount;
          rawHours += read.rawHourCount;
        }
      }
      console.log(
        `  hours priced from raw records: ${rawHours} of ${hours} (${((100 * rawHours) / hours).toFixed(3)} %)`,
      );
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
        'invoicing.batch.raw_hours_percent': (100 * rawHours) / hours,
      };
    }),
};
