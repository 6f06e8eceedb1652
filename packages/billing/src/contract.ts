import { fail } from './errors.js';
import {
  parseInstant,
  parseInteger,
  parseList,
  parseOptionalInstant,
  parseText,
  parseTextList,
} from './parse.js';
import { parseTimeZone } from './period.js';
import { normalizeRateCard, type NormalizedRateCard } from './rate-card.js';
import type { BillingContract, ContractStatus, RateCardAmendment } from './types.js';

export interface RateCardVersion {
  /** -Infinity for the initial rate card. */
  fromMs: number;
  eventId: string;
  card: NormalizedRateCard;
}

export interface NormalizedContract {
  id: string;
  status: ContractStatus;
  timeZone: string;
  /** The instants the contract bills: its term, cut at the termination; empty for a draft. */
  billsFromMs: number;
  billsUntilMs: number;
  rateCards: RateCardVersion[];
  eventIds: string[];
}

const STATUSES: readonly ContractStatus[] = ['DRAFT', 'SIGNED', 'TERMINATED'];

export function normalizeContract(contract: BillingContract): NormalizedContract {
  if (typeof contract !== 'object' || contract === null) fail('contract', 'expected a contract');
  const id = parseText(contract.id, 'contract.id');
  if (!STATUSES.includes(contract.status)) {
    fail(
      'contract.status',
      `expected one of ${STATUSES.join(', ')}, got ${JSON.stringify(contract.status)}`,
    );
  }
  if (contract.currency !== 'EUR')
    fail('contract.currency', `only EUR is billed, got ${JSON.stringify(contract.currency)}`);
  const startsAt = parseInstant(contract.startsAt, 'contract.startsAt');
  const endsAt = parseOptionalInstant(contract.endsAt, 'contract.endsAt') ?? Infinity;
  if (endsAt <= startsAt) fail('contract.endsAt', 'must be after contract.startsAt');
  const terminatedAt =
    parseOptionalInstant(contract.terminatedAt, 'contract.terminatedAt') ?? Infinity;
  if (contract.status === 'TERMINATED' && terminatedAt === Infinity) {
    fail(
      'contract.terminatedAt',
      'a TERMINATED contract needs the instant its termination took effect',
    );
  }
  parseInteger(contract.paymentTermsDays, 'contract.paymentTermsDays', 0);
  const amendments = parseList<RateCardAmendment>(contract.amendments, 'contract.amendments').map(
    (a, i) => ({
      fromMs: parseInstant(a?.effectiveAt, `contract.amendments[${i}].effectiveAt`),
      eventId: parseText(a.eventId, `contract.amendments[${i}].eventId`),
      card: normalizeRateCard(a.rateCard, `contract.amendments[${i}].rateCard`),
    }),
  );
  amendments.sort((a, b) => a.fromMs - b.fromMs);
  amendments.forEach((a, i) => {
    if (i > 0 && amendments[i - 1]!.fromMs === a.fromMs) {
      fail('contract.amendments', `two amendments take effect at the same instant (${a.eventId})`);
    }
  });
  const billable = contract.status !== 'DRAFT';
  return {
    id,
    status: contract.status,
    timeZone: parseTimeZone(contract.billingTimeZone, 'contract.billingTimeZone'),
    billsFromMs: startsAt,
    billsUntilMs: billable ? Math.min(endsAt, terminatedAt) : startsAt,
    rateCards: [
      {
        fromMs: -Infinity,
        eventId: parseText(contract.initialRateCardEventId, 'contract.initialRateCardEventId'),
        card: normalizeRateCard(contract.initialRateCard, 'contract.initialRateCard'),
      },
      ...amendments,
    ],
    eventIds: parseTextList(contract.eventIds, 'contract.eventIds'),
  };
}

/**
 * The span of a reservation or commitment that the contract bills: its own [startsAt, endsAt),
 * cut at `releasedAt` (a cancellation) and at the contract's term and termination.
 */
export function billedSpan(
  item: { startsAt?: unknown; endsAt?: unknown },
  at: string,
  contract: NormalizedContract,
  releasedAt = Infinity,
): { startMs: number; endMs: number } {
  const startsAt = parseInstant(item?.startsAt, `${at}.startsAt`);
  const endsAt = parseInstant(item.endsAt, `${at}.endsAt`);
  if (endsAt <= startsAt) fail(`${at}.endsAt`, 'must be after startsAt');
  const startMs = Math.max(startsAt, contract.billsFromMs);
  return { startMs, endMs: Math.max(startMs, Math.min(endsAt, releasedAt, contract.billsUntilMs)) };
}
