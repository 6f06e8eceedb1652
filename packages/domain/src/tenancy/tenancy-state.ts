import type { TenancyEvent } from '../events.js';
import { earlierEnd, type ActiveTerm } from './active-term.js';

/** A contract's claim to be the tenant's active contract at the site, and when it stopped. */
export type TenancyClaim = ActiveTerm & { deactivatedAt: string | null };

/** Stream tenancy-{tenantId}.{siteId}: every contract that claimed the pair, by id. */
export type TenancyState = { claims: Record<string, TenancyClaim> };

export const initialTenancyState = (): TenancyState => ({ claims: {} });

export function evolveTenancy(state: TenancyState, event: TenancyEvent): TenancyState {
  switch (event.type) {
    case 'ContractActivated': {
      const { contractId, startsAt, endsAt } = event.data;
      return {
        claims: {
          ...state.claims,
          [contractId]: { contractId, startsAt, endsAt, deactivatedAt: null },
        },
      };
    }
    case 'ContractDeactivated': {
      const claim = state.claims[event.data.contractId];
      if (!claim) return state;
      return {
        claims: {
          ...state.claims,
          [claim.contractId]: { ...claim, deactivatedAt: event.data.effectiveAt },
        },
      };
    }
    default:
      return state;
  }
}

/** The term a claim holds: its contract's term, cut at the deactivation. */
export function claimedTerm(claim: TenancyClaim): ActiveTerm {
  return {
    contractId: claim.contractId,
    startsAt: claim.startsAt,
    endsAt: earlierEnd(claim.endsAt, claim.deactivatedAt),
  };
}
