import { DateTime } from 'luxon';
import { fail } from './errors.js';
import { formatInstant } from './instant.js';
import { parseInstant, parseInteger } from './parse.js';
import { DEFAULT_TIME_ZONE, parseTimeZone } from './period.js';
import type { Instant } from './types.js';

export type DocumentKind = 'INV' | 'CN';

const DOCUMENT_NUMBER = /^(INV|CN)-(\d{4})-(\d{6})$/;

/** The year of issue, in the operator's time zone: the numbering restarts at 1 each year. */
export function documentYear(issuedAt: Instant, timeZone: string = DEFAULT_TIME_ZONE): number {
  const zone = parseTimeZone(timeZone, 'timeZone');
  return DateTime.fromMillis(parseInstant(issuedAt, 'issuedAt'), { zone }).year;
}

/** INV-YYYY-NNNNNN / CN-YYYY-NNNNNN: `sequence` is the 1-based rank of the document in its year. */
export function documentNumber(
  kind: DocumentKind,
  issuedAt: Instant,
  sequence: number,
  timeZone: string = DEFAULT_TIME_ZONE,
): string {
  if (kind !== 'INV' && kind !== 'CN')
    fail('kind', `expected INV or CN, got ${JSON.stringify(kind)}`);
  parseInteger(sequence, 'sequence', 1);
  if (sequence > 999_999) fail('sequence', `at most 999999 documents a year, got ${sequence}`);
  return `${kind}-${documentYear(issuedAt, timeZone)}-${String(sequence).padStart(6, '0')}`;
}

export function parseDocumentNumber(value: string): {
  kind: DocumentKind;
  year: number;
  sequence: number;
} {
  const match = typeof value === 'string' ? DOCUMENT_NUMBER.exec(value) : null;
  if (!match || Number(match[3]) === 0) {
    fail(
      'number',
      `expected INV-YYYY-NNNNNN or CN-YYYY-NNNNNN such as "INV-2026-000001", got ${JSON.stringify(value)}`,
    );
  }
  return { kind: match[1] as DocumentKind, year: Number(match[2]), sequence: Number(match[3]) };
}

/**
 * issuedAt + paymentTermsDays calendar days in the operator's time zone (same wall-clock time;
 * a day across a daylight-saving change is 23 or 25 hours).
 */
export function dueAt(
  issuedAt: Instant,
  paymentTermsDays: number,
  timeZone: string = DEFAULT_TIME_ZONE,
): Instant {
  const zone = parseTimeZone(timeZone, 'timeZone');
  const issued = parseInstant(issuedAt, 'issuedAt');
  const days = parseInteger(paymentTermsDays, 'paymentTermsDays', 0);
  return formatInstant(DateTime.fromMillis(issued, { zone }).plus({ days }).toMillis());
}

/** documentNumber for one kind of document. */
const numberOf =
  (kind: DocumentKind) =>
  (issuedAt: Instant, sequence: number, timeZone: string = DEFAULT_TIME_ZONE): string =>
    documentNumber(kind, issuedAt, sequence, timeZone);

export const invoiceNumber = numberOf('INV');
export const creditNoteNumber = numberOf('CN');
