import Table from 'cli-table3';
import type { InvoiceView } from '../invoice-views.js';

const euros = (amount: string) => `${amount} EUR`;

/** The invoice as finance reads it: every mandatory mention, then the lines and totals. */
export function formatInvoice(invoice: InvoiceView): string {
  const m = invoice.mentions;
  const out: string[] = [];
  if (m) {
    out.push(`FACTURE / INVOICE ${m.number}`);
    out.push('');
    out.push(
      `Seller:   ${m.seller.name}`,
      `          ${m.seller.address}`,
      `          SIREN ${m.seller.siren} · VAT ${m.seller.vatId}`,
    );
    out.push(`Billed:   ${m.buyer.name} (${m.buyer.countryCode})`);
    out.push(`          ${m.buyer.address ?? '(no address on file)'}`);
    out.push(`          VAT ${m.buyer.vatId ?? '(none)'}`);
    out.push('');
    out.push(`Issue date:      ${m.issueDate}`);
    out.push(
      `Service period:  ${m.servicePeriod.period} (${m.servicePeriod.from} – ${m.servicePeriod.to})`,
    );
    out.push(`Due date:        ${m.dueDate}`);
    out.push(`Contract:        ${invoice.contractId}`);
  } else {
    out.push(
      `DRAFT INVOICE ${invoice.id} (not issued: no number, not payable)`,
      `Billed: ${invoice.billTo.name}`,
      `Period: ${invoice.period}`,
    );
  }
  out.push('');
  const lines = new Table({
    head: ['#', 'Kind', 'Description', 'Quantity', 'Unit', 'Unit price', 'Amount'],
  });
  for (const line of invoice.lines) {
    lines.push([
      line.index + 1,
      line.kind,
      line.description,
      line.quantity,
      line.unit,
      line.unitPrice ?? '',
      line.amount,
    ]);
  }
  out.push(lines.toString());
  const totals = new Table();
  const rates = m?.netByVatRate ?? [
    { ratePercent: invoice.taxRatePercent, net: invoice.subtotal, vat: invoice.taxAmount },
  ];
  for (const rate of rates)
    totals.push(
      { [`Net at VAT ${rate.ratePercent} %`]: euros(rate.net) },
      { [`VAT ${rate.ratePercent} %`]: euros(rate.vat) },
    );
  totals.push({ 'Total (incl. VAT)': euros(invoice.total) });
  out.push(totals.toString());
  if (invoice.taxNote) out.push(invoice.taxNote);
  if (m) out.push('', m.latePaymentPenalty, m.recoveryIndemnity);
  for (const note of invoice.creditNotes) {
    out.push(
      `Credit note ${note.number} of ${note.issuedAt}: ${note.reason}: -${euros(note.total)} (net ${note.subtotal}, VAT ${note.taxAmount})`,
    );
  }
  return `${out.join('\n')}\n`;
}
