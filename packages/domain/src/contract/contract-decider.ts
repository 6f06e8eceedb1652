import type { Decider } from '../decider.js';
import type { ContractEvent } from '../events.js';
import type { ContractCommand } from './contract-commands.js';
import { decideContract } from './contract-decide.js';
import { evolveContract, initialContractState, type ContractState } from './contract-state.js';

/** Stream contract-{contractId}. */
export const contractDecider: Decider<ContractCommand, ContractState, ContractEvent> = {
  decide: decideContract,
  evolve: evolveContract,
  initialState: initialContractState,
};
