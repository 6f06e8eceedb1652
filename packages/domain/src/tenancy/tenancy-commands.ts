import type { ContractActivated, ContractDeactivated } from '../events.js';
import type { ContractState } from '../contract/contract-state.js';

/** Sent by the sign handler before ContractSigned: the claim that makes the rule hold under concurrency. */
export type ActivateContract = {
  type: 'ActivateContract';
  data: ContractActivated['data'];
  /**
   * Provided by the handler: the contracts of the other claims overlapping this one
   * (`overlappingClaims`), read from their streams. A termination not mirrored here yet cuts its
   * claim; a claim left by a signing that never completed, on a contract since terminated,
   * holds nothing. A claim whose contract is missing here counts as recorded.
   */
  context: { contracts: Record<string, ContractState> };
};

/** Sent by the terminate handler after ContractTerminated. */
export type DeactivateContract = { type: 'DeactivateContract'; data: ContractDeactivated['data'] };

export type TenancyCommand = ActivateContract | DeactivateContract;
