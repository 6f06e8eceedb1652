/**
 * Which 64-bit fingerprints a saved run of the claim registry may hold, in a fixed number of
 * bits a fingerprint: a split-block Bloom filter (the layout of Parquet's), where the high half
 * picks one block of eight 32-bit words (one cache line) and the low half sets one bit in each.
 * "No" is certain; "maybe" is wrong for about 0.15 % of the fingerprints a run does not hold, and
 * the caller then looks the fingerprint up in the run itself.
 */
export interface FingerprintFilter {
  mayHold(hi: number, lo: number): boolean;
  /** The filter's words, to be saved beside its run. */
  readonly words: Uint32Array;
}

export const FILTER_BITS_PER_FINGERPRINT = 16;

const WORDS_PER_BLOCK = 8;
const SALTS = [
  0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b, 0x9efc4947, 0x5c6bfb31,
];

const blockOf = (hi: number, blocks: number) => Math.floor((hi / 0x1_0000_0000) * blocks);

/** An empty filter sized for `count` fingerprints. */
export function fingerprintFilterFor(count: number): FingerprintFilter & {
  add(hi: number, lo: number): void;
} {
  const blocks = Math.max(1, Math.ceil((count * FILTER_BITS_PER_FINGERPRINT) / 256));
  const filter = fingerprintFilterOf(new Uint32Array(blocks * WORDS_PER_BLOCK));
  const { words } = filter;
  return {
    ...filter,
    add(hi, lo) {
      const base = blockOf(hi, blocks) * WORDS_PER_BLOCK;
      for (let i = 0; i < WORDS_PER_BLOCK; i++)
        words[base + i]! |= 1 << (Math.imul(lo, SALTS[i]!) >>> 27);
    },
  };
}

/** A filter over words saved by `fingerprintFilterFor(...).words`. */
export function fingerprintFilterOf(words: Uint32Array): FingerprintFilter {
  const blocks = words.length / WORDS_PER_BLOCK;
  if (!Number.isInteger(blocks) || blocks < 1)
    throw new Error(`a fingerprint filter has whole blocks of ${WORDS_PER_BLOCK} words`);
  return {
    words,
    mayHold(hi, lo) {
      const base = blockOf(hi, blocks) * WORDS_PER_BLOCK;
      for (let i = 0; i < WORDS_PER_BLOCK; i++) {
        const bit = 1 << (Math.imul(lo, SALTS[i]!) >>> 27);
        if ((words[base + i]! & bit) === 0) return false;
      }
      return true;
    },
  };
}
