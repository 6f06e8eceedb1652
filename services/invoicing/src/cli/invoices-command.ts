import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import Table from 'cli-table3';
import { serviceSession, type OpenedService, type ServiceCommandDeps } from '@cadran/cli';
import type { InvoicingService } from '../invoicing-service.js';
import { exportRows, toCsv } from './export-rows.js';
import { formatInvoice } from './format-invoice.js';
import { batchDocuments } from './batch-documents.js';
import { createProgressPrinter } from './progress-printer.js';
import { printable } from '@cadran/domain';

/** The service over a data store, and how to let it go. */
export type OpenedInvoicing = OpenedService<InvoicingService>;

export type InvoicesCommandDeps = ServiceCommandDeps<InvoicingService> & {
  /** Whether stderr is a terminal (a progress bar) or not (progress lines); default process.stderr.isTTY. */
  stderrIsTTY?: boolean;
  /** Off a terminal, the least time between two progress lines of `run`; default 5 s. */
  progressEveryMs?: number;
};

const PROGRESS_EVERY_MS = 5_000;

/** `invoices run|issue|export|show`: finance's commands, mounted by the platform CLI. */
export function createInvoicesCommand(deps: InvoicesCommandDeps): Command {
  const { stdout, stderr, withService } = serviceSession(deps);

  const command = new Command('invoices').description(
    'Invoicing batches, issue, export and show (finance)',
  );

  command
    .command('run')
    .description('Price every contract active in the period as drafts (safe to run again)')
    .requiredOption('--period <YYYY-MM>', 'billing month, e.g. 2026-03')
    .action((options: { period: string }) =>
      withService(async (service) => {
        const progress = createProgressPrinter({
          tty: deps.stderrIsTTY ?? process.stderr.isTTY === true,
          write: stderr,
          everyMs: deps.progressEveryMs ?? PROGRESS_EVERY_MS,
        });
        const batch = await service
          .runInvoiceBatch(options.period, progress.onProgress)
          .finally(() => progress.stop());
        const table = new Table({
          head: ['Batch', 'Status', 'Invoices', 'Subtotal', 'VAT', 'Total'],
        });
        table.push([
          batch.id,
          batch.status,
          batch.invoices.length,
          batch.subtotal,
          batch.taxAmount,
          batch.total,
        ]);
        stdout(`${table.toString()}\n`);
      }),
    );

  command
    .command('issue')
    .description('Number and freeze every draft of a batch (safe to run again)')
    .requiredOption('--batch <id>', 'batch id, e.g. batch-2026-03')
    .action((options: { batch: string }) =>
      withService(async (service) => {
        const batch = await service.issueInvoices(options.batch);
        stdout(`${batch.result.message}\n`);
        const table = new Table({ head: ['Number', 'Contract', 'Billed', 'Total', 'Due'] });
        for (const invoice of batch.invoices) {
          table.push([
            invoice.number ?? '(draft)',
            invoice.contractId,
            invoice.billTo.name,
            invoice.total,
            invoice.dueAt ?? '',
          ]);
        }
        stdout(`${table.toString()}\n`);
      }),
    );

  command
    .command('export')
    .description('One row per invoice line of the period, for the accounting system')
    .requiredOption('--period <YYYY-MM>', 'billing month, e.g. 2026-03')
    .addOption(
      new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'),
    )
    .option('--status <status>', 'DRAFT or ISSUED (default: both)')
    .option('--output <file>', 'write to a file instead of stdout')
    .action(
      (options: {
        period: string;
        format: 'csv' | 'json';
        status?: 'DRAFT' | 'ISSUED';
        output?: string;
      }) =>
        withService(async (service) => {
          const rows = exportRows(
            service.invoices({ period: options.period, status: options.status }),
          );
          const text =
            options.format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : toCsv(rows);
          if (options.output) writeFileSync(options.output, text);
          else stdout(text);
        }),
    );

  command
    .command('show')
    .description('An invoice as finance reads it, with every mandatory mention')
    .argument('<number>', 'invoice number (INV-2026-000001) or id')
    .action((number: string) =>
      withService(async (service) => {
        const invoice = service.invoice(number);
        if (!invoice) {
          stderr(`error (NOT_FOUND): no invoice ${number}\n`);
          process.exitCode = 1;
          return;
        }
        // Parties' names and addresses from before the control-character check print visibly.
        stdout(printable(formatInvoice(invoice), true));
      }),
    );

  command
    .command('document')
    .description('Write the legal document of an issued invoice or credit note to a file')
    .argument('<number>', 'invoice or credit note number (INV-2026-000001, CN-2026-000001)')
    .addOption(
      new Option('--format <format>', 'facturx (PDF/A-3 with its XML) or cii (the XML alone)')
        .choices(['facturx', 'cii'])
        .default('facturx'),
    )
    .requiredOption('--out <file>', 'where to write it')
    .action((number: string, options: { format: 'facturx' | 'cii'; out: string }) =>
      withService(async (service) => {
        const document = await service.document(
          number,
          options.format === 'cii' ? 'CII' : 'FACTURX',
        );
        if (!document) {
          stderr(`error (NOT_FOUND): no issued invoice or credit note ${number}\n`);
          process.exitCode = 1;
          return;
        }
        writeFileSync(options.out, document.bytes);
        stdout(
          `${document.fileName} (${document.size} bytes, SHA-256 ${document.sha256}) written to ${options.out}\n`,
        );
      }),
    );

  command
    .command('documents')
    .description("A batch's documents (Factur-X PDF and CII XML of each issued invoice) as one zip")
    .requiredOption('--batch <id>', 'batch id, e.g. batch-2026-03')
    .requiredOption('--out <file>', 'the zip file to write')
    .action((options: { batch: string; out: string }) =>
      withService(async (service) => {
        const batch = service.invoiceBatch(options.batch);
        if (!batch) {
          stderr(`error (NOT_FOUND): no invoice batch ${options.batch}\n`);
          process.exitCode = 1;
          return;
        }
        const files = await batchDocuments(service, batch);
        writeFileSync(options.out, files.zip);
        stdout(
          `${files.count} documents of ${files.invoices} issued invoices written to ${options.out}\n`,
        );
      }),
    );

  return command;
}
