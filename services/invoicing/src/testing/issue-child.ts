/**
 * Test child: `tsx issue-child.ts <dataDir> <batchId>...` issues the batches in order, again and
 * again until each is issued, printing one line per issue. Killed or raced by the tests.
 */
import { openEmbedded } from '../cli/open-embedded.js';

const [dataDir, ...batchIds] = process.argv.slice(2);
const embedded = await openEmbedded(dataDir);
for (const batchId of batchIds) {
  const batch = await embedded.service.issueInvoices(batchId);
  process.stdout.write(`${batchId} ${batch.result.issued.join(',') || '-'}\n`);
}
await embedded.close();
