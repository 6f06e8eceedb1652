import type { Database, Statement } from 'better-sqlite3';
import { IANAZone } from 'luxon';
import { badInput, parseRfc3339 } from '@cadran/domain';

/** Prepares each SQL text once: filters build a handful of variants. */
export function statementCache(db: Database): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}

export function instantArg(field: string, value: unknown): number {
  const ms = typeof value === 'string' ? parseRfc3339(value) : undefined;
  if (ms === undefined)
    throw badInput(field, 'an RFC 3339 instant with an offset, like 2026-03-01T00:00:00Z', value);
  return ms;
}

export function rangeArgs(from: unknown, to: unknown): { fromMs: number; toMs: number } {
  const fromMs = instantArg('from', from);
  const toMs = instantArg('to', to);
  if (toMs < fromMs) throw badInput('to', `an instant at or after from (${String(from)})`, to);
  return { fromMs, toMs };
}

/** Zones already checked: luxon's check builds an Intl formatter each time. */
const knownZones = new Set<string>(['UTC']);

export function timeZoneArg(value: unknown): string {
  if (value === undefined || value === null) return 'UTC';
  if (typeof value === 'string' && knownZones.has(value)) return value;
  if (typeof value !== 'string' || !IANAZone.isValidZone(value)) {
    throw badInput('timeZone', 'an IANA time zone such as "Europe/Paris"', value);
  }
  knownZones.add(value);
  return value;
}

export function limitArg(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100_000) {
    throw badInput('limit', 'an integer from 1 to 100000', value);
  }
  return value;
}

export const parseJson = <T>(text: string): T => JSON.parse(text) as T;

/** `column = ?` for each filter value given; `extra` conditions come with their own parameters. */
export function whereEqual(
  equalities: Record<string, string | undefined>,
  extra: { condition: string; params: string[] }[] = [],
): { where: string; params: string[] } {
  const conditions: string[] = [];
  const params: string[] = [];
  for (const [column, value] of Object.entries(equalities)) {
    if (value === undefined) continue;
    conditions.push(`${column} = ?`);
    params.push(value);
  }
  for (const { condition, params: more } of extra) {
    conditions.push(condition);
    params.push(...more);
  }
  return { where: conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '', params };
}
