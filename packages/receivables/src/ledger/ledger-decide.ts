import { badInput, clip, conflict, notFound } from '@cadran/domain';
import { byOldestDue, spread, type PlannedAllocation } from '../allocation.js';
import {
  activeAllocations,
  copyBook,
  creditBalance,
  evolveBook,
  partyInvoices,
  reminderKey,
  remaining,
  unallocated,
  type Book,
  type Payment,
} from '../book.js';
import type { PaymentData, PaymentReceived, ReceivablesEvent } from '../events.js';
import { sameParty, type InvoiceFacts, type PartyRef } from '../facts.js';
import { localDate } from '../dates.js';
import { lateCharges } from '../late-charges.js';
import { formatMoney, minMoney, money, sumMoney } from '../money.js';
import { reachedStep, REMINDER_SCHEDULE, stepIndex } from '../reminders.js';
import { invoiceNumbersIn } from '../remittance.js';
import type {
  AllocatePayment,
  IssueLateCharges,
  ImportStatement,
  LedgerCommand,
  RecordPayment,
  RefundCredit,
  ReturnPayment,
  ReverseAllocation,
} from './ledger-commands.js';

const describeParty = (party: PartyRef) => `${party.kind.toLowerCase()} ${party.partyId}`;

/** Decides on a working copy, evolving it as events are produced, so later steps see earlier ones. */
class Decision {
  readonly events: ReceivablesEvent[] = [];
  readonly book: Book;
  constructor(book: Book) {
    this.book = copyBook(book);
  }
  emit(event: ReceivablesEvent) {
    this.events.push(event);
    evolveBook(this.book, event);
  }
  allocate(payment: Payment, party: PartyRef, planned: PlannedAllocation[], at: string) {
    let n = payment.allocationIds.length;
    for (const { invoice, amount, rule } of planned) {
      n += 1;
      this.emit({
        type: 'PaymentAllocated',
        data: {
          allocationId: `${payment.paymentId}.${n}`,
          paymentId: payment.paymentId,
          invoiceId: invoice.invoiceId,
          invoiceNumber: invoice.number,
          party,
          amount: formatMoney(amount),
          rule,
          allocatedAt: at,
        },
      });
    }
  }
}

const samePaymentData = (recorded: Payment, asked: PaymentData & { party?: PartyRef | null }) =>
  recorded.amount === asked.amount &&
  recorded.valueDate === asked.valueDate &&
  recorded.payerName === asked.payerName &&
  recorded.payerAccount === asked.payerAccount &&
  recorded.bankReference === asked.bankReference &&
  recorded.endToEndId === asked.endToEndId &&
  recorded.remittance === asked.remittance;

const openInvoicesOf = (book: Book, party: PartyRef): InvoiceFacts[] =>
  partyInvoices(book, party)
    .filter((invoice) => remaining(book, invoice).greaterThan(0))
    .sort(byOldestDue);

/**
 * A new payment, and its allocation by the rule of docs/receivables.md: to the issued invoices
 * the remittance names, when it names some and they are all of one party (the payer's, if said);
 * otherwise, when the payer is known, to its open invoices oldest due first; otherwise to nothing
 * (it waits, unmatched, for finance). What is left over is the party's credit.
 */
function receive(decision: Decision, data: RecordPayment['data'], at: string) {
  const named = invoiceNumbersIn(data.remittance)
    .map((number) => decision.book.invoiceByNumber.get(number))
    .map((id) => (id === undefined ? undefined : decision.book.invoices.get(id)))
    .filter((invoice): invoice is InvoiceFacts => invoice !== undefined);
  const namedParty = named[0]?.party ?? null;
  const byRemittance =
    namedParty !== null &&
    named.every((invoice) => sameParty(invoice.party, namedParty)) &&
    (data.party === null || sameParty(data.party, namedParty));
  const party = byRemittance ? namedParty : data.party;
  const event: PaymentReceived = {
    type: 'PaymentReceived',
    data: { ...data, party, receivedAt: at },
  };
  decision.emit(event);
  if (party === null) return;
  const payment = decision.book.payments.get(data.paymentId)!;
  const planned = byRemittance
    ? spread(decision.book, named, money(data.amount), 'REMITTANCE')
    : spread(decision.book, openInvoicesOf(decision.book, party), money(data.amount), 'OLDEST_DUE');
  decision.allocate(payment, party, planned, at);
}

function recordPayment(command: RecordPayment, book: Book): ReceivablesEvent[] {
  const recorded = book.payments.get(command.data.paymentId);
  if (recorded) {
    if (samePaymentData(recorded, command.data)) return [];
    throw conflict(
      `payment ${command.data.paymentId} already exists with other details; choose another id or send the same details again`,
      'id',
    );
  }
  const decision = new Decision(book);
  receive(decision, command.data, command.at);
  return decision.events;
}

function importStatement(command: ImportStatement, book: Book): ReceivablesEvent[] {
  const { payments, ...statement } = command.data;
  if (book.statements.has(statement.statementId)) return [];
  const decision = new Decision(book);
  const newPayments: string[] = [];
  const alreadyKnown: string[] = [];
  for (const payment of payments) {
    const recorded = decision.book.payments.get(payment.paymentId);
    if (recorded) {
      if (!samePaymentData(recorded, payment))
        throw conflict(
          `statement ${statement.statementId}: entry ${payment.bankReference ?? payment.paymentId} was recorded before as payment ${payment.paymentId} with other details; nothing was imported`,
          'statement',
        );
      alreadyKnown.push(payment.paymentId);
      continue;
    }
    receive(decision, { ...payment, party: null }, command.at);
    newPayments.push(payment.paymentId);
  }
  // Every entry already known (under another statement id too): nothing changes, nothing is written.
  if (newPayments.length === 0) return [];
  decision.emit({
    type: 'BankStatementImported',
    data: { ...statement, newPayments, alreadyKnown, importedAt: command.at },
  });
  return decision.events;
}

function findPayment(book: Book, paymentId: string): Payment {
  const payment = book.payments.get(paymentId);
  if (!payment) throw notFound(`no payment ${clip(paymentId)}`, 'paymentId');
  if (payment.returned)
    throw conflict(
      `payment ${paymentId} was returned on ${payment.returned.returnDate} (${payment.returned.reason}); it holds nothing to allocate`,
      'paymentId',
    );
  return payment;
}

function findInvoice(book: Book, idOrNumber: string, field: string): InvoiceFacts {
  const invoice =
    book.invoices.get(idOrNumber) ?? book.invoices.get(book.invoiceByNumber.get(idOrNumber) ?? '');
  if (!invoice) throw notFound(`no issued invoice ${clip(idOrNumber)}`, field);
  return invoice;
}

function allocatePayment(command: AllocatePayment, book: Book): ReceivablesEvent[] {
  const { paymentId, invoices } = command.data;
  const payment = findPayment(book, paymentId);
  const targets = invoices.map((entry, index) => ({
    invoice: findInvoice(book, entry.invoice, `invoices[${index}].invoice`),
    amount: entry.amount,
    index,
  }));
  const party = command.data.party ?? payment.party ?? targets[0]?.invoice.party ?? null;
  if (party === null)
    throw badInput(
      'party',
      'the party the payment is from, or the invoices it pays',
      command.data.party,
    );
  if (payment.party !== null && !sameParty(payment.party, party))
    throw conflict(
      `payment ${paymentId} is from ${describeParty(payment.party)}, not ${describeParty(party)}`,
      'party',
    );
  for (const target of targets) {
    if (!sameParty(target.invoice.party, party))
      throw notFound(
        `no issued invoice ${invoices[target.index]!.invoice} billed to ${describeParty(party)}`,
        `invoices[${target.index}].invoice`,
      );
  }
  const decision = new Decision(book);
  if (payment.party === null)
    decision.emit({
      type: 'PaymentAttributed',
      data: { paymentId, party, attributedAt: command.at },
    });
  const available = () =>
    minMoney(
      unallocated(decision.book, decision.book.payments.get(paymentId)!),
      creditBalance(decision.book, party),
    );
  if (targets.length === 0) {
    decision.allocate(
      payment,
      party,
      spread(decision.book, openInvoicesOf(decision.book, party), available(), 'OLDEST_DUE'),
      command.at,
    );
    return decision.events;
  }
  for (const target of targets) {
    const left = remaining(decision.book, target.invoice);
    const holds = available();
    const field = `invoices[${target.index}].amount`;
    const amount = target.amount === null ? minMoney(left, holds) : money(target.amount);
    if (amount.greaterThan(left))
      throw badInput(
        field,
        `at most ${formatMoney(left)}, what remains of ${target.invoice.number}`,
        target.amount,
      );
    if (amount.greaterThan(holds))
      throw badInput(
        field,
        `at most ${formatMoney(holds)}, what payment ${paymentId} still holds`,
        target.amount,
      );
    if (!amount.greaterThan(0)) continue;
    decision.allocate(
      decision.book.payments.get(paymentId)!,
      party,
      [{ invoice: target.invoice, amount, rule: 'MANUAL' }],
      command.at,
    );
  }
  return decision.events;
}

function reverseAllocation(command: ReverseAllocation, book: Book): ReceivablesEvent[] {
  const allocation = book.allocations.get(command.data.allocationId);
  if (!allocation)
    throw notFound(`no allocation ${clip(command.data.allocationId)}`, 'allocationId');
  if (allocation.reversed) return [];
  return [
    {
      type: 'AllocationReversed',
      data: {
        allocationId: allocation.allocationId,
        paymentId: allocation.paymentId,
        invoiceId: allocation.invoiceId,
        amount: allocation.amount,
        reason: command.data.reason,
        effectiveDate: command.data.effectiveDate,
        reversedAt: command.at,
      },
    },
  ];
}

function returnPayment(command: ReturnPayment, book: Book): ReceivablesEvent[] {
  const payment = book.payments.get(command.data.paymentId);
  if (!payment) throw notFound(`no payment ${clip(command.data.paymentId)}`, 'paymentId');
  if (payment.returned) return [];
  if (command.data.returnDate < payment.valueDate)
    throw badInput(
      'returnDate',
      `a date on or after the payment's value date ${payment.valueDate}`,
      command.data.returnDate,
    );
  const { reason, returnDate } = command.data;
  return [
    ...activeAllocations(book, payment).map((allocation): ReceivablesEvent => ({
      type: 'AllocationReversed',
      data: {
        allocationId: allocation.allocationId,
        paymentId: payment.paymentId,
        invoiceId: allocation.invoiceId,
        amount: allocation.amount,
        reason: `payment returned: ${reason}`,
        effectiveDate: returnDate,
        reversedAt: command.at,
      },
    })),
    {
      type: 'PaymentReturned',
      data: { paymentId: payment.paymentId, reason, returnDate, returnedAt: command.at },
    },
  ];
}

function refundCredit(command: RefundCredit, book: Book): ReceivablesEvent[] {
  const recorded = book.refunds.get(command.data.refundId);
  const asked = { ...command.data };
  if (recorded) {
    const { refundedAt: _at, ...same } = recorded;
    if (JSON.stringify(same) === JSON.stringify(asked)) return [];
    throw conflict(
      `refund ${command.data.refundId} already exists with other details; choose another id or send the same details again`,
      'id',
    );
  }
  const balance = creditBalance(book, command.data.party);
  if (money(command.data.amount).greaterThan(balance))
    throw badInput(
      'amount',
      `at most ${formatMoney(balance)}, the credit balance of ${describeParty(command.data.party)}`,
      command.data.amount,
    );
  return [{ type: 'CreditRefunded', data: { ...asked, refundedAt: command.at } }];
}

/** One reminder per unpaid invoice that reached a step not yet sent (nor any later one). */
function issueReminders(at: string, book: Book): ReceivablesEvent[] {
  const events: ReceivablesEvent[] = [];
  const invoices = [...book.invoices.values()].sort(byOldestDue);
  for (const invoice of invoices) {
    const left = remaining(book, invoice);
    if (!left.greaterThan(0)) continue;
    const reached = reachedStep(invoice, at);
    if (!reached) continue;
    const sentLater = REMINDER_SCHEDULE.slice(stepIndex(reached.step)).some(({ step }) =>
      book.reminders.has(reminderKey(invoice.invoiceId, step)),
    );
    if (sentLater) continue;
    events.push({
      type: 'PaymentReminderIssued',
      data: {
        reminderId: `${invoice.invoiceId}.${reached.step}`,
        invoiceId: invoice.invoiceId,
        invoiceNumber: invoice.number,
        party: invoice.party,
        step: reached.step,
        stepDate: reached.stepDate,
        dueDate: reached.dueDate,
        remaining: formatMoney(left),
        issuedAt: at,
      },
    });
  }
  return events;
}

export const LATE_CHARGES_MENTION =
  "Indemnités de retard de paiement (Code de commerce, art. L441-10 et D441-5) : hors du champ d'application de la TVA (CGI, art. 256)";

/**
 * The late-payment charges of an invoice not yet claimed, as a document of the `LPC` series: the
 * interest computed as of `asOf` less what earlier documents claimed, and the €40 indemnity if no
 * earlier document did. Nothing new to claim: nothing written.
 */
function issueLateCharges(command: IssueLateCharges, book: Book): ReceivablesEvent[] {
  const { asOf, documentId } = command.data;
  const invoice = findInvoice(book, command.data.invoice, 'invoice');
  if (invoice.kind === 'LATE_CHARGES')
    throw badInput(
      'invoice',
      'an invoice (late-charge documents bear no charges of their own)',
      invoice.number,
    );
  const earlier = book.lateChargeDocuments.filter((doc) => doc.invoiceId === invoice.invoiceId);
  if (book.invoices.has(documentId)) return [];
  const charges = lateCharges(book, invoice, asOf);
  const interest = money(charges.interest).minus(
    sumMoney(earlier.map((doc) => money(doc.interest))),
  );
  const indemnity = earlier.some((doc) => money(doc.indemnity).greaterThan(0))
    ? money('0')
    : money(charges.indemnity);
  if (earlier.length === 0 && !money(charges.total).greaterThan(0))
    throw conflict(
      `${invoice.number} was not paid late as of ${asOf}: no late-payment charges to claim`,
      'invoice',
    );
  if (!interest.greaterThan(0) && !indemnity.greaterThan(0)) return [];
  const year = localDate(command.at, invoice.timeZone).slice(0, 4);
  const sequence =
    book.lateChargeDocuments.filter((doc) => doc.number.slice(4, 8) === year).length + 1;
  const lines = [
    ...(interest.greaterThan(0)
      ? [
          {
            description: `Late-payment interest on ${invoice.number} at ${charges.ratePercent} % a year to ${asOf}`,
            amount: formatMoney(interest),
          },
        ]
      : []),
    ...(indemnity.greaterThan(0)
      ? [
          {
            description: `Fixed recovery indemnity on ${invoice.number}`,
            amount: formatMoney(indemnity),
          },
        ]
      : []),
  ];
  return [
    {
      type: 'LateChargesInvoiced',
      data: {
        documentId,
        number: `LPC-${year}-${String(sequence).padStart(6, '0')}`,
        invoiceId: invoice.invoiceId,
        invoiceNumber: invoice.number,
        party: invoice.party,
        partyName: invoice.partyName,
        tenantId: invoice.tenantId,
        asOf,
        lines,
        interest: formatMoney(interest),
        indemnity: formatMoney(indemnity),
        taxAmount: '0.00',
        total: formatMoney(interest.plus(indemnity)),
        vatCategory: 'O',
        mention: LATE_CHARGES_MENTION,
        timeZone: invoice.timeZone,
        issuedAt: command.at,
      },
    },
  ];
}

export function decideLedger(command: LedgerCommand, book: Book): ReceivablesEvent[] {
  switch (command.type) {
    case 'RecordPayment':
      return recordPayment(command, book);
    case 'ImportStatement':
      return importStatement(command, book);
    case 'AllocatePayment':
      return allocatePayment(command, book);
    case 'ReverseAllocation':
      return reverseAllocation(command, book);
    case 'ReturnPayment':
      return returnPayment(command, book);
    case 'RefundCredit':
      return refundCredit(command, book);
    case 'IssueReminders':
      return issueReminders(command.at, book);
    case 'IssueLateCharges':
      return issueLateCharges(command, book);
  }
}
