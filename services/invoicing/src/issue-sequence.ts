import { documentYear, parseDocumentNumber } from '@cadran/billing';

/** Never before the last issued document: numbers and issue dates go up together. */
export function nextIssueInstant(now: string, last: string | undefined): string {
  return last !== undefined && Date.parse(last) > Date.parse(now) ? last : now;
}

/** The sequence that follows the last document, restarting at 1 with the year of issue. */
export function nextSequence(
  lastNumber: string | undefined,
  issuedAt: string,
  timeZone: string,
): number {
  if (lastNumber === undefined) return 1;
  const last = parseDocumentNumber(lastNumber);
  return last.year === documentYear(issuedAt, timeZone) ? last.sequence + 1 : 1;
}
