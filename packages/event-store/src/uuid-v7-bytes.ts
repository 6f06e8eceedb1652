import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let sequence = 0;

/**
 * `count` UUIDv7 ids (RFC 9562) as 16-byte slices of one buffer, with one random fill for the whole
 * batch. A 12-bit sequence in rand_a keeps ids strictly increasing in this process (the RFC's
 * "fixed-length dedicated counter"): the unique id index then always inserts at its right edge.
 */
export function uuidV7Bytes(count: number): Buffer[] {
  const bytes = randomFillSync(Buffer.allocUnsafe(16 * count));
  const ids = new Array<Buffer>(count);
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  }
  for (let index = 0; index < count; index++) {
    if (sequence > 0xfff) {
      lastMs++;
      sequence = 0;
    }
    const offset = 16 * index;
    bytes.writeUIntBE(lastMs, offset, 6);
    bytes[offset + 6] = 0x70 | (sequence >>> 8);
    bytes[offset + 7] = sequence & 0xff;
    bytes[offset + 8] = 0x80 | (bytes[offset + 8]! & 0x3f);
    sequence++;
    ids[index] = bytes.subarray(offset, offset + 16);
  }
  return ids;
}
