import type { Principal, Role } from '@cadran/auth';
import type { ContractView, IncidentView, ReadModelQueries, TenantView } from '@cadran/projections';
import { apiError } from './errors.js';

/**
 * Who may do what: the one table of the API's authorization. An operation is a root field
 * (`Query.sites`, `Mutation.signContract`); what a permitted reader then sees is narrowed by
 * `createScope` below, so that another tenant's data answers exactly as missing data.
 */
const COMMERCIAL = [
  'registerSite',
  'registerPartner',
  'onboardTenant',
  'updatePartyDetails',
  'draftContract',
  'signContract',
  'amendContract',
  'terminateContract',
  'reserveCapacity',
  'cancelReservation',
  'commitPower',
  'openIncident',
  'resolveIncident',
] as const;
const METERING = ['recordGpuUsage', 'recordEnergy'] as const;
const INVOICING = ['runInvoiceBatch', 'issueInvoices', 'issueCreditNote'] as const;
/** A party's own webhooks (ADMIN: anyone's). */
const WEBHOOKS = [
  'registerWebhookEndpoint',
  'pauseWebhookEndpoint',
  'resumeWebhookEndpoint',
  'replayWebhookEndpoint',
  'removeWebhookEndpoint',
] as const;
const WEBHOOK_READS = ['webhookEndpoints', 'webhookEndpoint'] as const;
const ALERTS = ['defineAlertRule', 'removeAlertRule'] as const;
/** Recording and allocating money received: finance, and admins. */
const RECEIVABLES = [
  'recordPayment',
  'allocatePayment',
  'reverseAllocation',
  'returnPayment',
  'refundCredit',
  'issuePaymentReminders',
  'issueLateChargesInvoice',
] as const;
/** Bank statements come to finance only. */
const BANK_STATEMENTS = ['importBankStatement'] as const;
/** What a tenant or a partner reads, scoped to itself. */
const SCOPED_READS = [
  'sites',
  'site',
  'partners',
  'partner',
  'tenants',
  'tenant',
  'contract',
  'contracts',
  'usage',
  'incidents',
  'capacityCommitments',
  'invoice',
  'invoices',
  'monthToDateCharges',
  'consumption',
  'alertRules',
  'payment',
  'payments',
  'partyAccount',
  'receivablesAgeing',
  'partyStatement',
  'paymentReminders',
] as const;
/** Everything readable: also the operator-wide capacity, draft pricing and batches. */
const READS = [
  ...SCOPED_READS,
  'siteCapacity',
  'invoicePreview',
  'invoiceBatch',
  'invoiceBatchProgress',
] as const;

const query = (names: readonly string[]) => names.map((name) => `Query.${name}`);
const mutation = (names: readonly string[]) => names.map((name) => `Mutation.${name}`);

export const PERMISSIONS: Readonly<Record<Role, ReadonlySet<string>>> = {
  ADMIN: new Set([
    'Query.viewer',
    'Query.setAsideEvents',
    ...query([...READS, ...WEBHOOK_READS]),
    ...mutation([...COMMERCIAL, ...METERING, ...INVOICING, ...RECEIVABLES, ...WEBHOOKS, ...ALERTS]),
  ]),
  ACCOUNT_MANAGER: new Set([
    'Query.viewer',
    ...query(READS),
    ...mutation([...COMMERCIAL, ...ALERTS]),
  ]),
  FINANCE: new Set([
    'Query.viewer',
    ...query(READS),
    ...mutation([...INVOICING, ...RECEIVABLES, ...BANK_STATEMENTS]),
  ]),
  METERING: new Set(['Query.viewer', ...mutation(METERING)]),
  TENANT: new Set([
    'Query.viewer',
    ...query([...SCOPED_READS, ...WEBHOOK_READS]),
    ...mutation([...WEBHOOKS, ...ALERTS]),
  ]),
  PARTNER: new Set([
    'Query.viewer',
    ...query([...SCOPED_READS, ...WEBHOOK_READS]),
    ...mutation([...WEBHOOKS, ...ALERTS]),
  ]),
};

export const assertAllowed = (principal: Principal, operation: string): void => {
  if (PERMISSIONS[principal.role].has(operation)) return;
  const allowed = Object.entries(PERMISSIONS)
    .filter(([, operations]) => operations.has(operation))
    .map(([role]) => role);
  throw apiError(
    'FORBIDDEN',
    `role ${principal.role} may not use ${operation}; accepted roles: ${allowed.join(', ')}`,
  );
};

/** What one request's principal may see; every answer passes through it. Memoised for the request. */
export interface Scope {
  readonly everything: boolean;
  tenant(tenantId: string): boolean;
  partner(partnerId: string): boolean;
  contract(contract: ContractView): boolean;
  site(siteId: string): boolean;
  incident(incident: IncidentView): boolean;
  invoice(invoice: { tenantId: string; status: string }): boolean;
  /** Narrowing filters for the read models, so that lists are not read whole to be filtered. */
  readonly tenantId?: string;
  readonly partnerId?: string;
}

const ALL: Scope = {
  everything: true,
  tenant: () => true,
  partner: () => true,
  contract: () => true,
  site: () => true,
  incident: () => true,
  invoice: () => true,
};

const memo = <T>(compute: (key: string) => T): ((key: string) => T) => {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) {
      value = compute(key);
      cache.set(key, value);
    }
    return value as T;
  };
};

export const createScope = (principal: Principal, queries: ReadModelQueries): Scope => {
  const { tenantId, partnerId } = principal;
  if (principal.role === 'TENANT' && tenantId !== undefined) return ownScope({ tenantId }, queries);
  if (principal.role === 'PARTNER' && partnerId !== undefined)
    return ownScope({ partnerId }, queries);
  if (principal.role === 'TENANT' || principal.role === 'PARTNER') return ownScope({}, queries);
  return ALL;
};

/** A tenant sees itself and its partner; a partner sees itself and the tenants it brings; both, what touched those tenants. */
const ownScope = (
  own: { tenantId?: string; partnerId?: string },
  queries: ReadModelQueries,
): Scope => {
  const scoped = own.tenantId !== undefined || own.partnerId !== undefined;
  const tenantOf = memo((id): TenantView | null => queries.tenant(id));
  const tenant = (id: string): boolean =>
    own.tenantId !== undefined
      ? id === own.tenantId
      : own.partnerId !== undefined && tenantOf(id)?.partnerId === own.partnerId;
  const partner = (id: string): boolean =>
    own.partnerId !== undefined
      ? id === own.partnerId
      : own.tenantId !== undefined && tenantOf(own.tenantId)?.partnerId === id;
  const sites = memo(() => new Set(scoped ? queries.contracts(own).map((c) => c.siteId) : []));
  // The read model knows which incidents touched a tenant (site-wide ones included).
  const incidents = memo(() => new Set(scoped ? queries.incidents(own).map((i) => i.id) : []));
  return {
    everything: false,
    tenant,
    partner,
    contract: (view) => tenant(view.tenantId),
    site: (id) => sites('').has(id),
    incident: (view) => incidents('').has(view.id),
    invoice: (view) => view.status === 'ISSUED' && tenant(view.tenantId),
    ...own,
  };
};
