import { D, formatMoney, roundMoney, sum } from './decimal.js';
import { fail } from './errors.js';
import { parseDecimal } from './parse.js';
import { parseMoney, type InvoiceTotals } from './totals.js';

export interface CreditNoteAmounts {
  subtotal: string;
  taxAmount: string;
  total: string;
}

export interface CreditNoteRequest {
  invoice: Pick<InvoiceTotals, 'subtotal' | 'taxAmount' | 'taxRatePercent'>;
  /** Credit notes already issued against the invoice. */
  earlierCreditNotes?: readonly Pick<CreditNoteAmounts, 'subtotal' | 'taxAmount'>[];
  /** Net amount to credit; omitted or null: all that remains. */
  amount?: string | null;
}

/**
 * Net and VAT of a credit note, never more than what remains of the invoice. VAT is the
 * invoice's rate on the credited net, rounded half-up, capped at the VAT that remains; crediting
 * all that remains takes exactly the remaining net and VAT, so the rounding never drifts.
 */
export function creditNoteAmounts(request: CreditNoteRequest): CreditNoteAmounts {
  const invoiceNet = parseMoney(request?.invoice?.subtotal, 'invoice.subtotal');
  const invoiceVat = parseMoney(request.invoice.taxAmount, 'invoice.taxAmount');
  const rate = parseDecimal(
    request.invoice.taxRatePercent,
    'invoice.taxRatePercent',
    'nonNegative',
  ).div(100);
  const earlier = request.earlierCreditNotes ?? [];
  const remainingNet = invoiceNet.minus(
    sum(earlier.map((c, i) => parseMoney(c?.subtotal, `earlierCreditNotes[${i}].subtotal`))),
  );
  const remainingVat = invoiceVat.minus(
    sum(earlier.map((c, i) => parseMoney(c?.taxAmount, `earlierCreditNotes[${i}].taxAmount`))),
  );
  if (remainingNet.lte(0))
    fail(
      'amount',
      `nothing remains to credit on this invoice (remaining net ${formatMoney(remainingNet)})`,
    );
  const requested =
    request.amount === undefined || request.amount === null
      ? remainingNet
      : parseMoney(request.amount, 'amount');
  if (requested.lte(0)) fail('amount', `must be greater than 0.00, got ${formatMoney(requested)}`);
  if (requested.gt(remainingNet)) {
    fail(
      'amount',
      `${formatMoney(requested)} is more than what remains of the invoice: at most ${formatMoney(remainingNet)} net`,
    );
  }
  const vat = requested.eq(remainingNet)
    ? remainingVat
    : D.min(roundMoney(requested.times(rate)), remainingVat);
  return {
    subtotal: formatMoney(requested),
    taxAmount: formatMoney(vat),
    total: formatMoney(requested.plus(vat)),
  };
}
