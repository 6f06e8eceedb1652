export {
  createReceivablesService,
  type ReceivablesService,
  type ReceivablesServiceDeps,
  type Recorded,
} from './receivables-service.js';
export type { PartyAccount } from './receivables-queries.js';
export type { PaymentView, AllocationView, PaymentState } from './receivables-views.js';
export {
  createReceivablesCommand,
  type OpenedReceivables,
  type ReceivablesCommandDeps,
} from './cli/receivables-command.js';
