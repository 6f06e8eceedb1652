import { fail } from './errors.js';
import { parseInteger } from './parse.js';
import type { RecordProvenance } from './types.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface NormalizedProvenance {
  recordCount: number;
  recordDigest: string | null;
}

export const NO_RECORDS: NormalizedProvenance = { recordCount: 0, recordDigest: null };

export function parseProvenance(
  value: RecordProvenance | null | undefined,
  field: string,
): NormalizedProvenance {
  if (value === undefined || value === null) return NO_RECORDS;
  const recordCount = parseInteger(value.recordCount, `${field}.recordCount`, 0);
  if (typeof value.recordDigest !== 'string' || !SHA256_HEX.test(value.recordDigest)) {
    fail(
      `${field}.recordDigest`,
      'expected a SHA-256 digest in lowercase hex (see recordDigest(ids))',
    );
  }
  return { recordCount, recordDigest: value.recordDigest };
}
