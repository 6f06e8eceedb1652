export const INVOICE_SUMMARY = `id number status period periodStart periodEnd issuedAt dueAt currency subtotal taxAmount total
  billTo { name } contract { id billingTimeZone tenant { id name } }`;

export type InvoiceSummary = {
  id: string;
  number: string | null;
  status: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  issuedAt: string | null;
  dueAt: string | null;
  currency: string;
  subtotal: string;
  taxAmount: string;
  total: string;
  billTo: { name: string };
  contract: { id: string; billingTimeZone: string; tenant: { id: string; name: string } };
};
