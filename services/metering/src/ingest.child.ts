/**
 * A separate writer for the multi-process test: `tsx ingest.child.ts <db> <from> <to> <batch>`
 * prints "ready", waits for a line on stdin, sends usage records from..to-1, prints its totals.
 */
import { createInterface } from 'node:readline';
import { createSqliteEventStore } from '@cadran/event-store';
import { createMeteringService } from './metering-service.js';
import { usageRecord } from './reference-data.test-support.js';

const [path, from, to, batch] = process.argv.slice(2);
const store = createSqliteEventStore({ path: path!, synchronous: 'NORMAL' });
const service = createMeteringService({ store });
const input = createInterface({ input: process.stdin });
const go = new Promise<void>((resolve) => input.once('line', () => resolve()));
console.log('ready');
await go;
input.close();

const totals = { accepted: 0, duplicates: 0, rejected: 0 };
for (let start = Number(from); start < Number(to); start += Number(batch)) {
  const records = [];
  for (let n = start; n < Math.min(start + Number(batch), Number(to)); n++)
    records.push(usageRecord(n));
  const result = await service.recordGpuUsage(records);
  totals.accepted += result.accepted;
  totals.duplicates += result.duplicates;
  totals.rejected += result.rejected.length;
}
await service.close();
await store.close();
console.log(JSON.stringify(totals));
