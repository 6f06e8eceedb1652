import { billingPeriod, periodContaining, type Period } from '@cadran/billing';
import { badInput } from '@cadran/domain';

/**
 * Which months can be invoiced now, in the operator's time zone. A batch is run for a month that
 * has started (drafts of the current month show the month so far); it is issued only once the
 * month has ended, since an issued invoice is frozen and numbered: issuing a month still under
 * way would bill part of its reservations and usage for good, the rest as adjustments later.
 */
const currentMonth = (now: string, timeZone: string): Period => periodContaining(now, timeZone);

export function requireMonthStarted(period: Period, now: string, timeZone: string): void {
  const current = currentMonth(now, timeZone);
  if (period > current)
    throw badInput(
      'period',
      `a month that has started in ${timeZone} (the current month there is ${current})`,
      period,
    );
}

export function requireMonthEnded(
  batchId: string,
  period: Period,
  now: string,
  timeZone: string,
): void {
  const current = currentMonth(now, timeZone);
  if (period >= current)
    throw badInput(
      'batchId',
      `the batch of a month that has ended in ${timeZone} (the current month there is ${current}; ${period} can be issued from ${billingPeriod(period, timeZone).end}, its end)`,
      batchId,
    );
}
