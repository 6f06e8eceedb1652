import { remaining, type Book } from './book.js';
import type { AllocationRule } from './events.js';
import type { InvoiceFacts } from './facts.js';
import { minMoney, type Money } from './money.js';

export type PlannedAllocation = { invoice: InvoiceFacts; amount: Money; rule: AllocationRule };

/** Oldest due first: by due instant, then issue instant, then number. */
export const byOldestDue = (a: InvoiceFacts, b: InvoiceFacts): number =>
  a.dueAt.localeCompare(b.dueAt) ||
  a.issuedAt.localeCompare(b.issuedAt) ||
  a.number.localeCompare(b.number);

/**
 * Spreads `available` over `invoices` in the order given, each up to what remains of it. Invoices
 * already settled take nothing; what is left over stays with the payment (the party's credit).
 */
export function spread(
  book: Book,
  invoices: readonly InvoiceFacts[],
  available: Money,
  rule: AllocationRule,
): PlannedAllocation[] {
  const planned: PlannedAllocation[] = [];
  let left = available;
  for (const invoice of invoices) {
    if (!left.greaterThan(0)) break;
    const amount = minMoney(left, remaining(book, invoice));
    if (!amount.greaterThan(0)) continue;
    planned.push({ invoice, amount, rule });
    left = left.minus(amount);
  }
  return planned;
}
