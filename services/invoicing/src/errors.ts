import { BillingInputError } from '@cadran/billing';
import { DomainError, badInput } from '@cadran/domain';

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
  if (typeof period !== 'string' || !PERIOD.test(period) || Number(period.slice(0, 4)) < 1970) {
    throw badInput(field, 'a month as "YYYY-MM" such as "2026-03"', period);
  }
  return period;
}
