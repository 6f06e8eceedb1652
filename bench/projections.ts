/**
 * Read-model figures on the embedded store (real temp files): the projection runner catching up
 * over 1,000,000 GpuUsageRecorded events (store at synchronous=FULL, as the platform runs it; the
 * runner commits its own batches at NORMAL),
 * and the usage report the gateway serves (a tenant's month in days, 2 GPU models) straight from
 * the read models, without HTTP: repeated (cached per tenant version) and each time a new question.
 */
import { streams, toStored, type GpuUsageRecorded } from '@cadran/domain';
import { createSqliteEventStore } from '@cadran/event-store';
import {
  createProjectionRunner,
  createReadModelProjections,
  createReadModelQueries,
} from '@cadran/projections';
import { withTempDir } from '@cadran/domain/testing';
import type { BenchGroup } from './group.js';

const TOTAL = 1_000_000;
const BATCH = 1_000;
const SITES = ['bru-1', 'par-2', 'mrs-3'];
const TENANTS = ['mistral', 'kyutai', 'hlabs', 'poolside', 'photoroom', 'lighton'];
const MODELS = ['GB300', 'H200'];
const HOUR = 3_600_000;
const START = Date.parse('2026-01-01T00:00:00Z');

/**
 * Metering as a site sends it: per tenant and model, one record per hour of a few hundred GPUs,
 * with some quarter-hours and some records across two hours; one tenant in six unbilled.
 */
export function usageEvent(n: number): GpuUsageRecorded {
  const site = SITES[n % SITES.length]!;
  const tenant = TENANTS[Math.floor(n / SITES.length) % TENANTS.length]!;
  const gpuModel = MODELS[Math.floor(n / (SITES.length * TENANTS.length)) % MODELS.length]!;
  const slot = Math.floor(n / (SITES.length * TENANTS.length * MODELS.length));
  const startedAt = START + slot * (HOUR / 4);
  const span = n % 10 === 0 ? 2 * HOUR : n % 3 === 0 ? HOUR / 4 : HOUR;
  const gpus = 200 + (n % 97);
  const gpuHours = ((gpus * span) / HOUR - (n % 7) / 1000).toFixed(3);
  return {
    type: 'GpuUsageRecorded',
    data: {
      recordId: `rec-${n.toString(36).padStart(8, '0')}`,
      tenantId: tenant,
      siteId: site,
      gpuModel,
      startedAt: new Date(startedAt).toISOString(),
      endedAt: new Date(startedAt + span).toISOString(),
      gpuHours,
      contractId: tenant === 'lighton' ? null : `c-${tenant}-${site}`,
    },
  };
}

export async function fillLog(path: string): Promise<void> {
  const store = createSqliteEventStore({ path, synchronous: 'NORMAL' });
  for (let batch = 0; batch < TOTAL / BATCH; batch++) {
    const events = [];
    for (let i = 0; i < BATCH; i++) events.push(toStored(usageEvent(batch * BATCH + i)));
    await store.appendToStream(streams.usage(SITES[batch % SITES.length]!), events);
  }
  await store.close();
}

async function catchUp(
  path: string,
): Promise<{ eventsPerSecond: number; reportsPerSecond: number; coldReportsPerSecond: number }> {
  const store = createSqliteEventStore({ path });
  const runner = createProjectionRunner({
    store,
    db: store.database,
    projections: createReadModelProjections(),
  });
  const started = performance.now();
  await runner.start();
  const seconds = (performance.now() - started) / 1000;
  await runner.stop();
  const head = await store.headPosition();
  if (runner.position !== head) throw new Error(`caught up to ${runner.position}, head is ${head}`);

  const queries = createReadModelQueries(store.database);
  const query = {
    tenantId: 'mistral',
    from: '2026-03-01T00:00:00+01:00',
    to: '2026-03-31T00:00:00+02:00',
    granularity: 'DAY' as const,
    timeZone: 'Europe/Paris',
  };
  const report = queries.usageReport(query);
  if (report.byModel.length !== 2 || report.series.length !== 60) {
    throw new Error(
      `unexpected report: ${report.byModel.length} models, ${report.series.length} buckets`,
    );
  }
  const reports = 2_000;
  let queryStarted = performance.now();
  for (let i = 0; i < reports; i++) queries.usageReport(query);
  const reportsPerSecond = reports / ((performance.now() - queryStarted) / 1000);
  // Every question new (another end instant): no cached report, no cached calendar.
  const to = Date.parse(query.to);
  queryStarted = performance.now();
  for (let i = 0; i < reports; i++)
    queries.usageReport({ ...query, to: new Date(to + i * 1000).toISOString() });
  const coldReportsPerSecond = reports / ((performance.now() - queryStarted) / 1000);
  await store.close();
  return { eventsPerSecond: TOTAL / seconds, reportsPerSecond, coldReportsPerSecond };
}

export const projectionsBench: BenchGroup = {
  name: 'projections',
  run: () =>
    withTempDir('cadran-bench-projections-', async (temp) => {
      const path = temp.file('cadran.db');
      await fillLog(path);
      const { eventsPerSecond, reportsPerSecond, coldReportsPerSecond } = await catchUp(path);
      return {
        'projections.catchup.events_per_s': eventsPerSecond,
        'projections.usage_report.repeated_in_process_per_s': reportsPerSecond,
        'projections.usage_report.cold_in_process_per_s': coldReportsPerSecond,
      };
    }),
};
