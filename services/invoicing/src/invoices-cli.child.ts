/** Test entry: the finance commands mounted as the platform CLI mounts them (`cadran invoices …`), over CADRAN_DATA_DIR. */
import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { createInvoicesCommand } from './cli/invoices-command.js';
import { openHarness } from './harness.test-support.js';

const open = async () => {
  const h = await openHarness(process.env.CADRAN_DATA_DIR, { realClock: true, newId: randomUUID });
  return { service: h.service, close: () => h.close(true) };
};
await new Command('cadran').addCommand(createInvoicesCommand({ open })).parseAsync(process.argv);
