import { addDays, dueDate, localDate } from './dates.js';
import type { ReminderStep } from './events.js';
import type { InvoiceFacts } from './facts.js';

/** The reminder schedule, in days from the local due date. */
export const REMINDER_SCHEDULE: readonly { step: ReminderStep; days: number }[] = [
  { step: 'DUE_SOON', days: -3 },
  { step: 'OVERDUE_1', days: 1 },
  { step: 'OVERDUE_15', days: 15 },
  { step: 'OVERDUE_30', days: 30 },
];

/**
 * The step an unpaid invoice has reached on the local date of `asOf`: the latest whose date has
 * come. A step already passed when a later one is reached is never sent late (one reminder per
 * run and invoice, never two for a step).
 */
export function reachedStep(
  invoice: InvoiceFacts,
  asOf: string,
): { step: ReminderStep; stepDate: string; dueDate: string } | null {
  const due = dueDate(invoice);
  const today = localDate(asOf, invoice.timeZone);
  let reached: { step: ReminderStep; stepDate: string; dueDate: string } | null = null;
  for (const { step, days } of REMINDER_SCHEDULE) {
    const stepDate = addDays(due, days);
    if (stepDate <= today) reached = { step, stepDate, dueDate: due };
  }
  return reached;
}

export const stepIndex = (step: ReminderStep): number =>
  REMINDER_SCHEDULE.findIndex((entry) => entry.step === step);
