import { BillingInputError } from '@cadran/billing';
import {
  DomainError,
  FIRST_ACCEPTED_YEAR,
  LAST_ACCEPTED_YEAR,
  badInput,
  isAcceptedYear,
} from '@cadran/domain';

/** Billing engine refusals become BAD_USER_INPUT naming the field; anything else passes through. */
export function asDomainError(error: unknown): unknown {
  if (error instanceof BillingInputError)
    return new DomainError('BAD_USER_INPUT', error.message, error.field);
  return error;
}

export async function domainErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asDomainError(error);
  }
}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
export function checkPeriod(period: unknown, field = 'period'): string {
  if (
    typeof period !== 'string' ||
    !PERIOD.test(period) ||
    !isAcceptedYear(Number(period.slice(0, 4)))
  ) {
    throw badInput(
      field,
      `a month as "YYYY-MM" from ${FIRST_ACCEPTED_YEAR}-01 to ${LAST_ACCEPTED_YEAR}-12, such as "2026-03"`,
      period,
    );
  }
  return period;
}
