/**
 * Record id → the claims that may hold it, in 8 bytes a record: a 64-bit fingerprint of the id,
 * of which 32 bits pick the slot and 32 bits are kept as a tag, and the claim's revision. A tag
 * can match for another id (about once in 4 billion probes): an answer is a candidate, which the
 * caller confirms against the claim itself. Open addressing in typed arrays, in partitions that
 * are never rehashed (a full one stays as it is and a larger one is added), so growing never
 * needs the fingerprints again.
 */
export interface FingerprintTable {
  add(hi: number, lo: number, claimRevision: number): void;
  /** Claim revisions whose records may include this fingerprint, newest partition first. */
  candidates(hi: number, lo: number): number[];
  readonly size: number;
}

const FIRST_SLOTS = 1 << 16;
const LARGEST_SLOTS = 1 << 22;
/** Linear probing stays short up to here. */
const MAX_LOAD = 0.8;

interface Partition {
  tags: Uint32Array;
  claims: Uint32Array;
  mask: number;
  count: number;
  limit: number;
}

const partition = (slots: number): Partition => ({
  tags: new Uint32Array(slots),
  claims: new Uint32Array(slots),
  mask: slots - 1,
  count: 0,
  limit: Math.floor(slots * MAX_LOAD),
});

/** 0 marks an empty slot. */
const tagOf = (lo: number) => lo >>> 0 || 1;

export function createFingerprintTable(): FingerprintTable {
  const partitions: Partition[] = [partition(FIRST_SLOTS)];
  let size = 0;
  return {
    get size() {
      return size;
    },
    add(hi, lo, claimRevision) {
      let newest = partitions[partitions.length - 1]!;
      if (newest.count >= newest.limit) {
        newest = partition(Math.min(LARGEST_SLOTS, (newest.mask + 1) * 2));
        partitions.push(newest);
      }
      const tag = tagOf(lo);
      let slot = hi & newest.mask;
      while (newest.tags[slot] !== 0) slot = (slot + 1) & newest.mask;
      newest.tags[slot] = tag;
      newest.claims[slot] = claimRevision;
      newest.count++;
      size++;
    },
    candidates(hi, lo) {
      const tag = tagOf(lo);
      let found: number[] | undefined;
      for (let p = partitions.length - 1; p >= 0; p--) {
        const { tags, claims, mask } = partitions[p]!;
        for (let slot = hi & mask; tags[slot] !== 0; slot = (slot + 1) & mask) {
          if (tags[slot] === tag) (found ??= []).push(claims[slot]!);
        }
      }
      return found ?? NONE;
    },
  };
}

const NONE: number[] = [];

/** The two 32-bit halves of a 64-bit fingerprint of `text` (two seeded 32-bit mixes of its UTF-16 units). */
export function fingerprintOf(text: string, out: { hi: number; lo: number }): void {
  let h1 = 0x9e3779b9;
  let h2 = 0x85ebca6b;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= text.length;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h1 = Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x7feb352d);
  h2 = Math.imul(h2 ^ (h2 >>> 15), 0x846ca68b);
  h2 ^= h2 >>> 16;
  out.hi = h1 >>> 0;
  out.lo = h2 >>> 0;
}
