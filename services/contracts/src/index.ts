export {
  createContractsService,
  type ContractsService,
  type ContractsServiceOptions,
  type CommandResult,
} from './contracts-service.js';
export { contractView, type ContractView } from './contract-view.js';
