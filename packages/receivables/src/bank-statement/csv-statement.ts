import { badInput } from '@cadran/domain';
import { parse } from 'csv-parse/sync';
import { isDate } from '../dates.js';
import type { PaymentData } from '../events.js';
import {
  bankAmount,
  bankPaymentId,
  MAX_STATEMENT_BYTES,
  sha256,
  type ParsedStatement,
} from './parsed-statement.js';

export const CSV_COLUMNS = [
  'valueDate',
  'amount',
  'currency',
  'payerName',
  'payerAccount',
  'bankReference',
  'endToEndId',
  'remittance',
] as const;
const REQUIRED = ['valueDate', 'amount', 'bankReference'] as const;

export const CSV_ACCEPTED = `a CSV file with a header naming at least ${REQUIRED.join(', ')} (and any of ${CSV_COLUMNS.join(', ')}, id), separated by "," or ";"`;

/**
 * Reads the documented CSV (docs/receivables.md) into payments: one row per money received, in
 * EUR. `bankReference` is the idempotency key unless an `id` column says otherwise.
 */
export function parseCsvStatement(csv: string): ParsedStatement {
  if (csv.length > MAX_STATEMENT_BYTES)
    throw badInput(
      'statement',
      `a file of at most ${MAX_STATEMENT_BYTES} bytes`,
      `${csv.length} bytes`,
    );
  const header = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = header.includes(';') ? ';' : ',';
  let rows: Record<string, string>[];
  try {
    rows = parse(csv, { bom: true, columns: true, delimiter, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw badInput('statement', `${CSV_ACCEPTED} (${(error as Error).message})`, header);
  }
  const columns = header
    .replace(/^\uFEFF/, '')
    .split(delimiter)
    .map((c) => c.trim().replace(/^"|"$/g, ''));
  for (const column of REQUIRED)
    if (!columns.includes(column)) throw badInput('statement', CSV_ACCEPTED, header);
  const digest = sha256(csv);
  const payments: PaymentData[] = rows.map((row, index) => {
    const line = `line ${index + 2}`;
    if (!isDate(row.valueDate))
      throw badInput(`${line}: valueDate`, 'a date as YYYY-MM-DD', row.valueDate);
    const amount = bankAmount(row.amount ?? '');
    if (amount === undefined || amount === '0.00')
      throw badInput(
        `${line}: amount`,
        'a positive amount with at most 2 decimals ("1200.50" or "1200,50")',
        row.amount,
      );
    const currency = row.currency?.trim() || 'EUR';
    if (currency !== 'EUR') throw badInput(`${line}: currency`, 'EUR', row.currency);
    const reference = row.bankReference?.trim();
    if (!reference)
      throw badInput(
        `${line}: bankReference`,
        "the bank's reference of the entry",
        row.bankReference,
      );
    const id = row.id?.trim();
    if (id && !/^[A-Za-z0-9_-]{1,64}$/.test(id))
      throw badInput(`${line}: id`, "an id of 1 to 64 letters, digits, '-' or '_'", id);
    return {
      paymentId: id || bankPaymentId(reference),
      amount,
      currency: 'EUR',
      valueDate: row.valueDate,
      payerName: row.payerName?.trim() || 'unknown payer',
      payerAccount: row.payerAccount?.trim() || null,
      bankReference: reference,
      endToEndId: row.endToEndId?.trim() || null,
      remittance: row.remittance?.trim() ?? '',
      source: 'CSV',
      statementId: `csv-${digest.slice(0, 24)}`,
    };
  });
  return {
    statementId: `csv-${digest.slice(0, 24)}`,
    format: 'CSV',
    account: null,
    digest,
    entries: rows.length,
    payments,
    skipped: [],
  };
}
