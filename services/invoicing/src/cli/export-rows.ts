import type { InvoiceView } from '../invoice-views.js';

export const EXPORT_COLUMNS = [
  'invoiceId',
  'number',
  'status',
  'issuedAt',
  'dueAt',
  'contractId',
  'tenantId',
  'billToName',
  'billToVatId',
  'period',
  'line',
  'kind',
  'description',
  'gpuModel',
  'segmentStart',
  'segmentEnd',
  'quantity',
  'unit',
  'unitPrice',
  'amount',
  'correctsPeriod',
  'taxRatePercent',
  'currency',
  'recordCount',
  'recordDigest',
] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

/** One row per invoice line, for the accounting system. */
export function exportRows(invoices: readonly InvoiceView[]): ExportRow[] {
  return invoices.flatMap((invoice) =>
    invoice.lines.map((line) => ({
      invoiceId: invoice.id,
      number: invoice.number,
      status: invoice.status,
      issuedAt: invoice.issuedAt,
      dueAt: invoice.dueAt,
      contractId: invoice.contractId,
      tenantId: invoice.tenantId,
      billToName: invoice.billTo.name,
      billToVatId: invoice.billTo.vatId,
      period: invoice.period,
      line: line.index + 1,
      kind: line.kind,
      description: line.description,
      gpuModel: line.gpuModel,
      segmentStart: line.segmentStart,
      segmentEnd: line.segmentEnd,
      quantity: line.quantity,
      unit: line.unit,
      unitPrice: line.unitPrice,
      amount: line.amount,
      correctsPeriod: line.correctsPeriod,
      taxRatePercent: invoice.taxRatePercent,
      currency: invoice.currency,
      recordCount: line.sources.recordCount,
      recordDigest: line.sources.recordDigest,
    })),
  );
}

/** A plain decimal (amounts, quantities): left as it is, a leading minus included. */
const NUMBER = /^-?\d+(\.\d+)?$/;
/** What a spreadsheet would read as a formula (OWASP CSV injection): = + - @ tab CR first. */
const FORMULA_START = /^[=+\-@\t\r]/;

const csvCell = (value: string | number | null) => {
  let text = value === null ? '' : String(value);
  if (FORMULA_START.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** RFC 4180: header row, CRLF line ends, quoted when needed; text cells a spreadsheet would run as a formula start with '. */
export function toCsv(rows: readonly ExportRow[]): string {
  const lines = [
    EXPORT_COLUMNS.join(','),
    ...rows.map((row) => EXPORT_COLUMNS.map((column) => csvCell(row[column])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
