import type { ContractAmended, ContractDrafted, ContractEvent, RateCardData } from '../events.js';
import { notFound } from '../errors.js';
import { endMs, toMs } from '../instant.js';

export type ContractStatus = 'DRAFT' | 'SIGNED' | 'TERMINATED';

export type Termination = { effectiveAt: string; reason: string; terminatedAt: string };

type Terms = { drafted: ContractDrafted['data']; amendments: ContractAmended['data'][] };

/** Stream contract-{contractId}: nothing yet, then drafted, signed, terminated (a draft may be terminated unsigned). */
export type ContractState =
  | { status: 'NONE' }
  | (Terms & { status: 'DRAFT' })
  | (Terms & { status: 'SIGNED'; signedAt: string })
  | (Terms & { status: 'TERMINATED'; signedAt: string | null; termination: Termination });

/** A contract that exists: drafted, signed or terminated. */
export type DraftedContract = Exclude<ContractState, { status: 'NONE' }>;

export const initialContractState = (): ContractState => ({ status: 'NONE' });

export function evolveContract(state: ContractState, event: ContractEvent): ContractState {
  switch (event.type) {
    case 'ContractDrafted':
      if (state.status !== 'NONE') return state;
      return { status: 'DRAFT', drafted: event.data, amendments: [] };
    case 'ContractSigned':
      if (state.status !== 'DRAFT') return state;
      return { ...state, status: 'SIGNED', signedAt: event.data.signedAt };
    case 'ContractAmended':
      if (state.status === 'NONE') return state;
      return { ...state, amendments: [...state.amendments, event.data] };
    case 'ContractTerminated': {
      if (state.status === 'NONE') return state;
      const { effectiveAt, reason, terminatedAt } = event.data;
      return {
        drafted: state.drafted,
        amendments: state.amendments,
        status: 'TERMINATED',
        signedAt: signedAt(state),
        termination: { effectiveAt, reason, terminatedAt },
      };
    }
    default:
      return state;
  }
}

/** When the contract was signed; null: never (still a draft, or terminated as one). */
export function signedAt(state: ContractState): string | null {
  return state.status === 'SIGNED' || state.status === 'TERMINATED' ? state.signedAt : null;
}

export function terminationOf(state: ContractState): Termination | null {
  return state.status === 'TERMINATED' ? state.termination : null;
}

/** The contract once drafted; NOT_FOUND naming `field` before. */
export function draftedContract(
  state: ContractState,
  contractId: string,
  field = 'contractId',
): DraftedContract {
  if (state.status === 'NONE') throw notFound(`${field}: no contract ${contractId}`, field);
  return state;
}

export function contractStatus(state: DraftedContract): ContractStatus {
  return state.status;
}

/** End of the term once a termination is applied; null: open-ended. */
export function termEnd(contract: DraftedContract): string | null {
  const { drafted } = contract;
  const end = terminationOf(contract)?.effectiveAt ?? null;
  if (end === null) return drafted.endsAt;
  if (drafted.endsAt === null) return end;
  return toMs(end) < toMs(drafted.endsAt) ? end : drafted.endsAt;
}

/** [start, end) in ms during which the contract is active (signed, in term, not terminated); null: never. */
export function activeInterval(state: ContractState): { start: number; end: number } | null {
  if (state.status === 'NONE' || signedAt(state) === null) return null;
  const start = toMs(state.drafted.startsAt);
  const end = endMs(termEnd(state));
  return end > start ? { start, end } : null;
}

export type RateCardSegment = {
  effectiveAt: string;
  amendmentId: string | null;
  rateCard: RateCardData;
};

/** Rate cards in force, by effectiveAt; a later amendment with the same effectiveAt replaces an earlier one. */
export function rateCardSegments(state: ContractState): RateCardSegment[] {
  if (state.status === 'NONE') return [];
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
