import { specification } from '@cadran/domain/testing';
import { describe, expect, it } from 'vitest';
import { creditBalance, paid, remaining } from '../book.js';
import type { ReceivablesEvent } from '../events.js';
import type { InvoicingFact } from '../facts.js';
import { AT, creditNote, fluidstack, issued, mistral, payment } from '../testing.test-support.js';
import type { LedgerCommand } from './ledger-commands.js';
import { ledgerDecider } from './ledger-decider.js';

const given = specification(ledgerDecider).given;
const inv1 = issued('INV-2026-000001', '1200.00', '2026-04-30T22:00:00Z');
const inv2 = issued('INV-2026-000002', '800.00', '2026-05-31T22:00:00Z');
const inv3 = issued('INV-2026-000003', '300.00', '2026-04-15T22:00:00Z');
const invFluid = issued('INV-2026-000004', '600.00', '2026-04-30T22:00:00Z', fluidstack);

const record = (
  data: ReturnType<typeof payment>,
  party: typeof mistral | null = null,
): LedgerCommand => ({ type: 'RecordPayment', data: { ...data, party }, at: AT });
const received = (
  data: ReturnType<typeof payment>,
  party: typeof mistral | null,
): ReceivablesEvent => ({
  type: 'PaymentReceived',
  data: { ...data, party, receivedAt: AT },
});
const allocated = (
  paymentId: string,
  n: number,
  invoice: InvoicingFact,
  amount: string,
  rule: 'REMITTANCE' | 'OLDEST_DUE' | 'MANUAL',
  party = mistral,
): ReceivablesEvent => ({
  type: 'PaymentAllocated',
  data: {
    allocationId: `${paymentId}.${n}`,
    paymentId,
    invoiceId: (invoice.data as { invoiceId: string }).invoiceId,
    invoiceNumber: (invoice.data as { number: string }).number,
    party,
    amount,
    rule,
    allocatedAt: AT,
  },
});

describe('receivables ledger: recording a payment', () => {
  it('allocates to the invoice the remittance names, leaving the exact remainder', () => {
    const p = payment('p1', '450.35', 'REGLEMENT INV-2026-000001');
    given([inv1, inv3])
      .when(record(p))
      .then([received(p, mistral), allocated('p1', 1, inv1, '450.35', 'REMITTANCE')]);
    given([inv1, inv3])
      .when(record(p))
      .thenState((book) => expect(remaining(book, inv1.data).toFixed(2)).toBe('749.65'));
  });

  it('settles two named invoices in the order named; the rest is the party credit', () => {
    const p = payment('p2', '2100.00', 'INV2026000002 + INV-2026-000001');
    given([inv1, inv2])
      .when(record(p))
      .then([
        received(p, mistral),
        allocated('p2', 1, inv2, '800.00', 'REMITTANCE'),
        allocated('p2', 2, inv1, '1200.00', 'REMITTANCE'),
      ]);
    given([inv1, inv2])
      .when(record(p))
      .thenState((book) => expect(creditBalance(book, mistral).toFixed(2)).toBe('100.00'));
  });

  it('allocates oldest due first when the payer is known and the remittance names nothing', () => {
    const p = payment('p3', '1400.00', 'virement avril');
    given([inv1, inv2, inv3])
      .when(record(p, mistral))
      .then([
        received(p, mistral),
        allocated('p3', 1, inv3, '300.00', 'OLDEST_DUE'),
        allocated('p3', 2, inv1, '1100.00', 'OLDEST_DUE'),
      ]);
  });

  it('leaves a payment naming nothing and from no known party unmatched', () => {
    const p = payment('p4', '250.00', 'VIREMENT CONTRAT BRU-1');
    given([inv1])
      .when(record(p))
      .then([received(p, null)]);
  });

  it('does not allocate when the named invoices belong to two parties', () => {
    const p = payment('p5', '1000.00', 'INV-2026-000001 INV-2026-000004');
    given([inv1, invFluid])
      .when(record(p))
      .then([received(p, null)]);
  });

  it('writes nothing for the same payment again, and refuses other details under its id', () => {
    const p = payment('p1', '450.35', 'INV-2026-000001');
    const before = [inv1, received(p, mistral), allocated('p1', 1, inv1, '450.35', 'REMITTANCE')];
    given(before).when(record(p)).then([]);
    given(before)
      .when(record({ ...p, amount: '451.00' }))
      .thenThrows('CONFLICT', /payment p1 already exists with other details/);
  });

  it('lets a credit note settle part of the invoice before a payment', () => {
    const p = payment('p6', '2000.00', 'INV-2026-000001');
    given([inv1, creditNote('CN-2026-000001', 'INV-2026-000001', '200.00')])
      .when(record(p))
      .then([received(p, mistral), allocated('p6', 1, inv1, '1000.00', 'REMITTANCE')]);
  });
});

describe('receivables ledger: by hand', () => {
  const p = payment('p4', '250.00', 'VIREMENT');
  const waiting = [inv1, inv3, received(p, null)];
  const allocate = (
    invoices: { invoice: string; amount: string | null }[],
    party = null as typeof mistral | null,
  ): LedgerCommand => ({
    type: 'AllocatePayment',
    data: { paymentId: 'p4', party, invoices },
    at: AT,
  });

  it('allocates an unmatched payment to a named invoice, attributing it to its party', () =>
    given(waiting)
      .when(allocate([{ invoice: 'INV-2026-000001', amount: null }]))
      .then([
        { type: 'PaymentAttributed', data: { paymentId: 'p4', party: mistral, attributedAt: AT } },
        allocated('p4', 1, inv1, '250.00', 'MANUAL'),
      ]));

  it('allocates oldest due first when only the party is said', () =>
    given(waiting)
      .when(allocate([], mistral))
      .then([
        { type: 'PaymentAttributed', data: { paymentId: 'p4', party: mistral, attributedAt: AT } },
        allocated('p4', 1, inv3, '250.00', 'OLDEST_DUE'),
      ]));

  it('refuses more than the payment holds or the invoice owes', () => {
    given(waiting)
      .when(allocate([{ invoice: 'INV-2026-000001', amount: '250.01' }]))
      .thenThrows('BAD_USER_INPUT', /at most 250.00, what payment p4 still holds/);
    given(waiting)
      .when(
        allocate([
          { invoice: 'INV-2026-000003', amount: '250.00' },
          { invoice: 'INV-2026-000003', amount: '50.01' },
        ]),
      )
      .thenThrows('BAD_USER_INPUT', /at most 50.00, what remains of INV-2026-000003/);
  });

  it('refuses an invoice of another party as not found', () =>
    given([...waiting, invFluid])
      .when(allocate([{ invoice: 'INV-2026-000004', amount: null }], mistral))
      .thenThrows('NOT_FOUND', /no issued invoice INV-2026-000004 billed to tenant mistral/));
});

describe('receivables ledger: reversals and refunds', () => {
  const p = payment('p1', '1200.00', 'INV-2026-000001');
  const settled = [inv1, received(p, mistral), allocated('p1', 1, inv1, '1200.00', 'REMITTANCE')];

  it('a returned payment reverses its allocations, then is returned; the invoice is owed again', () => {
    const command: LedgerCommand = {
      type: 'ReturnPayment',
      data: { paymentId: 'p1', reason: 'AC04 closed account', returnDate: '2026-05-06' },
      at: AT,
    };
    given(settled)
      .when(command)
      .then([
        {
          type: 'AllocationReversed',
          data: {
            allocationId: 'p1.1',
            paymentId: 'p1',
            invoiceId: 'id-INV-2026-000001',
            amount: '1200.00',
            reason: 'payment returned: AC04 closed account',
            effectiveDate: '2026-05-06',
            reversedAt: AT,
          },
        },
        {
          type: 'PaymentReturned',
          data: {
            paymentId: 'p1',
            reason: 'AC04 closed account',
            returnDate: '2026-05-06',
            returnedAt: AT,
          },
        },
      ]);
    given(settled)
      .when(command)
      .thenState((book) => {
        expect(paid(book, 'id-INV-2026-000001').toFixed(2)).toBe('0.00');
        expect(creditBalance(book, mistral).toFixed(2)).toBe('0.00');
      });
  });

  it('refunds from the credit balance, never more', () => {
    const over = payment('p9', '1300.00', 'INV-2026-000001');
    const history = [
      inv1,
      received(over, mistral),
      allocated('p9', 1, inv1, '1200.00', 'REMITTANCE'),
    ];
    const refund = (amount: string): LedgerCommand => ({
      type: 'RefundCredit',
      data: {
        refundId: 'r1',
        party: mistral,
        amount,
        valueDate: '2026-05-10',
        bankReference: null,
        reason: 'overpaid',
      },
      at: AT,
    });
    given(history)
      .when(refund('100.01'))
      .thenThrows('BAD_USER_INPUT', /at most 100.00, the credit balance of tenant mistral/);
    given(history)
      .when(refund('100.00'))
      .thenState((book) => expect(creditBalance(book, mistral).toFixed(2)).toBe('0.00'));
  });
});

const overdue15: ReceivablesEvent = {
  type: 'PaymentReminderIssued',
  data: {
    reminderId: 'id-INV-2026-000001.OVERDUE_15',
    invoiceId: 'id-INV-2026-000001',
    invoiceNumber: 'INV-2026-000001',
    party: mistral,
    step: 'OVERDUE_15',
    stepDate: '2026-05-16',
    dueDate: '2026-05-01',
    remaining: '1200.00',
    issuedAt: '2026-05-16T08:00:00Z',
  },
};

describe('receivables ledger: reminders', () => {
  const remind = (at: string): LedgerCommand => ({ type: 'IssueReminders', at });
  it('issues the step reached, once', () => {
    // INV-2026-000001 is due 2026-05-01 (Paris): +15 is 2026-05-16.
    given([inv1]).when(remind('2026-05-16T08:00:00Z')).then([overdue15]);
  });
  it('sends nothing twice for a step, nor an earlier step after a later one', () => {
    given([inv1, overdue15]).when(remind('2026-05-20T08:00:00Z')).then([]);
  });
  it('reminds nothing for a paid invoice', () => {
    const p = payment('p1', '1200.00', 'INV-2026-000001');
    given([inv1, received(p, mistral), allocated('p1', 1, inv1, '1200.00', 'REMITTANCE')])
      .when(remind('2026-05-20T08:00:00Z'))
      .then([]);
  });
});

describe('receivables ledger: late-charge documents', () => {
  // Due 2026-05-01 (Paris), paid in full on 2026-05-18: 17 days late.
  const p = payment('p1', '1200.00', 'INV-2026-000001', '2026-05-18');
  const paidLate = [inv1, received(p, mistral), allocated('p1', 1, inv1, '1200.00', 'REMITTANCE')];
  const claim = (documentId: string, invoice = 'INV-2026-000001'): LedgerCommand => ({
    type: 'IssueLateCharges',
    data: { invoice, asOf: '2026-06-30', documentId },
    at: '2026-07-01T08:00:00Z',
  });

  it('claims the interest and the indemnity as LPC-2026-000001, outside the scope of VAT', () =>
    given(paidLate)
      .when(claim('d1'))
      .thenState((book) => {
        expect(book.lateChargeDocuments).toMatchObject([
          {
            number: 'LPC-2026-000001',
            interest: '6.79',
            indemnity: '40.00',
            taxAmount: '0.00',
            total: '46.79',
            vatCategory: 'O',
          },
        ]);
        expect(remaining(book, book.invoices.get('d1')!).toFixed(2)).toBe('46.79');
      }));

  it('claims nothing twice, and refuses an invoice never late', () => {
    const claimed = [
      ...paidLate,
      ...ledgerDecider.decide(
        claim('d1'),
        paidLate.reduce(ledgerDecider.evolve, ledgerDecider.initialState()),
      ),
    ];
    given(claimed).when(claim('d2')).then([]);
    const onTime = payment('p2', '300.00', 'INV-2026-000003', '2026-04-10');
    given([inv3, received(onTime, mistral), allocated('p2', 1, inv3, '300.00', 'REMITTANCE')])
      .when(claim('d3', 'INV-2026-000003'))
      .thenThrows('CONFLICT', /INV-2026-000003 was not paid late as of 2026-06-30/);
  });
});
