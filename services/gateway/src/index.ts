export {
  createGateway,
  GRAPHQL_PATH,
  type Gateway,
  type GatewayOptions,
} from './create-gateway.js';
export { PERMISSIONS, createScope, assertAllowed, type Scope } from './authorization.js';
export { DEFAULT_LIMITS, type Limits } from './hardening.js';
export { MIN_POSITION_HEADER, DEFAULT_MAX_WAIT_MS } from './read-your-writes.js';
export type {
  CommandMeta,
  CreditNoteView,
  InvoiceBatchView,
  InvoiceView,
  Invoicing,
  PartyKey,
  PartyView,
  Receivables,
  ReadModels,
  RecordOutcome,
  SelfService,
  WriteSide,
  ContractHistory,
  Written,
} from './ports.js';
export { typeDefs } from './type-defs.js';
export { createFocusExportRouter, FOCUS_EXPORT_PATH } from './focus-export-router.js';
