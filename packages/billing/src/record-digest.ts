import { createHash } from 'node:crypto';

/**
 * The provenance digest of a set of records: SHA-256, hex, of their ids sorted by UTF-16 code
 * units (JavaScript's default sort) and joined by "\n". The order the ids come in does not matter.
 */
export function recordDigest(ids: Iterable<string>): string {
  return createHash('sha256')
    .update([...ids].sort().join('\n'))
    .digest('hex');
}
