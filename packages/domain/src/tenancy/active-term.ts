import { conflict } from '../errors.js';
import { endMs, formatEnd, formatInstant, toMs } from '../instant.js';

/** When a contract is (or claims to be) active at its site: [startsAt, endsAt), endsAt null: open-ended. */
export type ActiveTerm = { contractId: string; startsAt: string; endsAt: string | null };

/** The earlier of two ends, null being open-ended. */
export function earlierEnd(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return toMs(b) < toMs(a) ? b : a;
}

export function termsOverlap(a: ActiveTerm, b: ActiveTerm): boolean {
  return (
    toMs(a.startsAt) < endMs(b.endsAt) &&
    toMs(b.startsAt) < endMs(a.endsAt) &&
    toMs(a.startsAt) < endMs(a.endsAt) &&
    toMs(b.startsAt) < endMs(b.endsAt)
  );
}

/** The one-active-contract rule: CONFLICT naming the first other term `mine` overlaps. */
export function refuseOverlap(
  tenantId: string,
  siteId: string,
  mine: ActiveTerm,
  others: readonly ActiveTerm[],
): void {
  for (const other of others) {
    if (other.contractId === mine.contractId || !termsOverlap(mine, other)) continue;
    throw conflict(
      `tenant ${tenantId} already has contract ${other.contractId} active at site ${siteId} ` +
        `from ${other.startsAt} to ${formatEnd(other.endsAt)}; contract ${mine.contractId} ` +
        `(from ${mine.startsAt} to ${formatEnd(mine.endsAt)}) would overlap it from ` +
        `${formatInstant(Math.max(toMs(mine.startsAt), toMs(other.startsAt)))}`,
      'id',
    );
  }
}
