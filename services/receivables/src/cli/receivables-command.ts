import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Command, Option } from 'commander';
import Table from 'cli-table3';
import { serviceSession, type OpenedService, type ServiceCommandDeps } from '@cadran/cli';
import { badInput } from '@cadran/domain';
import type { PartyRef } from '@cadran/receivables';
import type { ReceivablesService } from '../receivables-service.js';

/** The service over a data store, and how to let it go. */
export type OpenedReceivables = OpenedService<ReceivablesService>;

export type ReceivablesCommandDeps = ServiceCommandDeps<ReceivablesService>;

const PARTY_ACCEPTED = 'a party as KIND:id, such as TENANT:mistral or PARTNER:fluidstack';

const partyOf = (text: string): PartyRef => {
  const [kind, partyId] = text.split(':');
  if ((kind !== 'TENANT' && kind !== 'PARTNER') || !partyId)
    throw badInput('--party', PARTY_ACCEPTED, text);
  return { kind, partyId };
};

/** `receivables import|unmatched|allocate|ageing|statement|remind`: finance's commands. */
export function createReceivablesCommand(deps: ReceivablesCommandDeps): Command {
  const { stdout, withService } = serviceSession(deps);
  const actor = { actor: 'cadran-cli' };

  const command = new Command('receivables').description(
    'Payments, bank statements, ageing, statements and reminders (finance)',
  );

  command
    .command('import')
    .description(
      'Import a bank statement (camt.053 XML or CSV); the same statement again writes nothing',
    )
    .argument('<file>', 'the statement file')
    .addOption(
      new Option(
        '--format <format>',
        'default: from the extension (.xml camt053, .csv csv)',
      ).choices(['camt053', 'csv']),
    )
    .action((file: string, options: { format?: 'camt053' | 'csv' }) =>
      withService(async (service) => {
        const format =
          options.format ?? (extname(file).toLowerCase() === '.csv' ? 'csv' : 'camt053');
        let content: string;
        try {
          content = readFileSync(file, 'utf8');
        } catch (error) {
          throw badInput(
            'file',
            'a readable statement file',
            `${file} (${(error as Error).message})`,
          );
        }
        const result = await service.importStatement(
          { format: format.toUpperCase(), content },
          actor,
        );
        stdout(
          `statement ${result.statementId}: ${result.entries} entries, ${result.newPayments.length} new payments, ${result.alreadyKnown.length} already known, ${result.skipped.length} skipped${result.position < 0n ? ' (nothing written)' : ''}\n`,
        );
        const table = new Table({
          head: ['Payment', 'Value date', 'Amount', 'Payer', 'State', 'Invoices'],
        });
        for (const id of result.newPayments) {
          const payment = service.payment(id);
          if (!payment) continue;
          table.push([
            payment.id,
            payment.valueDate,
            payment.amount,
            payment.payerName,
            payment.state,
            payment.allocations.map((a) => `${a.invoiceNumber} ${a.amount}`).join('\n'),
          ]);
        }
        if (result.newPayments.length > 0) stdout(`${table.toString()}\n`);
        for (const skipped of result.skipped)
          stdout(`skipped ${skipped.reference}: ${skipped.reason}\n`);
      }),
    );

  command
    .command('unmatched')
    .description('Payments waiting for finance to say whose they are')
    .action(() =>
      withService((service) => {
        const table = new Table({
          head: ['Payment', 'Value date', 'Amount', 'Payer', 'Remittance'],
        });
        for (const p of service.payments(null))
          table.push([p.id, p.valueDate, p.amount, p.payerName, p.remittance]);
        stdout(`${table.toString()}\n`);
      }),
    );

  command
    .command('allocate')
    .description('Allocate a payment to an invoice, or oldest due first for a party')
    .requiredOption('--payment <id>', 'the payment id')
    .option('--invoice <number>', 'the invoice number (omitted: oldest due first)')
    .option('--amount <euros>', 'at most what the payment holds and the invoice owes')
    .option('--party <KIND:id>', PARTY_ACCEPTED)
    .action((options: { payment: string; invoice?: string; amount?: string; party?: string }) =>
      withService(async (service) => {
        await service.allocatePayment(
          {
            paymentId: options.payment,
            party: options.party
              ? { kind: partyOf(options.party).kind, id: partyOf(options.party).partyId }
              : null,
            invoices: options.invoice
              ? [{ invoice: options.invoice, amount: options.amount ?? null }]
              : [],
          },
          actor,
        );
        const payment = service.payment(options.payment)!;
        stdout(
          `payment ${payment.id}: ${payment.state}, allocated ${payment.allocated}, unallocated ${payment.unallocated}\n`,
        );
      }),
    );

  command
    .command('ageing')
    .description('Outstanding by days past due, per party and in total')
    .option('--as-of <YYYY-MM-DD>', 'default: today in the operator time zone')
    .option('--party <KIND:id>', PARTY_ACCEPTED)
    .action((options: { asOf?: string; party?: string }) =>
      withService((service) => {
        const ageing = service.ageing(options.asOf, options.party ? partyOf(options.party) : null);
        const table = new Table({
          head: ['Party', 'Not yet due', '1-30', '31-60', '61-90', 'Over 90', 'Total'],
        });
        const cells = (a: typeof ageing.total) => [
          a.notYetDue,
          a.days1To30,
          a.days31To60,
          a.days61To90,
          a.over90,
          a.total,
        ];
        for (const row of ageing.parties)
          table.push([`${row.partyName} (${row.party.kind}:${row.party.partyId})`, ...cells(row)]);
        table.push(['Total', ...cells(ageing.total)]);
        stdout(`ageing as of ${ageing.asOf}\n${table.toString()}\n`);
      }),
    );

  command
    .command('statement')
    .description("A party's statement between two dates")
    .requiredOption('--party <KIND:id>', PARTY_ACCEPTED)
    .requiredOption('--from <YYYY-MM-DD>', 'first day')
    .requiredOption('--to <YYYY-MM-DD>', 'last day')
    .action((options: { party: string; from: string; to: string }) =>
      withService((service) => {
        const statement = service.statement(partyOf(options.party), options.from, options.to);
        const table = new Table({
          head: ['Date', 'Kind', 'Reference', 'Debit', 'Credit', 'Balance'],
        });
        for (const e of statement.entries)
          table.push([e.date, e.kind, e.reference, e.debit, e.credit, e.balance]);
        stdout(
          `statement of ${options.party}, ${statement.from} to ${statement.to}\nbalance brought forward ${statement.openingBalance}\n${table.toString()}\nbalance carried ${statement.closingBalance}\n`,
        );
      }),
    );

  command
    .command('remind')
    .description('Issue the payment reminders due today (each step once per invoice)')
    .action(() =>
      withService(async (service) => {
        const { events } = await service.issueReminders(undefined, actor);
        stdout(`${events.length} reminders issued\n`);
        for (const event of events) {
          const r = event.data as { invoiceNumber: string; step: string; remaining: string };
          stdout(`${r.invoiceNumber} ${r.step} ${r.remaining}\n`);
        }
      }),
    );
  return command;
}
