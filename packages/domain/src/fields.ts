import Decimal from 'decimal.js';
import { z } from 'zod';
import { COUNTRY_CODES } from './country-codes.js';
import { describe } from './errors.js';
import { CONTROL_CHARACTERS_REFUSED, controlCharacterIn, printable } from './control-characters.js';
import { canonicalInstant, formatInstant, parseRfc3339 } from './instant.js';

/**
 * Field schemas: each turns raw input into its canonical form or adds one issue whose message
 * is "expected <what is accepted>, got <what came>"; see parse-input.ts for the field prefix.
 */

export type Check<T> = (value: unknown) => T | undefined;

function field<T>(accepted: string, check: Check<T>) {
  return z.unknown().transform((value, ctx): T => {
    const result = check(value);
    if (result === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected ${accepted}, got ${describe(value)}` });
      return z.NEVER;
    }
    return result;
  });
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const ID_ACCEPTED = "an id of 1 to 64 letters, digits, '-' or '_'";
export const isId = (value: unknown): value is string =>
  typeof value === 'string' && ID_PATTERN.test(value);

export const checkId: Check<string> = (v) => (isId(v) ? v : undefined);
export const id = () => field(ID_ACCEPTED, checkId);

/** An optional client-chosen id; absent (undefined or null) yields undefined. */
export const optionalId = () => id().optional().nullable();

/** A text field's refusal of a control character: says which character and where. */
function withoutControls<T extends z.ZodType>(schema: T) {
  return schema.superRefine((value, ctx) => {
    if (typeof value !== 'string') return;
    const found = controlCharacterIn(value);
    if (found !== undefined)
      ctx.addIssue({
        code: 'custom',
        message: `expected a text with ${CONTROL_CHARACTERS_REFUSED}, got ${describe(printable(value))} (${found})`,
      });
  });
}

export const text = (maxLength: number) =>
  withoutControls(
    field(`a non-blank text of at most ${maxLength} characters`, (v) =>
      typeof v === 'string' && v.trim().length > 0 && v.length <= maxLength ? v.trim() : undefined,
    ),
  );

/** Absent (missing, null or blank) yields null. */
export const optionalText = (maxLength: number) =>
  withoutControls(
    field(`a text of at most ${maxLength} characters, or nothing`, (v) => {
      if (v === null) return null;
      if (typeof v !== 'string' || v.length > maxLength) return undefined;
      return v.trim() === '' ? null : v.trim();
    }),
  )
    .optional()
    .transform((v) => v ?? null);

const GPU_MODEL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const checkGpuModel: Check<string> = (v) =>
  typeof v === 'string' && GPU_MODEL.test(v) ? v : undefined;
export const gpuModel = () =>
  field("a GPU model name of 1 to 64 letters, digits, '.', '-' or '_'", checkGpuModel);

export const integer = (min: number, max: number) =>
  field(`an integer from ${min} to ${max}`, (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined,
  );

const DECIMAL = /^-?\d{1,30}(\.\d{1,20})?$/;
/** Already canonical (what Decimal#toFixed gives back) and not negative: no Decimal needed to accept it. */
const CANONICAL_NON_NEGATIVE = /^(?:0|[1-9]\d{0,29})(?:\.\d{0,19}[1-9])?$/;

type DecimalBounds = { min?: string; minExclusive?: string; max?: string };

/** The canonical decimal string of `v` when it is a plain decimal within the bounds. */
export function decimalCheck(opts: DecimalBounds): Check<string> {
  const nonNegativeOnly =
    (opts.min === undefined || opts.min === '0') &&
    opts.minExclusive === undefined &&
    opts.max === undefined;
  return (v) => {
    if (typeof v !== 'string') return undefined;
    if (nonNegativeOnly && CANONICAL_NON_NEGATIVE.test(v)) return v;
    if (!DECIMAL.test(v)) return undefined;
    const d = new Decimal(v);
    if (opts.min !== undefined && d.lt(opts.min)) return undefined;
    if (opts.minExclusive !== undefined && d.lte(opts.minExclusive)) return undefined;
    if (opts.max !== undefined && d.gt(opts.max)) return undefined;
    return d.toFixed();
  };
}

/** A decimal string in plain notation; canonical output has no exponent and no trailing zeros. */
export const decimal = (opts: DecimalBounds) => {
  const bounds = [
    opts.minExclusive !== undefined ? `greater than ${opts.minExclusive}` : undefined,
    opts.min !== undefined ? `at least ${opts.min}` : undefined,
    opts.max !== undefined ? `at most ${opts.max}` : undefined,
  ].filter(Boolean);
  const accepted = `a decimal string like "12.5"${bounds.length ? `, ${bounds.join(' and ')}` : ''}`;
  return field(accepted, decimalCheck(opts));
};

export const optionalDecimal = (opts: { min?: string; max?: string }) =>
  decimal(opts).optional().nullable();

/** The canonical form of an RFC 3339 instant (UTC, no zero milliseconds). */
export const checkInstant: Check<string> = (v) => {
  if (typeof v !== 'string') return undefined;
  const canonical = canonicalInstant(v);
  if (canonical !== undefined) return canonical;
  const ms = parseRfc3339(v);
  return ms === undefined ? undefined : formatInstant(ms);
};
export const instant = () =>
  field('an RFC 3339 instant with an offset, like 2026-03-01T00:00:00Z', checkInstant);
export const optionalInstant = () => instant().optional().nullable();

export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZone = () =>
  field('an IANA time zone like "Europe/Paris"', (v) =>
    typeof v === 'string' && isTimeZone(v)
      ? new Intl.DateTimeFormat('en', { timeZone: v }).resolvedOptions().timeZone
      : undefined,
  );

export const countryCode = () =>
  field('an ISO 3166-1 alpha-2 country code like "FR"', (v) =>
    typeof v === 'string' && COUNTRY_CODES.has(v.toUpperCase()) ? v.toUpperCase() : undefined,
  );

const VAT_ID = /^[A-Z]{2}[0-9A-Z+*]{2,13}$/;
export const optionalVatId = () =>
  field(
    'a VAT number like "FR12345678901" (country prefix then 2 to 13 letters or digits), or nothing',
    (v) => {
      if (v === null) return null;
      if (typeof v !== 'string') return undefined;
      const compact = v.replace(/[\s.-]/g, '').toUpperCase();
      return VAT_ID.test(compact) ? compact : undefined;
    },
  )
    .optional()
    .transform((v) => v ?? null);

export const oneOf = <const T extends readonly string[]>(values: T) =>
  field(`one of ${values.join(', ')}`, (v) =>
    typeof v === 'string' && (values as readonly string[]).includes(v)
      ? (v as T[number])
      : undefined,
  );
