import { contractStatus, rateCardSegments, type ContractState } from '@cadran/domain';

/** A contract as callers see it after a command. */
export function contractView(state: ContractState) {
  const drafted = state.drafted!;
  return {
    ...drafted,
    status: contractStatus(state),
    signedAt: state.signedAt,
    termination: state.termination,
    rateCards: rateCardSegments(state),
  };
}

export type ContractView = ReturnType<typeof contractView>;
