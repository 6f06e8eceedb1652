import type { CapacityReserved, PowerCommitted, SiteEvent, SiteRegistered } from '../events.js';
import { badInput } from '../errors.js';
import { toMs } from '../instant.js';

export type ReservationState = CapacityReserved['data'] & {
  cancelledAt: string | null;
  cancelReason: string | null;
};
export type CommitmentState = PowerCommitted['data'];

/** The site and its capacity ledger. */
export type SiteState = {
  site: SiteRegistered['data'] | null;
  reservations: Record<string, ReservationState>;
  commitments: Record<string, CommitmentState>;
  /** contractId → instant from which its reservations and commitments are released. */
  releases: Record<string, string>;
};

export const initialSiteState = (): SiteState => ({
  site: null,
  reservations: {},
  commitments: {},
  releases: {},
});

export function evolveSite(state: SiteState, event: SiteEvent): SiteState {
  switch (event.type) {
    case 'SiteRegistered':
      return { ...state, site: event.data };
    case 'CapacityReserved':
      return {
        ...state,
        reservations: {
          ...state.reservations,
          [event.data.reservationId]: { ...event.data, cancelledAt: null, cancelReason: null },
        },
      };
    case 'ReservationCancelled': {
      const reservation = state.reservations[event.data.reservationId];
      if (!reservation) return state;
      return {
        ...state,
        reservations: {
          ...state.reservations,
          [event.data.reservationId]: {
            ...reservation,
            cancelledAt: event.data.cancelledAt,
            cancelReason: event.data.reason,
          },
        },
      };
    }
    case 'PowerCommitted':
      return {
        ...state,
        commitments: { ...state.commitments, [event.data.commitmentId]: event.data },
      };
    case 'ContractCapacityReleased':
      return {
        ...state,
        releases: { ...state.releases, [event.data.contractId]: event.data.effectiveAt },
      };
    default:
      return state;
  }
}

/** When a reservation or commitment stops holding capacity: its end, cut by cancellation or release. */
export function heldUntil(
  state: SiteState,
  held: { contractId: string; endsAt: string; cancelledAt?: string | null },
): number {
  const cuts = [held.endsAt, held.cancelledAt, state.releases[held.contractId]].filter(
    (instant): instant is string => typeof instant === 'string',
  );
  return Math.min(...cuts.map(toMs));
}

/** How many GPUs of `gpuModel` the site has; BAD_USER_INPUT naming the models it has when none. */
export function installedGpus(site: SiteRegistered['data'], gpuModel: string): number {
  const installed = site.gpuInventory.find((g) => g.gpuModel === gpuModel)?.count;
  if (installed === undefined) {
    const models = site.gpuInventory.map((g) => g.gpuModel).join(', ') || 'none';
    throw badInput(
      'gpuModel',
      `a GPU model installed at site ${site.siteId} (${models})`,
      gpuModel,
    );
  }
  return installed;
}
