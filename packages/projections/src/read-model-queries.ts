import type { PartyDetails, PartyKind } from '@cadran/domain';
import type {
  CapacityCommitmentView,
  ContractStatusView,
  ContractView,
  EnergyBucketView,
  IncidentView,
  MeteredForBillingView,
  MeteredRecordView,
  PartnerView,
  PowerCommitmentView,
  ReservationView,
  SiteCapacityView,
  SiteView,
  TenantView,
  UsageBucketView,
  UsageGranularity,
  UsageReportView,
  UtilisationView,
} from './read-model-views.js';
import type { RecordQuery } from './metered-queries.js';
import type { SetAsideEvent } from './set-aside-events.js';

/**
 * The read side's questions. Synchronous: the read models are a local SQLite file.
 * Authorization is the caller's job (the gateway); these answer for everything.
 */
export interface ReadModelQueries {
  sites(): SiteView[];
  site(id: string): SiteView | null;
  partners(): PartnerView[];
  partner(id: string): PartnerView | null;
  tenants(filter?: { partnerId?: string }): TenantView[];
  tenant(id: string): TenantView | null;
  /**
   * When a tenant or partner was onboarded (registered), from the time its onboarding event's id
   * carries (null when that id is not a UUIDv7); null when there is no such party.
   */
  partyOnboarding(kind: PartyKind, id: string): { onboardedAt: Date | null } | null;
  /** A tenant's or partner's details for legal documents, the latest in force; null when never given. */
  partyDetails(kind: PartyKind, id: string): PartyDetails | null;
  contracts(filter?: {
    tenantId?: string;
    partnerId?: string;
    siteId?: string;
    status?: ContractStatusView;
  }): ContractView[];
  contract(id: string): ContractView | null;
  reservations(filter: { contractId?: string; siteId?: string }): ReservationView[];
  reservation(id: string): ReservationView | null;
  powerCommitments(filter: { contractId?: string; siteId?: string }): PowerCommitmentView[];
  powerCommitment(id: string): PowerCommitmentView | null;
  /** Incidents overlapping [from, to) (open ones run to infinity); `tenantId`: only those that touched the tenant's contracts. */
  incidents(filter?: {
    siteId?: string;
    from?: string;
    to?: string;
    tenantId?: string;
    partnerId?: string;
  }): IncidentView[];
  incident(id: string): IncidentView | null;
  /** DAY and MONTH buckets are calendar days/months in `timeZone` (default UTC). */
  usageReport(query: {
    tenantId: string;
    from: string;
    to: string;
    granularity: UsageGranularity;
    timeZone?: string;
  }): UsageReportView;
  siteCapacity(siteId: string, at: string): SiteCapacityView | null;
  capacityCommitments(filter: {
    partnerId?: string;
    siteId?: string;
    at: string;
  }): CapacityCommitmentView[];
  /** used / reserved GPU-hours per model over the period (YYYY-MM in the contract's billing time zone). */
  utilisation(contractId: string, period: string): UtilisationView[];
  /** For billing: usage and energy attributed to the contract with hourStart in [from, to). */
  usageBuckets(contractId: string, from: string, to: string): UsageBucketView[];
  energyBuckets(contractId: string, from: string, to: string): EnergyBucketView[];
  /**
   * For exact pricing: hourly sums for the hours without a boundary, raw records for the rest
   * (boundaries: the period's ends and `cuts`).
   */
  meteredForBilling(query: {
    kind: 'usage' | 'energy';
    contractId: string;
    from: string;
    to: string;
    cuts?: readonly string[];
  }): MeteredForBillingView;
  /** Sorted ids of the contract's records with a part in [from, to), `limit` after `after`: for digests. */
  meteredRecordIds(query: RecordQuery & { kind: 'usage' | 'energy' }): string[];
  /** Whether the contract has a usage or energy record with a part in [from, to). */
  hasMeteredRecords(contractId: string, from: string, to: string): boolean;
  /** Records (sorted by id) attributed to the contract with a part in [from, to): for provenance and paging. */
  usageRecords(query: RecordQuery): MeteredRecordView[];
  energyRecords(query: {
    contractId: string;
    from: string;
    to: string;
    after?: string;
    limit: number;
  }): MeteredRecordView[];
  /** Events a read model could not apply, every runner's, in log order (for ADMIN). */
  setAsideEvents(): SetAsideEvent[];
  /** Usage recorded with no contract (unbilled), by tenant. */
  unbilledUsage(filter?: { tenantId?: string; siteId?: string }): {
    tenantId: string;
    siteId: string;
    gpuModel: string;
    gpuHours: string;
    recordCount: number;
  }[];
}
