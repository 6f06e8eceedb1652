import {
  FIRST_ACCEPTED_YEAR as FIRST_YEAR,
  LAST_ACCEPTED_YEAR as LAST_YEAR,
  isAcceptedYear,
} from '@cadran/domain';
import { DateTime } from 'luxon';

/** A bank or calendar date, "YYYY-MM-DD". */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const DATE_ACCEPTED = `a date as "YYYY-MM-DD" from ${FIRST_YEAR}-01-01 to ${LAST_YEAR}-12-31, such as "2026-05-02"`;

/** A real calendar date of an accepted year: interest and ageing count days from it. */
export const isDate = (value: unknown): value is string =>
  typeof value === 'string' &&
  DATE_PATTERN.test(value) &&
  isAcceptedYear(Number(value.slice(0, 4))) &&
  DateTime.fromISO(value, { zone: 'UTC' }).isValid;

/** The calendar date of an instant in a time zone. */
export const localDate = (instant: string, zone: string): string =>
  DateTime.fromISO(instant, { zone: 'UTC' }).setZone(zone).toISODate()!;

/** Whole calendar days from `from` to `to` (negative when `to` is earlier); DST plays no part. */
export const daysBetween = (from: string, to: string): number =>
  Math.round(
    DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days')
      .days,
  );

export const addDays = (date: string, days: number): string =>
  DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;

/** The local due date: `dueAt` read in the operator's time zone; overdue from the day after. */
export const dueDate = (invoice: { dueAt: string; timeZone: string }): string =>
  localDate(invoice.dueAt, invoice.timeZone);
