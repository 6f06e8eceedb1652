/** Test entry: the finance commands mounted as the platform CLI mounts them (`cadran invoices …`). */
import { Command } from 'commander';
import { createInvoicesCommand } from '../cli/invoices-command.js';

await new Command('cadran').addCommand(createInvoicesCommand()).parseAsync(process.argv);
