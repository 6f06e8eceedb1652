import type Decimal from 'decimal.js';
import { D } from './decimal.js';
import { fail } from './errors.js';

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
const INSTANT_TEXT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

type Sign = 'any' | 'positive' | 'nonNegative';

function isDecimalInstance(value: unknown): value is Decimal {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'Decimal'
  );
}

/** A decimal given as a string ("3.10") or a decimal.js Decimal; never a JS number. */
export function parseDecimal(value: unknown, field: string, sign: Sign = 'any'): Decimal {
  let parsed: Decimal;
  const known = typeof value === 'string' ? decimals.get(value) : undefined;
  if (known !== undefined) parsed = known;
  else if (typeof value === 'string' && DECIMAL_TEXT.test(value))
    parsed = remember(decimals, value, new D(value));
  else if (typeof value === 'string' && DECIMAL_TEXT.test(value.trim()))
    parsed = new D(value.trim());
  else if (isDecimalInstance(value) && value.isFinite()) parsed = new D(value);
  else
    fail(field, `expected a decimal string such as "3.10" (or a Decimal), got ${describe(value)}`);
  if (sign === 'positive' && !parsed.gt(0)) fail(field, `must be greater than 0, got ${parsed}`);
  if (sign === 'nonNegative' && parsed.lt(0)) fail(field, `must be 0 or more, got ${parsed}`);
  return parsed;
}

/**
 * Instants and decimals already parsed: a batch passes the same hour starts and quantities for
 * every contract. Decimals are immutable, so one instance may be shared. Bounded, then restarted.
 */
const instants = new Map<string, number>();
const decimals = new Map<string, Decimal>();
const MAX_REMEMBERED = 100_000;

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= MAX_REMEMBERED) cache.clear();
  cache.set(key, value);
  return value;
}

/** An RFC 3339 instant with an explicit offset ("2026-03-01T00:00:00Z"); returns epoch ms. */
export function parseInstant(value: unknown, field: string): number {
  if (typeof value === 'string') {
    const known = instants.get(value);
    if (known !== undefined) return known;
  }
  return remember(instants, value as string, parseInstantText(value, field));
}

function parseInstantText(value: unknown, field: string): number {
  const match = typeof value === 'string' ? INSTANT_TEXT.exec(value) : null;
  if (!match) {
    fail(
      field,
      `expected an RFC 3339 instant with an offset such as "2026-03-01T00:00:00Z", got ${describe(value)}`,
    );
  }
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const month = Number(mo) - 1;
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s ? Number(s) : 0;
  const local = Date.UTC(Number(y), month, day, hour, minute, second);
  const calendar = new Date(local);
  if (
    Number(y) < 1000 ||
    calendar.getUTCMonth() !== month ||
    calendar.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    fail(field, `not a real date and time: ${String(value)}`);
  }
  const millis = fraction ? Number(fraction.slice(1, 4).padEnd(3, '0')) : 0;
  return local + millis - offsetMinutes(zone!) * 60_000;
}

function offsetMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
  return zone[0] === '-' ? -minutes : minutes;
}

export function parseOptionalInstant(value: unknown, field: string): number | null {
  return value === undefined || value === null ? null : parseInstant(value, field);
}

export function parseInteger(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    fail(field, `expected a whole number of at least ${min}, got ${describe(value)}`);
  }
  return value;
}

export function parseText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    fail(field, `expected a non-empty string, got ${describe(value)}`);
  }
  return value;
}

export function parseTextList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(field, `expected a list of ids, got ${describe(value)}`);
  return value.map((item, index) => parseText(item, `${field}[${index}]`));
}

export function parseList<T>(value: unknown, field: string): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(field, `expected a list, got ${describe(value)}`);
  return value as T[];
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return `the number ${value}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
