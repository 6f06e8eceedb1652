import { issuedBy, outstandingAsOf } from './as-of.js';
import type { Book } from './book.js';
import { daysBetween, dueDate } from './dates.js';
import { partyKey, type PartyRef } from './facts.js';
import { formatMoney, sumMoney, ZERO, type Money } from './money.js';

export const AGEING_BUCKETS = [
  'NOT_YET_DUE',
  'DAYS_1_30',
  'DAYS_31_60',
  'DAYS_61_90',
  'OVER_90',
] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

/** Days past the local due date: 0 or less is not yet due (the due date itself included). */
export const bucketOf = (daysPastDue: number): AgeingBucket =>
  daysPastDue <= 0
    ? 'NOT_YET_DUE'
    : daysPastDue <= 30
      ? 'DAYS_1_30'
      : daysPastDue <= 60
        ? 'DAYS_31_60'
        : daysPastDue <= 90
          ? 'DAYS_61_90'
          : 'OVER_90';

export type AgeingRow = {
  party: PartyRef;
  partyName: string;
  notYetDue: string;
  days1To30: string;
  days31To60: string;
  days61To90: string;
  over90: string;
  total: string;
};
export type Ageing = {
  asOf: string;
  parties: AgeingRow[];
  total: Omit<AgeingRow, 'party' | 'partyName'>;
};

const row = (amounts: Record<AgeingBucket, Money>) => ({
  notYetDue: formatMoney(amounts.NOT_YET_DUE),
  days1To30: formatMoney(amounts.DAYS_1_30),
  days31To60: formatMoney(amounts.DAYS_31_60),
  days61To90: formatMoney(amounts.DAYS_61_90),
  over90: formatMoney(amounts.OVER_90),
  total: formatMoney(sumMoney(Object.values(amounts))),
});
const zeros = (): Record<AgeingBucket, Money> =>
  Object.fromEntries(AGEING_BUCKETS.map((bucket) => [bucket, ZERO])) as Record<AgeingBucket, Money>;

/**
 * What is owed at the end of local date `asOf`, by party and by how long past the local due date
 * (whole calendar days in the invoice's time zone: a DST change or a year end changes nothing).
 * Only invoices issued by then, with something outstanding; parties sorted by key.
 */
export function ageing(book: Book, asOf: string, parties?: (party: PartyRef) => boolean): Ageing {
  const byParty = new Map<
    string,
    { party: PartyRef; partyName: string; amounts: Record<AgeingBucket, Money> }
  >();
  const totals = zeros();
  for (const invoice of book.invoices.values()) {
    if (!issuedBy(invoice, asOf) || (parties && !parties(invoice.party))) continue;
    const owed = outstandingAsOf(book, invoice, asOf);
    if (!owed.greaterThan(0)) continue;
    const bucket = bucketOf(daysBetween(dueDate(invoice), asOf));
    const key = partyKey(invoice.party);
    const entry = byParty.get(key) ?? {
      party: invoice.party,
      partyName: invoice.partyName,
      amounts: zeros(),
    };
    entry.amounts[bucket] = entry.amounts[bucket].plus(owed);
    byParty.set(key, entry);
    totals[bucket] = totals[bucket].plus(owed);
  }
  return {
    asOf,
    parties: [...byParty.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, { party, partyName, amounts }]) => ({ party, partyName, ...row(amounts) })),
    total: row(totals),
  };
}
