import { describe, expect, it } from 'vitest';
import { creditNoteAmounts } from './credit-note.js';
import { invoiceTotals } from './totals.js';

const invoice = { subtotal: '1000.00', taxAmount: '200.00', taxRatePercent: '20' };

describe('invoiceTotals', () => {
  it('adds credits and adjustments into the subtotal and rounds VAT half-up once', () => {
    expect(
      invoiceTotals([{ amount: '10.00' }, { amount: '-7.50' }, { amount: '0.03' }], {
        ratePercent: '20',
      }),
    ).toEqual({
      subtotal: '2.53',
      taxRatePercent: '20',
      taxAmount: '0.51',
      total: '3.04',
    });
    expect(invoiceTotals([], { ratePercent: '20' })).toMatchObject({
      subtotal: '0.00',
      taxAmount: '0.00',
      total: '0.00',
    });
  });

  it('rounds a VAT tie away from zero', () => {
    expect(invoiceTotals([{ amount: '0.25' }], { ratePercent: '20' }).taxAmount).toBe('0.05');
    expect(invoiceTotals([{ amount: '0.75' }], { ratePercent: '10' }).taxAmount).toBe('0.08');
    expect(invoiceTotals([{ amount: '-0.75' }], { ratePercent: '10' }).taxAmount).toBe('-0.08');
  });

  it('refuses an amount with more than two decimals, naming the line', () => {
    expect(() =>
      invoiceTotals([{ amount: '1.00' }, { amount: '1.001' }], { ratePercent: '20' }),
    ).toThrow(/lines\[1\]\.amount: an amount has at most 2 decimals/);
  });
});

describe('creditNoteAmounts', () => {
  it('credits all that remains when no amount is given', () => {
    expect(creditNoteAmounts({ invoice })).toEqual({
      subtotal: '1000.00',
      taxAmount: '200.00',
      total: '1200.00',
    });
  });

  it('credits part of an invoice with its VAT', () => {
    expect(creditNoteAmounts({ invoice, amount: '100.03' })).toEqual({
      subtotal: '100.03',
      taxAmount: '20.01',
      total: '120.04',
    });
  });

  it('the last credit takes exactly what remains, so net and VAT never drift', () => {
    const invoiceOf3 = { subtotal: '0.10', taxAmount: '0.02', taxRatePercent: '20' };
    const first = creditNoteAmounts({ invoice: invoiceOf3, amount: '0.05' }); // VAT 0.01
    const second = creditNoteAmounts({ invoice: invoiceOf3, earlierCreditNotes: [first] });
    expect([first.taxAmount, second]).toEqual([
      '0.01',
      { subtotal: '0.05', taxAmount: '0.01', total: '0.06' },
    ]);
  });

  it('never more than what remains of the invoice', () => {
    const earlierCreditNotes = [{ subtotal: '900.00', taxAmount: '180.00' }];
    expect(() => creditNoteAmounts({ invoice, earlierCreditNotes, amount: '100.01' })).toThrow(
      'amount: 100.01 is more than what remains of the invoice: at most 100.00 net',
    );
    expect(creditNoteAmounts({ invoice, earlierCreditNotes, amount: '100.00' })).toEqual({
      subtotal: '100.00',
      taxAmount: '20.00',
      total: '120.00',
    });
    const all = [...earlierCreditNotes, { subtotal: '100.00', taxAmount: '20.00' }];
    expect(() => creditNoteAmounts({ invoice, earlierCreditNotes: all })).toThrow(
      /nothing remains to credit/,
    );
  });

  it('refuses a zero, negative or sub-cent amount', () => {
    expect(() => creditNoteAmounts({ invoice, amount: '0' })).toThrow(
      /amount: must be greater than 0.00/,
    );
    expect(() => creditNoteAmounts({ invoice, amount: '-5' })).toThrow(
      /amount: must be greater than 0.00/,
    );
    expect(() => creditNoteAmounts({ invoice, amount: '1.005' })).toThrow(
      /amount: an amount has at most 2 decimals/,
    );
  });
});
