import { rateCardSegments, signedAt, terminationOf, type DraftedContract } from '@cadran/domain';

/** A contract as callers see it after a command. */
export function contractView(contract: DraftedContract) {
  return {
    ...contract.drafted,
    status: contract.status,
    signedAt: signedAt(contract),
    termination: terminationOf(contract),
    rateCards: rateCardSegments(contract),
  };
}

export type ContractView = ReturnType<typeof contractView>;
