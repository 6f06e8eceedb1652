/**
 * Benchmark child: `tsx service-ingest.ts <total>` records usage through the service on the
 * embedded store (synchronous FULL, the default) in batches of 1,000 and prints
 * {"records_per_s": n, "cpu_us_per_record": n}. Records are made
 * outside the clock, one batch at a time.
 */
import { createSqliteEventStore } from '@cadran/event-store';
import { createMeteringService } from '../metering-service.js';
import { seedReferenceData, tempDir } from '../reference-data.test-support.js';
import { randomUsageRecord } from './bench-records.js';

const total = Number(process.argv[2] ?? 1_000_000);
const BATCH = 1_000;
const temp = tempDir('cadran-bench-ingest-');
try {
  const store = createSqliteEventStore({ path: temp.file('cadran.db') });
  const service = createMeteringService({ store });
  await seedReferenceData(store);
  let accepted = 0;
  let seconds = 0;
  let cpuMicros = 0;
  for (let start = 0; start < total; start += BATCH) {
    // Each batch is made just before its call and only the call is timed: half a million records
    // held at once would only make the garbage collector of this process work more.
    const batch = Array.from({ length: Math.min(BATCH, total - start) }, (_, i) =>
      randomUsageRecord(start + i),
    );
    const cpuBefore = process.cpuUsage();
    const before = performance.now();
    accepted += (await service.recordGpuUsage(batch)).accepted;
    seconds += (performance.now() - before) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    cpuMicros += cpu.user + cpu.system;
  }
  if (accepted !== total) throw new Error(`expected ${total} accepted, got ${accepted}`);
  await service.close();
  await store.close();
  // CPU time per record too: on a loaded machine it says more than the wall clock.
  console.log(
    JSON.stringify({ records_per_s: total / seconds, cpu_us_per_record: cpuMicros / total }),
  );
} finally {
  temp.remove();
}
