import { fold } from '@cadran/domain';
import { describe, expect, it } from 'vitest';
import { ageing, bucketOf } from './ageing.js';
import type { ReceivablesEvent } from './events.js';
import type { InvoicingFact } from './facts.js';
import { invoiceReceivable } from './invoice-status.js';
import { lateCharges } from './late-charges.js';
import { ledgerDecider } from './ledger/ledger-decider.js';
import { invoiceNumbersIn } from './remittance.js';
import { partyStatement } from './statement.js';
import { AT, creditNote, fluidstack, issued, mistral, payment } from './testing.test-support.js';

/** Folds the history, deciding each command on what came before: the book as the service holds it. */
const bookAfter = (
  history: (InvoicingFact | { pay: ReturnType<typeof payment>; party?: typeof mistral })[],
) =>
  history.reduce(
    (book, item) => {
      const events: (ReceivablesEvent | InvoicingFact)[] =
        'pay' in item
          ? ledgerDecider.decide(
              { type: 'RecordPayment', data: { ...item.pay, party: item.party ?? null }, at: AT },
              book,
            )
          : [item];
      return events.reduce(ledgerDecider.evolve, book);
    },
    fold(ledgerDecider, []),
  );

const inv1 = issued('INV-2026-000001', '1200.00', '2026-04-30T22:00:00Z');

describe('invoice status', () => {
  it('is OPEN, PARTIALLY_PAID, OVERDUE, PAID as payments and days come', () => {
    const book = bookAfter([
      inv1,
      { pay: payment('p1', '450.35', 'INV-2026-000001', '2026-04-20') },
    ]);
    expect(invoiceReceivable(book, inv1.data, '2026-04-10').status).toBe('OPEN');
    expect(invoiceReceivable(book, inv1.data, '2026-05-01')).toMatchObject({
      status: 'PARTIALLY_PAID',
      paid: '450.35',
      remaining: '749.65',
      dueDate: '2026-05-01',
    });
    expect(invoiceReceivable(book, inv1.data, '2026-05-02')).toMatchObject({
      status: 'OVERDUE',
      daysOverdue: 1,
    });
    const paidBook = bookAfter([
      inv1,
      { pay: payment('p1', '450.35', 'INV-2026-000001', '2026-04-20') },
      { pay: payment('p2', '749.65', 'INV-2026-000001', '2026-04-28') },
    ]);
    expect(invoiceReceivable(paidBook, inv1.data, '2026-06-01')).toMatchObject({
      status: 'PAID',
      remaining: '0.00',
    });
  });

  it('is CREDITED when credit notes alone settle it', () => {
    const book = bookAfter([inv1, creditNote('CN-2026-000001', 'INV-2026-000001', '1200.00')]);
    expect(invoiceReceivable(book, inv1.data, '2026-06-01')).toMatchObject({
      status: 'CREDITED',
      remaining: '0.00',
    });
  });
});

describe('late-payment charges', () => {
  it('an invoice paid 17 days late: 1200.00 x 12.15 % x 17 / 365 = 6.79, and one EUR 40 indemnity', () => {
    const book = bookAfter([
      inv1,
      { pay: payment('p1', '1200.00', 'INV-2026-000001', '2026-05-18') },
    ]);
    const charges = lateCharges(book, inv1.data, '2026-06-30');
    expect(charges.lines).toEqual([
      {
        basis: 'PAYMENT',
        paymentId: 'p1',
        amount: '1200.00',
        from: '2026-05-01',
        to: '2026-05-18',
        daysLate: 17,
        interest: '6.79',
      },
    ]);
    expect(charges).toMatchObject({ interest: '6.79', indemnity: '40.00', total: '46.79' });
  });

  it('rounds per payment, charges only the part paid late, one indemnity for two late payments', () => {
    const book = bookAfter([
      inv1,
      { pay: payment('p1', '500.00', 'INV-2026-000001', '2026-05-01') },
      { pay: payment('p2', '350.00', 'INV-2026-000001', '2026-05-18') },
      { pay: payment('p3', '350.00', 'INV-2026-000001', '2026-05-31') },
    ]);
    const charges = lateCharges(book, inv1.data, '2026-06-30');
    // 350 x 0.1215 x 17 / 365 = 1.98065… -> 1.98; 350 x 0.1215 x 30 / 365 = 3.49520… -> 3.50
    expect(charges.lines.map((line) => line.interest)).toEqual(['1.98', '3.50']);
    expect(charges).toMatchObject({ interest: '5.48', indemnity: '40.00', total: '45.48' });
  });

  it('nothing for an invoice paid on its due date', () => {
    const book = bookAfter([
      inv1,
      { pay: payment('p1', '1200.00', 'INV-2026-000001', '2026-05-01') },
    ]);
    expect(lateCharges(book, inv1.data, '2026-06-30')).toMatchObject({ lines: [], total: '0.00' });
  });

  it('accrues on what is still unpaid up to the date asked', () => {
    const charges = lateCharges(bookAfter([inv1]), inv1.data, '2026-05-11');
    expect(charges.lines).toMatchObject([{ basis: 'OUTSTANDING', daysLate: 10, interest: '3.99' }]);
  });
});

describe('ageing', () => {
  it('counts local calendar days across the October DST change', () => {
    // Due 2026-10-25 00:00 Paris (CEST); clocks go back at 03:00 that night.
    const dst = issued(
      'INV-2026-000010',
      '1000.00',
      '2026-10-24T22:00:00Z',
      mistral,
      '2026-09-25T08:00:00Z',
    );
    // Due 2026-10-26 00:30 Paris (CET), 2026-10-25 in UTC.
    const late = issued(
      'INV-2026-000011',
      '10.00',
      '2026-10-25T23:30:00Z',
      fluidstack,
      '2026-09-25T08:00:00Z',
    );
    const book = bookAfter([dst, late]);
    expect(ageing(book, '2026-10-25').total).toMatchObject({ notYetDue: '1010.00' });
    expect(ageing(book, '2026-11-24').parties).toMatchObject([
      { party: fluidstack, days1To30: '10.00' },
      { party: mistral, days1To30: '1000.00' },
    ]);
    expect(ageing(book, '2026-11-25').parties).toMatchObject([
      { party: fluidstack, days1To30: '10.00' },
      { party: mistral, days31To60: '1000.00', days1To30: '0.00' },
    ]);
  });

  it('counts across a year end, and leaves out what was not yet issued or already paid', () => {
    const december = issued(
      'INV-2026-000020',
      '2000.00',
      '2026-12-15T23:00:00Z',
      mistral,
      '2026-11-15T23:00:00Z',
    );
    const book = bookAfter([
      december,
      { pay: payment('p1', '500.00', 'INV-2026-000020', '2027-01-05') },
    ]);
    expect(ageing(book, '2026-11-15').parties).toEqual([]);
    expect(ageing(book, '2027-01-04').total).toMatchObject({ days1To30: '2000.00' });
    expect(ageing(book, '2027-01-15').total).toMatchObject({
      days1To30: '1500.00',
      total: '1500.00',
    });
    expect(ageing(book, '2027-01-16').total).toMatchObject({ days31To60: '1500.00' });
    expect(ageing(book, '2027-03-17').total).toMatchObject({ over90: '1500.00' });
  });

  it('buckets by days past due', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91].map(bucketOf)).toEqual([
      'NOT_YET_DUE',
      'DAYS_1_30',
      'DAYS_1_30',
      'DAYS_31_60',
      'DAYS_31_60',
      'DAYS_61_90',
      'DAYS_61_90',
      'OVER_90',
    ]);
  });
});

describe('statement', () => {
  it('brings the balance forward and runs it through invoices, credit notes and payments', () => {
    const inv2 = issued(
      'INV-2026-000002',
      '800.00',
      '2026-05-31T22:00:00Z',
      mistral,
      '2026-05-01T08:00:00Z',
    );
    const book = bookAfter([
      inv1,
      creditNote('CN-2026-000001', 'INV-2026-000001', '100.00', '2026-04-10T08:00:00Z'),
      inv2,
      { pay: payment('p1', '1500.00', 'INV-2026-000001 INV-2026-000002', '2026-05-02') },
    ]);
    const statement = partyStatement(book, mistral, '2026-05-01', '2026-05-31');
    expect(statement.openingBalance).toBe('1100.00');
    expect(statement.entries.map((e) => [e.date, e.kind, e.debit, e.credit, e.balance])).toEqual([
      ['2026-05-01', 'INVOICE', '800.00', '0.00', '1900.00'],
      ['2026-05-02', 'PAYMENT', '0.00', '1500.00', '400.00'],
    ]);
    expect(statement.closingBalance).toBe('400.00');
    expect(partyStatement(book, fluidstack, '2026-01-01', '2026-12-31').entries).toEqual([]);
  });
});

describe('remittance', () => {
  it('finds invoice numbers in the forms payers write them', () => {
    expect(
      invoiceNumbersIn(
        'FACT INV-2026-000001, inv2026000002 / INV 2026 000003 INV-2026-0000045 INV-2026-000001',
      ),
    ).toEqual(['INV-2026-000001', 'INV-2026-000002', 'INV-2026-000003']);
  });
});
