/**
 * Benchmark child: `tsx service-ingest.ts <total>` records usage through the service on the
 * embedded store (synchronous FULL, the default) in batches of 1,000 and prints
 * {"records_per_s": n}. Records are prepared before the clock starts.
 */
import { createSqliteEventStore } from '@cadran/event-store';
import { createMeteringService } from '../metering-service.js';
import { seedReferenceData, tempDir } from '../testing/reference-data.js';
import { randomUsageRecord } from './bench-records.js';

const total = Number(process.argv[2] ?? 1_000_000);
const BATCH = 1_000;
const temp = tempDir('cadran-bench-ingest-');
try {
  const store = createSqliteEventStore({ path: temp.file('cadran.db') });
  const service = createMeteringService({ store });
  await seedReferenceData(store);
  const batches = Array.from({ length: Math.ceil(total / BATCH) }, (_, b) =>
    Array.from({ length: Math.min(BATCH, total - b * BATCH) }, (_, i) => randomUsageRecord(b * BATCH + i)),
  );
  let accepted = 0;
  const started = performance.now();
  for (const batch of batches) accepted += (await service.recordGpuUsage(batch)).accepted;
  const seconds = (performance.now() - started) / 1000;
  if (accepted !== total) throw new Error(`expected ${total} accepted, got ${accepted}`);
  await service.close();
  await store.close();
  console.log(JSON.stringify({ records_per_s: total / seconds }));
} finally {
  temp.remove();
}
