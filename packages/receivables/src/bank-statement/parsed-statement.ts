import { createHash } from 'node:crypto';
import type { PaymentData } from '../events.js';

/** A bank statement read into payments: what `ImportStatement` takes. */
export type ParsedStatement = {
  statementId: string;
  format: 'CAMT053' | 'CSV';
  account: string | null;
  digest: string;
  entries: number;
  payments: PaymentData[];
  skipped: { reference: string; reason: string }[];
};

export const MAX_STATEMENT_BYTES = 20 * 1024 * 1024;

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The payment id of a bank entry: `bank-` and the bank's own reference when it is a plain id,
 * else `bank-` and 32 hex digits of its SHA-256. The same entry in any later statement (or the
 * CSV of the same account) gets the same id, which makes the import idempotent.
 */
export function bankPaymentId(reference: string): string {
  return /^[A-Za-z0-9_-]{1,59}$/.test(reference)
    ? `bank-${reference}`
    : `bank-${sha256(reference).slice(0, 32)}`;
}

/** "1200.50" from "1200.5", "1 200,50", "1200": exactly two decimals; undefined when not an amount. */
export function bankAmount(text: string): string | undefined {
  const plain = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
  if (!/^\d{1,15}(\.\d{1,2})?$/.test(plain)) return undefined;
  const [units, cents = ''] = plain.split('.');
  return `${BigInt(units!).toString()}.${cents.padEnd(2, '0')}`;
}
