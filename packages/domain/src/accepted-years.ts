/**
 * The years of the instants, dates and billing months Cadran takes as input: 2000 to 2999. Wide
 * enough for any contract or record, narrow enough that every month and instant derived from one
 * (a period's end, a local midnight) still has a four-digit year.
 */
export const FIRST_ACCEPTED_YEAR = 2000;
export const LAST_ACCEPTED_YEAR = 2999;

export const isAcceptedYear = (year: number): boolean =>
  Number.isInteger(year) && year >= FIRST_ACCEPTED_YEAR && year <= LAST_ACCEPTED_YEAR;
