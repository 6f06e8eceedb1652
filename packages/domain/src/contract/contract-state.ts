import type { ContractAmended, ContractDrafted, ContractEvent, RateCardData } from '../events.js';
import { endMs, toMs } from '../instant.js';

export type ContractStatus = 'DRAFT' | 'SIGNED' | 'TERMINATED';

export type ContractState = {
  drafted: ContractDrafted['data'] | null;
  signedAt: string | null;
  termination: { effectiveAt: string; reason: string; terminatedAt: string } | null;
  amendments: ContractAmended['data'][];
};

export const initialContractState = (): ContractState => ({
  drafted: null,
  signedAt: null,
  termination: null,
  amendments: [],
});

export function evolveContract(state: ContractState, event: ContractEvent): ContractState {
  switch (event.type) {
    case 'ContractDrafted':
      return { ...state, drafted: event.data };
    case 'ContractSigned':
      return { ...state, signedAt: event.data.signedAt };
    case 'ContractAmended':
      return { ...state, amendments: [...state.amendments, event.data] };
    case 'ContractTerminated':
      return {
        ...state,
        termination: {
          effectiveAt: event.data.effectiveAt,
          reason: event.data.reason,
          terminatedAt: event.data.terminatedAt,
        },
      };
  }
}

export function contractStatus(state: ContractState): ContractStatus {
  if (state.termination) return 'TERMINATED';
  return state.signedAt ? 'SIGNED' : 'DRAFT';
}

/** End of the term once a termination is applied; null: open-ended. */
export function termEnd(drafted: ContractDrafted['data'], state: ContractState): string | null {
  const end = state.termination?.effectiveAt ?? null;
  if (end === null) return drafted.endsAt;
  if (drafted.endsAt === null) return end;
  return toMs(end) < toMs(drafted.endsAt) ? end : drafted.endsAt;
}

/** [start, end) in ms during which the contract is active (signed, in term, not terminated); null: never. */
export function activeInterval(state: ContractState): { start: number; end: number } | null {
  if (!state.drafted || !state.signedAt) return null;
  const start = toMs(state.drafted.startsAt);
  const end = endMs(termEnd(state.drafted, state));
  return end > start ? { start, end } : null;
}

export type RateCardSegment = {
  effectiveAt: string;
  amendmentId: string | null;
  rateCard: RateCardData;
};

/** Rate cards in force, by effectiveAt; a later amendment with the same effectiveAt replaces an earlier one. */
export function rateCardSegments(state: ContractState): RateCardSegment[] {
  if (!state.drafted) return [];
  const segments: RateCardSegment[] = [
    { effectiveAt: state.drafted.startsAt, amendmentId: null, rateCard: state.drafted.rateCard },
    ...state.amendments.map((a) => ({
      effectiveAt: a.effectiveAt,
      amendmentId: a.amendmentId,
      rateCard: a.rateCard,
    })),
  ];
  const byInstant = new Map<number, RateCardSegment>();
  for (const segment of segments) byInstant.set(toMs(segment.effectiveAt), segment);
  return [...byInstant.entries()].sort(([a], [b]) => a - b).map(([, segment]) => segment);
}

/** The rate cards that apply somewhere in [fromMs, toMs). */
export function rateCardsDuring(
  state: ContractState,
  fromMs: number,
  toMsExclusive: number,
): RateCardSegment[] {
  const segments = rateCardSegments(state);
  return segments.filter((segment, index) => {
    const start = toMs(segment.effectiveAt);
    const next = segments[index + 1];
    const end = next ? toMs(next.effectiveAt) : Number.POSITIVE_INFINITY;
    return start < toMsExclusive && end > fromMs;
  });
}
