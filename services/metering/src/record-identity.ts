import { hash } from 'node:crypto';

/** Fixed namespaces: the event id of a record depends on its kind and id only, in every process, forever. */
const NAMESPACES = {
  usage: Buffer.from('5f0c6a2e9d0b4c7a8e3f1b2d4c6a8e01', 'hex'),
  energy: Buffer.from('5f0c6a2e9d0b4c7a8e3f1b2d4c6a8e02', 'hex'),
} as const;

export type RecordKind = keyof typeof NAMESPACES;

/**
 * The UUIDv5 of the record id: the id of its event in the log. The log refuses one event id
 * twice, so a record can be in the log once, whatever the process or the site it was sent for.
 */
export function recordEventId(kind: RecordKind, recordId: string): Buffer {
  const bytes = hash('sha1', Buffer.concat([NAMESPACES[kind], Buffer.from(recordId, 'utf8')]), 'buffer').subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return bytes;
}

export function uuidText(bytes: Buffer): string {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** 8 bytes of SHA-1 over the canonical fields: equal digests mean the same record content. */
export function contentDigest(fields: readonly string[]): Buffer {
  return hash('sha1', fields.join('\u0000'), 'buffer').subarray(0, 8);
}
