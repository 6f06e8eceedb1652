import type { ContractHistoryEvent, CommandMeta as DomainCommandMeta } from '@cadran/domain';
import type { MeteredRecordView, ReadModelQueries } from '@cadran/projections';

/** The domain's CommandMeta (copied into the events' metadata), always with the token's subject as actor. */
export type CommandMeta = DomainCommandMeta & { actor: string };

/** What a command wrote: the entity's id, and the log position to wait for before reading it back. */
export type Written = { id: string; position: bigint };

export type RecordOutcome = {
  accepted: number;
  duplicates: number;
  rejected: { index: number; id?: string | null; code: string; message: string }[];
  /** Position of the last event written; absent or -1n when nothing was written. */
  lastPosition?: bigint | null;
};

/**
 * The write side as the gateway sees it: one method per mutation, taking the mutation's
 * input as it arrived (the services validate it). The platform adapts the command services to it.
 */
export interface WriteSide {
  registerSite(input: unknown, meta: CommandMeta): Promise<Written>;
  registerPartner(input: unknown, meta: CommandMeta): Promise<Written>;
  onboardTenant(input: unknown, meta: CommandMeta): Promise<Written>;
  updatePartyDetails(input: unknown, meta: CommandMeta): Promise<Written>;
  draftContract(input: unknown, meta: CommandMeta): Promise<Written>;
  signContract(input: { id: string }, meta: CommandMeta): Promise<Written>;
  amendContract(input: unknown, meta: CommandMeta): Promise<Written>;
  terminateContract(
    input: { id: string; effectiveAt: string; reason: string },
    meta: CommandMeta,
  ): Promise<Written>;
  reserveCapacity(input: unknown, meta: CommandMeta): Promise<Written>;
  cancelReservation(input: { id: string; reason: string }, meta: CommandMeta): Promise<Written>;
  commitPower(input: unknown, meta: CommandMeta): Promise<Written>;
  recordGpuUsage(records: unknown[], meta: CommandMeta): Promise<RecordOutcome>;
  recordEnergy(records: unknown[], meta: CommandMeta): Promise<RecordOutcome>;
  openIncident(input: unknown, meta: CommandMeta): Promise<Written>;
  resolveIncident(input: { id: string; resolvedAt: string }, meta: CommandMeta): Promise<Written>;
}

/** The contracts service's reading of a contract's stream in the event store, oldest first. */
export interface ContractHistory {
  contractHistory(contractId: string): Promise<ContractHistoryEvent[]>;
}

/** The read models and how far they have applied the log. */
export interface ReadModels {
  queries: ReadModelQueries;
  /** Resolves true once the read models have applied `position`, false if `timeoutMs` ran out first. */
  awaitPosition(position: bigint, timeoutMs: number): Promise<boolean>;
  /** The log's last position (-1n when empty): how far the read models must go to hold every event written. */
  headPosition(): Promise<bigint>;
  /** The last log position applied; with it, answers are cached until the read models move on. */
  position?(): bigint;
}

type MaybePromise<T> = T | Promise<T>;

export type PartyView = {
  name: string;
  countryCode: string;
  vatId: string | null;
  address: string | null;
};

/** A legal document of an issued invoice or credit note (Factur-X PDF or CII XML). */
export type DocumentView = {
  format: 'FACTURX' | 'CII';
  mediaType: string;
  fileName: string;
  sha256: string;
  size: number;
  downloadPath: string;
};
export type DocumentDownload = Omit<DocumentView, 'downloadPath'> & { bytes: Uint8Array };

export type CreditNoteView = {
  id: string;
  number: string;
  invoiceId: string;
  issuedAt: string;
  reason: string;
  subtotal: string;
  taxAmount: string;
  total: string;
  documents: DocumentView[];
};

/** An invoice as the GraphQL type, with its contract and tenant by id (for scoping). */
export type InvoiceView = {
  id: string;
  number: string | null;
  status: 'DRAFT' | 'ISSUED';
  contractId: string;
  tenantId: string;
  billTo: PartyView;
  period: string;
  periodStart: string;
  periodEnd: string;
  issuedAt: string | null;
  dueAt: string | null;
  currency: string;
  lines: unknown[];
  subtotal: string;
  taxRatePercent: string;
  taxAmount: string;
  total: string;
  taxNote: string | null;
  creditNotes: CreditNoteView[];
  documents: DocumentView[];
};

export type InvoiceBatchView = {
  id: string;
  period: string;
  status: string;
  invoices: InvoiceView[];
  subtotal: string;
  taxAmount: string;
  total: string;
};

/** One metered record behind an invoice line (usage in GPU-hours, energy in kWh). */
export type LineRecordView = MeteredRecordView;

/** A page of records, sorted by id; `next` is the cursor of the following page, null on the last. */
export type LineRecordPage = { records: LineRecordView[]; next: string | null };

/**
 * The invoicing service's seam: when the platform provides it, the invoicing fields answer.
 * Commands answer what they wrote; `position` is -1n when they wrote nothing (a re-run that
 * changed nothing, a batch already issued, a credit note already issued with the same id).
 */
export interface Invoicing {
  runInvoiceBatch(input: { period: string }, meta: CommandMeta): Promise<Written>;
  issueInvoices(input: { batchId: string }, meta: CommandMeta): Promise<Written>;
  issueCreditNote(input: unknown, meta: CommandMeta): Promise<Written>;
  /** The records behind line `lineIndex` of the invoice, `first` at a time after the cursor `after`. */
  lineRecords(query: {
    invoiceId: string;
    lineIndex: number;
    after: string | null;
    first: number;
  }): MaybePromise<LineRecordPage>;
  invoicePreview(contractId: string, period: string): MaybePromise<InvoiceView>;
  invoice(id: string): MaybePromise<InvoiceView | null>;
  invoices(filter: {
    tenantId?: string;
    period?: string;
    status?: 'DRAFT' | 'ISSUED';
  }): MaybePromise<InvoiceView[]>;
  invoiceBatch(id: string): MaybePromise<InvoiceBatchView | null>;
  /**
   * The period's last batch run on this instance, null when none ran here; passed through to
   * GraphQL as it is (InvoiceBatchProgress).
   */
  invoiceBatchProgress(period: string): MaybePromise<Record<string, unknown> | null>;
  creditNote(id: string): MaybePromise<CreditNoteView | null>;
  /** A document of an issued invoice or credit note by number; null when there is none. */
  document(number: string, format: DocumentView['format']): Promise<DocumentDownload | null>;
}

/** A webhook endpoint as the gateway shows it; owner fields decide who may see it. */
export type WebhookEndpointPortView = {
  id: string;
  ownerKind: 'OPERATOR' | 'TENANT' | 'PARTNER';
  ownerId: string | null;
  [field: string]: unknown;
};

/** An alert rule as the gateway shows it; the subject decides who may see it. */
export type AlertRulePortView = {
  ruleId: string;
  contractId: string | null;
  tenantId: string | null;
  partnerId: string | null;
  siteId: string;
  [field: string]: unknown;
};

export type SlaAvailabilityView = {
  gpuModel: string;
  reservedGpuHours: string;
  lostGpuHours: string;
  availability: string;
};

/**
 * What tenants and partners follow themselves: month-to-date charges, webhooks and alerts. When
 * the platform provides it the self-service fields answer; otherwise they answer NOT_IMPLEMENTED.
 */
export interface SelfService {
  monthToDate(
    contractId: string,
    at: string,
  ): Promise<{
    period: string;
    asOf: string;
    invoice: InvoiceView;
    availability: SlaAvailabilityView[];
  }>;
  registerWebhookEndpoint(input: unknown, meta: CommandMeta): Promise<Written>;
  pauseWebhookEndpoint(
    input: { id: string; reason?: string | null },
    meta: CommandMeta,
  ): Promise<Written>;
  resumeWebhookEndpoint(input: { id: string }, meta: CommandMeta): Promise<Written>;
  replayWebhookEndpoint(
    input: { id: string; fromPosition: unknown },
    meta: CommandMeta,
  ): Promise<Written>;
  removeWebhookEndpoint(input: { id: string }, meta: CommandMeta): Promise<Written>;
  webhookEndpoint(id: string): WebhookEndpointPortView | null;
  webhookEndpoints(owner: { kind?: 'TENANT' | 'PARTNER'; id?: string }): WebhookEndpointPortView[];
  webhookDeliveries(
    endpointId: string,
    page: { first: number; after?: string | null },
  ): { items: unknown[]; next: string | null };
  defineAlertRule(input: unknown, meta: CommandMeta): Promise<Written>;
  removeAlertRule(input: { id: string }, meta: CommandMeta): Promise<Written>;
  alertRule(id: string): AlertRulePortView | null;
  alertRules(filter: { contractId?: string; siteId?: string }): AlertRulePortView[];
}

/** A party money is owed by: a tenant or a partner (whoever invoices are billed to). */
export type PartyKey = { kind: 'TENANT' | 'PARTNER'; partyId: string };

/** A view of the receivables service, passed through to GraphQL as it is (decimals as strings). */
type View = Record<string, unknown>;

/**
 * The receivables service's seam: payments, allocations, statement imports, ageing, statements and
 * reminders. Commands answer what they wrote: `id` (a payment id for the payment commands) and
 * `position` (-1n when nothing was written). Dates are local dates "YYYY-MM-DD" in the operator's
 * time zone; `asOf` omitted: today.
 */
export interface Receivables {
  recordPayment(input: unknown, meta: CommandMeta): Promise<Written>;
  importBankStatement(
    input: unknown,
    meta: CommandMeta,
  ): Promise<Written & { statement: View & { newPayments: string[] } }>;
  allocatePayment(input: unknown, meta: CommandMeta): Promise<Written>;
  /** `id`: the payment of the allocation. */
  reverseAllocation(input: unknown, meta: CommandMeta): Promise<Written>;
  returnPayment(input: unknown, meta: CommandMeta): Promise<Written>;
  refundCredit(input: unknown, meta: CommandMeta): Promise<Written>;
  issueReminders(
    asOf: string | undefined,
    meta: CommandMeta,
  ): Promise<Written & { reminders: View[] }>;
  issueLateCharges(input: unknown, meta: CommandMeta): Promise<Written & { document: View }>;
  payment(id: string): MaybePromise<(View & { party: PartyKey | null }) | null>;
  payments(party: PartyKey | null): MaybePromise<View[]>;
  invoiceSettlement(idOrNumber: string, asOf: string | undefined): MaybePromise<View | null>;
  account(party: PartyKey, asOf: string | undefined): MaybePromise<View>;
  ageing(asOf: string | undefined, party: PartyKey | null): MaybePromise<View>;
  statement(party: PartyKey, from: string, to: string): MaybePromise<View>;
  reminders(party: PartyKey | null): MaybePromise<View[]>;
}
