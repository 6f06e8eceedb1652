import { describe, expect, it } from 'vitest';
import {
  creditNoteNumber,
  documentYear,
  dueAt,
  invoiceNumber,
  parseDocumentNumber,
} from './documents.js';
import { recordDigest } from './record-digest.js';
import { createHash } from 'node:crypto';

describe('document numbers', () => {
  it('formats INV-YYYY-NNNNNN and CN-YYYY-NNNNNN', () => {
    expect(invoiceNumber('2026-04-02T09:00:00Z', 1)).toBe('INV-2026-000001');
    expect(creditNoteNumber('2026-04-02T09:00:00Z', 123456)).toBe('CN-2026-123456');
  });

  it('takes the year of issue in the operator time zone', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris
    expect(documentYear('2026-12-31T23:30:00Z')).toBe(2027);
    expect(invoiceNumber('2026-12-31T23:30:00Z', 7)).toBe('INV-2027-000007');
    expect(invoiceNumber('2026-12-31T23:30:00Z', 7, 'UTC')).toBe('INV-2026-000007');
  });

  it('refuses a sequence out of range', () => {
    expect(() => invoiceNumber('2026-04-02T09:00:00Z', 0)).toThrow(
      /sequence: expected a whole number of at least 1/,
    );
    expect(() => invoiceNumber('2026-04-02T09:00:00Z', 1_000_000)).toThrow(
      /sequence: at most 999999/,
    );
  });

  it('parses a number back', () => {
    expect(parseDocumentNumber('INV-2026-000042')).toEqual({
      kind: 'INV',
      year: 2026,
      sequence: 42,
    });
    expect(() => parseDocumentNumber('INV-2026-42')).toThrow(/number: expected INV-YYYY-NNNNNN/);
    expect(() => parseDocumentNumber('CN-2026-000000')).toThrow(/number:/);
  });
});

describe('dueAt', () => {
  it('adds calendar days in the operator time zone, across daylight saving', () => {
    expect(dueAt('2026-03-10T09:00:00Z', 30)).toBe('2026-04-09T08:00:00Z'); // 10:00 Paris both days
    expect(dueAt('2026-04-02T09:00:00Z', 0)).toBe('2026-04-02T09:00:00Z');
  });

  it('refuses negative or fractional terms', () => {
    expect(() => dueAt('2026-04-02T09:00:00Z', -1)).toThrow(/paymentTermsDays/);
    expect(() => dueAt('2026-04-02T09:00:00Z', 1.5)).toThrow(/paymentTermsDays/);
  });
});

describe('recordDigest', () => {
  it('is the SHA-256 hex of the sorted ids joined by newlines, whatever their order', () => {
    const expected = createHash('sha256').update('a-1\na-2\nb-1').digest('hex');
    expect(recordDigest(['b-1', 'a-2', 'a-1'])).toBe(expected);
    expect(recordDigest(new Set(['a-1', 'b-1', 'a-2']))).toBe(expected);
    expect(recordDigest(['a-1'])).not.toBe(expected);
  });
});
