import type { HeldReservation } from '../contract/contract-commands.js';
import { termEnd, type ContractState } from '../contract/contract-state.js';
import { formatInstant, toMs } from '../instant.js';
import { heldUntil, type SiteState } from './site-state.js';

/** The contract's reservations as the site ledger holds them, cut at its termination even before the release is written. */
export function heldReservations(site: SiteState, contract: ContractState): HeldReservation[] {
  if (contract.status === 'NONE') return [];
  const { drafted } = contract;
  const end = termEnd(contract);
  return Object.values(site.reservations)
    .filter((r) => r.contractId === drafted.contractId)
    .map((r) => ({
      reservation: r,
      until: Math.min(heldUntil(site, r), end === null ? Infinity : toMs(end)),
    }))
    .filter(({ reservation, until }) => until > toMs(reservation.startsAt))
    .map(({ reservation, until }) => ({
      reservationId: reservation.reservationId,
      gpuModel: reservation.gpuModel,
      startsAt: reservation.startsAt,
      heldUntil: formatInstant(until),
    }));
}
