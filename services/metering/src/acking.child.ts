/**
 * A writer to kill: `tsx acking.child.ts <db> <registry db> <from> <to> <batch>` sends usage records
 * from..to-1 in batches and prints "acked <n>" once the records before n are answered, until killed.
 */
import { createSqliteEventStore } from '@cadran/event-store';
import { createMeteringService } from './metering-service.js';
import { usageRecord } from './reference-data.test-support.js';

const [path, registryPath, from, to, batch] = process.argv.slice(2);
const store = createSqliteEventStore({ path: path! });
const service = createMeteringService({ store, registryPath: registryPath! });
for (let start = Number(from); start < Number(to); start += Number(batch)) {
  const records = [];
  for (let n = start; n < Math.min(start + Number(batch), Number(to)); n++)
    records.push(usageRecord(n));
  const result = await service.recordGpuUsage(records);
  if (result.rejected.length > 0) throw new Error(JSON.stringify(result.rejected[0]));
  console.log(`acked ${start + records.length}`);
}
await service.close();
await store.close();
console.log('done');
