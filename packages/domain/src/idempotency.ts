import { createHash } from 'node:crypto';
import { conflict } from './errors.js';

/**
 * An id already used: the same command again writes nothing ([]); another command is CONFLICT.
 * `recorded` and `asked` hold the fields the command sets, both canonical.
 */
export function repeatOrConflict<E>(
  entity: string,
  id: string,
  recorded: unknown,
  asked: unknown,
): E[] {
  if (canonicalJson(recorded) === canonicalJson(asked)) return [];
  throw conflict(
    `${entity} ${id} already exists with other details; choose another id or send the same details again`,
    'id',
  );
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

/** SHA-256 (hex) of the canonical JSON of a command's data: what an id claim records of it. */
export function commandDigest(data: unknown): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex');
}
