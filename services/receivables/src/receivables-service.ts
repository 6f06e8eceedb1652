import type { Database } from 'better-sqlite3';
import { badInput, clip, notFound, runCommand } from '@cadran/domain';
import type { EventStore } from '@cadran/event-store';
import {
  ledgerDecider,
  localDate,
  parseCamt053,
  parseCsvStatement,
  RECEIVABLES_STREAM,
  type BankStatementImported,
  type LedgerCommand,
  type PartyRef,
  type ReceivablesEvent,
} from '@cadran/receivables';
import { createBookLedger } from './book-ledger.js';
import {
  amount,
  date,
  id,
  object,
  optionalParty,
  parseAllocations,
  parseRecordPayment,
  party,
  text,
} from './parse-commands.js';
import { createReceivablesQueries } from './receivables-queries.js';
import { startReceivablesProjection } from './receivables-projection.js';

export type ReceivablesServiceDeps = {
  store: EventStore;
  /** Where the read model and its checkpoint live (the platform's read-model database). */
  readDb: Database;
  /** Now, RFC 3339 UTC. */
  clock: () => string;
  /** The operator's time zone: "today" for statuses, ageing and reminders. */
  timeZone: string;
  /** Ids of late-charge documents when the client gives none. */
  newId: () => string;
};

/** A command's outcome: the entity it concerns and the log position to wait for (-1n: nothing written). */
export type Recorded = { id: string; position: bigint; events: ReceivablesEvent[] };

const MAX_REASON = 500;

/** Who asked, copied into the events' metadata. */
export type Meta = { actor?: string };

/**
 * Receivables: payments, allocations, returns, refunds, statement imports and reminders recorded
 * on the `receivables` stream, decided on the book folded from invoicing's issued invoices and
 * credit notes; queries on its own read model. Commands return once the read model shows them.
 */
export function createReceivablesService(deps: ReceivablesServiceDeps) {
  const projection = startReceivablesProjection(deps.store, deps.readDb);
  const ledger = createBookLedger(deps.store);
  const read = createReceivablesQueries(deps.readDb);
  const today = () => localDate(deps.clock(), deps.timeZone);
  const dateOr = (asOf: string | undefined) =>
    asOf === undefined ? today() : date({ asOf }, 'asOf');

  const run = async (
    command: (at: string) => LedgerCommand,
    entity: string,
    meta: Meta,
  ): Promise<Recorded> => {
    const { events, position } = await runCommand({
      subject: 'the receivables ledger',
      load: () => ledger.catchUp(),
      decide: ledgerDecider.decide,
      command: () => command(deps.clock()),
      append: (list, expectedRevision) =>
        deps.store.appendToStream(
          RECEIVABLES_STREAM,
          (list as ReceivablesEvent[]).map((event) => ({
            type: event.type,
            data: event.data,
            metadata: { schemaVersion: 1, ...(meta.actor ? { actor: meta.actor } : {}) },
          })),
          { expectedRevision },
        ),
    });
    const written = events as ReceivablesEvent[];
    if (written.length === 0) return { id: entity, position: -1n, events: [] };
    await projection.reached(position);
    return { id: entity, position, events: written };
  };

  return {
    async recordPayment(input: unknown, meta: Meta = {}) {
      const data = parseRecordPayment(input);
      return run((at) => ({ type: 'RecordPayment', data, at }), data.paymentId, meta);
    },
    /** A camt.053 (XML) or CSV statement; the same statement again writes nothing. */
    async importStatement(input: unknown, meta: Meta = {}) {
      const i = object(input, '{ format: CAMT053 or CSV, content }');
      if (i.format !== 'CAMT053' && i.format !== 'CSV')
        throw badInput('format', 'CAMT053 or CSV', i.format);
      if (typeof i.content !== 'string' || i.content.trim() === '')
        throw badInput('content', 'the statement file as text', i.content);
      const parsed =
        i.format === 'CAMT053' ? parseCamt053(i.content) : parseCsvStatement(i.content);
      const { payments, ...statement } = parsed;
      const recorded = await run(
        (at) => ({ type: 'ImportStatement', data: { ...statement, payments }, at }),
        parsed.statementId,
        meta,
      );
      const imported = recorded.events.find(
        (event): event is BankStatementImported => event.type === 'BankStatementImported',
      );
      return {
        ...recorded,
        statementId: parsed.statementId,
        format: parsed.format,
        account: parsed.account,
        entries: parsed.entries,
        newPayments: imported?.data.newPayments ?? [],
        alreadyKnown: imported?.data.alreadyKnown ?? payments.map((p) => p.paymentId),
        skipped: parsed.skipped,
      };
    },
    async allocatePayment(input: unknown, meta: Meta = {}) {
      const i = object(input, '{ paymentId, party?, invoices?: [{ invoice, amount? }] }');
      const data = {
        paymentId: id(i, 'paymentId'),
        party: optionalParty(i.party),
        invoices: parseAllocations(i.invoices),
      };
      return run((at) => ({ type: 'AllocatePayment', data, at }), data.paymentId, meta);
    },
    async reverseAllocation(input: unknown, meta: Meta = {}) {
      const i = object(input, '{ allocationId, reason, effectiveDate? }');
      if (typeof i.allocationId !== 'string' || i.allocationId.length > 100)
        throw badInput(
          'allocationId',
          'an allocation id such as "bank-2612200145873001.1"',
          i.allocationId,
        );
      const allocationId = i.allocationId;
      const data = {
        allocationId,
        reason: text(i, 'reason', MAX_REASON)!,
        effectiveDate: date(i, 'effectiveDate', today()),
      };
      const recorded = await run(
        (at) => ({ type: 'ReverseAllocation', data, at }),
        allocationId,
        meta,
      );
      const { state } = await ledger.catchUp();
      const allocation = state.allocations.get(allocationId);
      if (!allocation) throw notFound(`no allocation ${clip(allocationId)}`, 'allocationId');
      return { ...recorded, id: allocation.paymentId };
    },
    async returnPayment(input: unknown, meta: Meta = {}) {
      const i = object(input, '{ paymentId, reason, returnDate }');
      const data = {
        paymentId: id(i, 'paymentId'),
        reason: text(i, 'reason', MAX_REASON)!,
        returnDate: date(i, 'returnDate', today()),
      };
      return run((at) => ({ type: 'ReturnPayment', data, at }), data.paymentId, meta);
    },
    async refundCredit(input: unknown, meta: Meta = {}) {
      const i = object(input, '{ id, party, amount, valueDate, bankReference?, reason }');
      const data = {
        refundId: id(i, 'id'),
        party: party(i.party),
        amount: amount(i),
        valueDate: date(i, 'valueDate'),
        bankReference: text(i, 'bankReference', 140, false),
        reason: text(i, 'reason', MAX_REASON)!,
      };
      return run((at) => ({ type: 'RefundCredit', data, at }), data.refundId, meta);
    },
    /** The reminders due now (or at `asOf`), each step once per invoice. */
    async issueReminders(asOf?: string, meta: Meta = {}) {
      return run((at) => ({ type: 'IssueReminders', at: asOf ?? at }), 'reminders', meta);
    },
    /** The invoice's late-payment charges not yet claimed, as a numbered document (LPC-YYYY-NNNNNN). */
    async issueLateCharges(input: unknown, meta: Meta = {}) {
      const i = object(input, '{ id?, invoice, asOf? }');
      if (typeof i.invoice !== 'string' || i.invoice.trim() === '' || i.invoice.length > 64)
        throw badInput(
          'invoice',
          'an invoice number such as "INV-2026-000001" or an invoice id',
          i.invoice,
        );
      const documentId = i.id === undefined || i.id === null ? deps.newId() : id(i, 'id');
      const data = { invoice: i.invoice.trim(), asOf: date(i, 'asOf', today()), documentId };
      const recorded = await run(
        (at) => ({ type: 'IssueLateCharges', data, at }),
        documentId,
        meta,
      );
      const { state } = await ledger.catchUp();
      const invoiceId =
        state.invoices.get(data.invoice)?.invoiceId ?? state.invoiceByNumber.get(data.invoice);
      const documents = state.lateChargeDocuments.filter((doc) => doc.invoiceId === invoiceId);
      return {
        ...recorded,
        document: documents.find((doc) => doc.documentId === documentId) ?? documents.at(-1)!,
      };
    },
    /** Today in the operator's time zone. */
    today,
    payment: read.payment,
    payments: read.payments,
    invoice: (idOrNumber: string, asOf?: string) => read.invoice(idOrNumber, dateOr(asOf)),
    account: (p: PartyRef, asOf?: string) => read.account(p, dateOr(asOf)),
    ageing: (asOf: string | undefined, p: PartyRef | null) => read.ageing(dateOr(asOf), p),
    statement: (p: PartyRef, from: string, to: string) => {
      const range = { from: date({ from }, 'from'), to: date({ to }, 'to') };
      if (range.to < range.from) throw badInput('to', `a date on or after from (${from})`, to);
      return read.statement(p, range.from, range.to);
    },
    reminders: read.reminders,
    awaitPosition: (position: bigint, timeoutMs: number) =>
      projection.awaitPosition(position, timeoutMs),
    readModelState: () => projection.state,
    close: () => projection.stop(),
  };
}
export type ReceivablesService = ReturnType<typeof createReceivablesService>;
