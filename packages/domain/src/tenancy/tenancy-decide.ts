import type { TenancyEvent } from '../events.js';
import { endMs, toMs } from '../instant.js';
import { termEnd, type ContractState } from '../contract/contract-state.js';
import { earlierEnd, refuseOverlap, termsOverlap, type ActiveTerm } from './active-term.js';
import type { ActivateContract, DeactivateContract, TenancyCommand } from './tenancy-commands.js';
import { claimedTerm, type TenancyState } from './tenancy-state.js';

export function decideTenancy(command: TenancyCommand, state: TenancyState): TenancyEvent[] {
  switch (command.type) {
    case 'ActivateContract':
      return activate(command, state);
    case 'DeactivateContract':
      return deactivate(command, state);
  }
}

/** The other claims whose recorded term overlaps `term`: the contracts the handler must read for the context. */
export function overlappingClaims(state: TenancyState, term: ActiveTerm): string[] {
  return Object.values(state.claims)
    .filter(
      (claim) => claim.contractId !== term.contractId && termsOverlap(term, claimedTerm(claim)),
    )
    .map((claim) => claim.contractId);
}

/** What a claim holds once its contract, when known, is taken into account; null: nothing. */
function heldTerm(term: ActiveTerm, contract: ContractState | undefined): ActiveTerm | null {
  if (contract === undefined || contract.status === 'NONE') return term;
  if (contract.status === 'TERMINATED' && contract.signedAt === null) return null;
  return { ...term, endsAt: earlierEnd(term.endsAt, termEnd(contract)) };
}

function activate({ data, context }: ActivateContract, state: TenancyState): TenancyEvent[] {
  if (state.claims[data.contractId]) return [];
  const mine: ActiveTerm = {
    contractId: data.contractId,
    startsAt: data.startsAt,
    endsAt: data.endsAt,
  };
  const held = overlappingClaims(state, mine)
    .map((id) => heldTerm(claimedTerm(state.claims[id]!), context.contracts[id]))
    .filter((term): term is ActiveTerm => term !== null);
  refuseOverlap(data.tenantId, data.siteId, mine, held);
  return [{ type: 'ContractActivated', data }];
}

function deactivate({ data }: DeactivateContract, state: TenancyState): TenancyEvent[] {
  const claim = state.claims[data.contractId];
  if (!claim) return [];
  const at = toMs(data.effectiveAt);
  if (at >= endMs(claimedTerm(claim).endsAt)) return [];
  return [{ type: 'ContractDeactivated', data }];
}
