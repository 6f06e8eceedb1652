import { hash } from 'node:crypto';

/** Fixed namespaces: the event id of a record depends on its kind and id only, in every process, forever. */
const NAMESPACES = {
  usage: Buffer.from('5f0c6a2e9d0b4c7a8e3f1b2d4c6a8e01', 'hex'),
  energy: Buffer.from('5f0c6a2e9d0b4c7a8e3f1b2d4c6a8e02', 'hex'),
} as const;

export type RecordKind = keyof typeof NAMESPACES;

/** Namespace then name, written in place: one buffer for every id (record ids are at most 64 characters). */
const input = Buffer.alloc(16 + 4 * 1024);

/**
 * The UUIDv5 of the record id (text, lower case): the id of its event in the log. The log
 * refuses one event id twice, so a record can be in the log once, whatever the process or the
 * site it was sent for.
 */
export function recordEventId(kind: RecordKind, recordId: string): string {
  NAMESPACES[kind].copy(input, 0);
  const length = input.write(recordId, 16, 'utf8');
  if (length === input.length - 16) throw new Error('record id too long for an event id');
  const h = hash('sha1', input.subarray(0, 16 + length), 'hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** 8 bytes (16 hex digits) of SHA-1 over the canonical fields: equal digests mean the same record content. */
export function contentDigest(fields: readonly string[]): string {
  return hash('sha1', fields.join('\u0000'), 'hex').slice(0, 16);
}
