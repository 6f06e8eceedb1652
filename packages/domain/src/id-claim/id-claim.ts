import type { Decider } from '../decider.js';
import { conflict } from '../errors.js';
import type { PowerCommitmentIdClaimed, ReservationIdClaimed } from '../events.js';

/**
 * Streams reservation-{id} and power-commitment-{id}: the first event names the site that owns
 * the id and a digest of the command that took it, so ids stay unique across sites. Claimed with
 * expectedRevision 'no_stream' before the site stream is written.
 */
export type IdClaim = { siteId: string; contractId: string; commandDigest: string };
export type IdClaimState = { claim: IdClaim | null };

export type ClaimReservationId = { type: 'ClaimReservationId'; data: ReservationIdClaimed['data'] };
export type ClaimPowerCommitmentId = {
  type: 'ClaimPowerCommitmentId';
  data: PowerCommitmentIdClaimed['data'];
};

const initialIdClaimState = (): IdClaimState => ({ claim: null });

function evolveIdClaim(
  state: IdClaimState,
  event: ReservationIdClaimed | PowerCommitmentIdClaimed,
): IdClaimState {
  switch (event.type) {
    case 'ReservationIdClaimed':
    case 'PowerCommitmentIdClaimed': {
      if (state.claim) return state;
      const { siteId, contractId, commandDigest } = event.data;
      return { claim: { siteId, contractId, commandDigest } };
    }
    default:
      return state;
  }
}

/** True when the id is free; false for the same command again; CONFLICT for any other. */
function isFree(kind: string, id: string, asked: IdClaim, state: IdClaimState): boolean {
  const { claim } = state;
  if (!claim) return true;
  if (claim.siteId !== asked.siteId)
    throw conflict(`${kind} ${id} already exists at site ${claim.siteId}; choose another id`, 'id');
  if (claim.commandDigest !== asked.commandDigest || claim.contractId !== asked.contractId) {
    throw conflict(
      `${kind} ${id} already exists with other details; choose another id or send the same details again`,
      'id',
    );
  }
  return false;
}

export const reservationIdDecider: Decider<ClaimReservationId, IdClaimState, ReservationIdClaimed> =
  {
    decide: ({ data }, state) =>
      isFree('reservation', data.reservationId, data, state)
        ? [{ type: 'ReservationIdClaimed', data }]
        : [],
    evolve: evolveIdClaim,
    initialState: initialIdClaimState,
  };

export const powerCommitmentIdDecider: Decider<
  ClaimPowerCommitmentId,
  IdClaimState,
  PowerCommitmentIdClaimed
> = {
  decide: ({ data }, state) =>
    isFree('power commitment', data.commitmentId, data, state)
      ? [{ type: 'PowerCommitmentIdClaimed', data }]
      : [],
  evolve: evolveIdClaim,
  initialState: initialIdClaimState,
};
