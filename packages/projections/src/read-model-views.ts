/**
 * What the read models answer: the views the GraphQL gateway and the invoicing service read.
 * Decimals are decimal strings, instants RFC 3339 UTC strings ("2026-03-01T00:00:00.000Z" or
 * without milliseconds; consumers must not depend on which), ids are the domain's ids.
 */

export type GpuCountView = { gpuModel: string; count: number };

export type SiteView = {
  id: string;
  name: string;
  countryCode: string;
  timeZone: string;
  powerCapacityKw: string;
  gpuInventory: GpuCountView[];
};

export type PartnerView = {
  id: string;
  name: string;
  countryCode: string;
  vatId: string | null;
  address: string | null;
};

export type TenantView = {
  id: string;
  name: string;
  countryCode: string;
  vatId: string | null;
  address: string | null;
  partnerId: string | null;
};

export type GpuRateView = {
  gpuModel: string;
  reservedPricePerGpuHour: string;
  onDemandPricePerGpuHour: string;
};
export type SlaTierView = { availabilityBelowPercent: string; creditPercent: string };

export type RateCardView = {
  /** In force from this instant (the contract's start for the initial card). */
  effectiveAt: string;
  /** null for the rate card the contract was drafted with. */
  amendmentId: string | null;
  /** The event that carried this rate card. */
  eventId: string;
  gpuRates: GpuRateView[];
  powerPricePerKwMonth: string;
  energyPricePerKwh: string | null;
  pue: string;
  slaSchedule: SlaTierView[];
};

export type ContractStatusView = 'DRAFT' | 'SIGNED' | 'TERMINATED';

export type ContractView = {
  id: string;
  tenantId: string;
  billTo: 'TENANT' | 'PARTNER';
  /** The partner billed when billTo is PARTNER, else null. */
  partnerId: string | null;
  siteId: string;
  status: ContractStatusView;
  startsAt: string;
  /** The term's end as drafted; null: open-ended. */
  endsAt: string | null;
  /** Effective instant of the termination, if terminated. */
  terminatedAt: string | null;
  billingTimeZone: string;
  paymentTermsDays: number;
  currency: string;
  /** Ordered by effectiveAt; a later amendment at the same instant replaces an earlier one. */
  rateCards: RateCardView[];
  /** The contract stream's event ids (drafted, signed, amended, terminated), in order. */
  eventIds: string[];
};

export type ReservationView = {
  id: string;
  contractId: string;
  siteId: string;
  tenantId: string;
  gpuModel: string;
  gpuCount: number;
  startsAt: string;
  endsAt: string;
  /** When the cancellation was recorded (releases from then on); null if not cancelled. */
  cancelledAt: string | null;
  /** When the contract's termination released it; null if not released. */
  releasedAt: string | null;
  eventIds: string[];
};

export type PowerCommitmentView = {
  id: string;
  contractId: string;
  siteId: string;
  tenantId: string;
  kw: string;
  startsAt: string;
  endsAt: string;
  releasedAt: string | null;
  eventIds: string[];
};

export type IncidentImpactView = { contractId: string; gpuModel: string; gpuCount: number };

export type IncidentView = {
  id: string;
  siteId: string;
  scope: 'SITE' | 'GPUS';
  startedAt: string;
  resolvedAt: string | null;
  description: string;
  impacts: IncidentImpactView[];
  eventIds: string[];
};

export type UsageGranularity = 'HOUR' | 'DAY' | 'MONTH';

export type UsageReportView = {
  tenantId: string;
  from: string;
  to: string;
  totalGpuHours: string;
  byModel: { gpuModel: string; gpuHours: string }[];
  /** Ordered by bucketStart then gpuModel; only non-empty buckets. */
  series: { bucketStart: string; gpuModel: string; gpuHours: string }[];
};

export type GpuCapacityView = {
  gpuModel: string;
  installed: number;
  reserved: number;
  available: number;
};

export type SiteCapacityView = {
  siteId: string;
  at: string;
  powerCapacityKw: string;
  committedKw: string;
  gpus: GpuCapacityView[];
};

export type CapacityCommitmentView = {
  siteId: string;
  partnerId: string | null;
  tenantId: string;
  contractId: string;
  reservedGpus: GpuCountView[];
  committedKw: string;
};

export type UtilisationView = {
  gpuModel: string;
  reservedGpuHours: string;
  usedGpuHours: string;
  ratio: string;
};

/** Usage attributed to a contract, summed per GPU model and UTC hour (start of the hour). */
export type UsageBucketView = {
  gpuModel: string;
  hourStart: string;
  gpuHours: string;
  recordCount: number;
};
export type EnergyBucketView = { hourStart: string; kwh: string; recordCount: number };
export type MeteredRecordView = {
  recordId: string;
  gpuModel: string | null;
  startedAt: string;
  endedAt: string;
  /** gpuHours for usage, kWh for energy. */
  quantity: string;
  eventId: string;
};

/**
 * A contract's usage or energy over a period, for exact pricing: hourly sums (decimal text) for
 * the hours no boundary falls inside, less the shares of the records given raw; the raw records
 * that reach across a boundary or into an hour holding one.
 */
export type MeteredForBillingView = {
  hours: { hourStart: string; gpuModel: string | null; quantity: string }[];
  records: {
    recordId: string;
    gpuModel: string | null;
    startedAt: string;
    endedAt: string;
    quantity: string;
  }[];
  /** Records with a share in the period's hours, per model (null for energy): grows with every new record. */
  recordCounts: { gpuModel: string | null; recordCount: number }[];
  /** UTC hours overlapping the period, and how many of them hold a boundary (priced from raw records). */
  hourCount: number;
  rawHourCount: number;
};
