/**
 * Dates as a French finance reader types them: 31/03/2026 and 31/03/2026 23:59. A browser's date
 * picker follows the browser's own locale (an American Chromium shows 04/01/2026 for the 1st of
 * April), so the console's date fields are text in one stated format instead.
 */

import { localDate } from './format';

export type DateKind = 'date' | 'dateTime';

export const DATE_FORMAT: Record<DateKind, string> = {
  date: 'dd/mm/yyyy',
  dateTime: 'dd/mm/yyyy hh:mm',
};

const PATTERN: Record<DateKind, RegExp> = {
  date: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
  dateTime: /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2})[:h](\d{2})$/,
};
/** ISO 8601 (2026-03-31, 2026-03-31T23:59) is unambiguous too: pasted from elsewhere, it is taken. */
const ISO: Record<DateKind, RegExp> = {
  date: /^(\d{4})-(\d{2})-(\d{2})$/,
  dateTime: /^(\d{4})-(\d{2})-(\d{2})[T\s](\d{2}):(\d{2})$/,
};

const partsOf = (text: string, kind: DateKind): number[] | undefined => {
  const typed = PATTERN[kind].exec(text);
  if (typed) return typed.slice(1).map(Number);
  const iso = ISO[kind].exec(text);
  if (!iso) return undefined;
  const [year, month, day, ...time] = iso.slice(1).map(Number);
  return [day ?? 0, month ?? 0, year ?? 0, ...time];
};

const two = (value: number) => String(value).padStart(2, '0');

/**
 * The wall-clock value of a typed date: YYYY-MM-DD for a date, YYYY-MM-DDTHH:mm for a date and
 * time; undefined when the text is not one (31/02/2026 is not).
 */
export const parseTypedDate = (text: string, kind: DateKind): string | undefined => {
  const parts = partsOf(text.trim(), kind);
  if (!parts) return undefined;
  const [day, month, year, hour = 0, minute = 0] = parts;
  const probe = new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day, hour, minute));
  if (
    probe.getUTCDate() !== day ||
    probe.getUTCMonth() !== (month ?? 0) - 1 ||
    hour > 23 ||
    minute > 59
  )
    return undefined;
  const ymd = `${year}-${two(month ?? 0)}-${two(day ?? 0)}`;
  return kind === 'date' ? ymd : `${ymd}T${two(hour)}:${two(minute)}`;
};

/** A wall-clock value (YYYY-MM-DD or YYYY-MM-DDTHH:mm) as it is typed and shown: 31/03/2026 23:59. */
export const typedDateOf = (local: string): string => {
  const [ymd = '', time] = local.split('T');
  return time ? `${localDate(ymd)} ${time.slice(0, 5)}` : localDate(ymd);
};
