/**
 * Test child: `tsx issue.child.ts <dataDir> <batchId>...` issues the batches in order, again and
 * again until each is issued, printing one line per issue. Killed or raced by the tests.
 */
import { randomUUID } from 'node:crypto';
import { openHarness } from './harness.test-support.js';

const [dataDir, ...batchIds] = process.argv.slice(2);
const h = await openHarness(dataDir, { realClock: true, newId: randomUUID });
for (const batchId of batchIds) {
  const batch = await h.service.issueInvoices(batchId);
  process.stdout.write(`${batchId} ${batch.result.issued.join(',') || '-'}\n`);
}
await h.close(true);
