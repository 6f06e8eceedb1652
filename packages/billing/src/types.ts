import type Decimal from 'decimal.js';

/**
 * Inputs of the billing engine. Plain data: callers map their read models onto these.
 *
 * - Decimals are strings ("3.10") or decimal.js Decimals, never JS numbers.
 * - Instants are RFC 3339 strings with an explicit offset ("2026-03-01T00:00:00Z"); the engine
 *   works at millisecond precision. Intervals are half-open: [start, end).
 * - Periods are "YYYY-MM", a calendar month in the contract's billing time zone.
 */
export type DecimalInput = string | Decimal;
export type Instant = string;
export type Period = string;

export type ContractStatus = 'DRAFT' | 'SIGNED' | 'TERMINATED';
export type IncidentScope = 'SITE' | 'GPUS';
export type LineKind =
  | 'RESERVED_CAPACITY'
  | 'ON_DEMAND_USAGE'
  | 'POWER_COMMITMENT'
  | 'ENERGY'
  | 'SLA_CREDIT'
  | 'ADJUSTMENT';
export type PricedLineKind = Exclude<LineKind, 'ADJUSTMENT'>;

/** The billed party (tenant or partner). `countryCode` is ISO 3166-1 alpha-2 ("FR", "GB"). */
export interface Party {
  name: string;
  countryCode: string;
  vatId?: string | null;
  address?: string | null;
}

export interface GpuRate {
  gpuModel: string;
  reservedPricePerGpuHour: DecimalInput;
  onDemandPricePerGpuHour: DecimalInput;
}

/** Below `availabilityBelowPercent` (e.g. "99.9"), credit `creditPercent` (e.g. "10"). */
export interface SlaTier {
  availabilityBelowPercent: DecimalInput;
  creditPercent: DecimalInput;
}

export interface RateCard {
  gpuRates: GpuRate[];
  powerPricePerKwMonth: DecimalInput;
  /** Absent: energy is not billed under this rate card. */
  energyPricePerKwh?: DecimalInput | null;
  /** Default "1". */
  pue?: DecimalInput | null;
  /** Absent or null: the default schedule (99.9 → 10, 99.0 → 25, 95.0 → 100). */
  slaSchedule?: SlaTier[] | null;
}

/** An amendment: `rateCard` replaces the one in force from `effectiveAt` on. */
export interface RateCardAmendment {
  effectiveAt: Instant;
  rateCard: RateCard;
  /** The event that recorded the amendment (kept in the provenance of every line it prices). */
  eventId: string;
}

export interface BillingContract {
  id: string;
  /** Only SIGNED and TERMINATED contracts bill; a DRAFT bills nothing. */
  status: ContractStatus;
  billTo: Party;
  startsAt: Instant;
  /** Absent or null: open-ended. */
  endsAt?: Instant | null;
  /** IANA zone of the billing periods. Default "Europe/Paris". */
  billingTimeZone?: string;
  paymentTermsDays: number;
  currency: 'EUR';
  /** The rate card of the contract as drafted, in force from the start of the term. */
  initialRateCard: RateCard;
  /** The event that carried the initial rate card (usually the contract-drafted event). */
  initialRateCardEventId: string;
  amendments?: RateCardAmendment[];
  /** The termination's effective instant: the contract, its reservations and commitments end there. */
  terminatedAt?: Instant | null;
  /** The contract's own events (drafted, signed, terminated…), kept in every line's provenance. */
  eventIds: string[];
}

export interface BillingReservation {
  id: string;
  gpuModel: string;
  gpuCount: number;
  startsAt: Instant;
  endsAt: Instant;
  /** When the cancellation was recorded: hours before it stay billed (take-or-pay). */
  cancelledAt?: Instant | null;
  eventIds: string[];
}

export interface BillingPowerCommitment {
  id: string;
  kw: DecimalInput;
  startsAt: Instant;
  endsAt: Instant;
  eventIds: string[];
}

/**
 * Pre-aggregated GPU-hours of one model, already attributed to the contract, spread evenly over
 * [start, end). Give hourly aggregates (`end` omitted = start + 1 hour) or any interval: the
 * engine splits each bucket pro rata of time at segment and period boundaries and ignores what
 * falls outside the period or the contract's term.
 */
export interface UsageBucket {
  gpuModel: string;
  start: Instant;
  end?: Instant | null;
  gpuHours: DecimalInput;
}

/** Metered IT energy (before PUE) spread evenly over [start, end); `end` omitted = start + 1 hour. */
export interface EnergyBucket {
  start: Instant;
  end?: Instant | null;
  kwh: DecimalInput;
}

/**
 * The records behind an aggregate, for provenance: how many there are and
 * `recordDigest(ids)` of their ids (SHA-256 hex of the sorted ids joined by "\n").
 */
export interface RecordProvenance {
  recordCount: number;
  recordDigest: string;
}

export interface UsageProvenance extends RecordProvenance {
  gpuModel: string;
}

export interface UsageInput {
  buckets: UsageBucket[];
  /** One entry per GPU model: the usage records of the period attributed to the contract. */
  provenance?: UsageProvenance[];
}

export interface EnergyInput {
  buckets: EnergyBucket[];
  /** The energy records of the period attributed to the contract. */
  provenance?: RecordProvenance | null;
}

export interface IncidentImpact {
  gpuModel: string;
  gpuCount: number;
}

/**
 * An incident at the contract's site. SITE: every GPU the contract has reserved there is down.
 * GPUS: `impacts` name this contract's GPUs that are down (capped at what is reserved).
 */
export interface BillingIncident {
  id: string;
  scope: IncidentScope;
  startedAt: Instant;
  /** Absent: not resolved yet, counts up to the end of the period. */
  resolvedAt?: Instant | null;
  /** For GPUS incidents: the impacts on this contract only. Ignored for SITE incidents. */
  impacts?: IncidentImpact[];
  eventIds: string[];
}

export interface PricingInput {
  contract: BillingContract;
  period: Period;
  reservations?: BillingReservation[];
  powerCommitments?: BillingPowerCommitment[];
  usage?: UsageInput;
  energy?: EnergyInput;
  incidents?: BillingIncident[];
}

/* ------------------------------------------------------------------ outputs */

export interface LineSources {
  eventIds: string[];
  recordCount: number;
  recordDigest: string | null;
}

/** One invoice line. Decimals are strings: amount has 2 decimals, quantity at most 6. */
export interface InvoiceLine {
  kind: LineKind;
  description: string;
  gpuModel: string | null;
  segmentStart: Instant;
  segmentEnd: Instant;
  quantity: string;
  unit: string;
  unitPrice: string | null;
  amount: string;
  /** ADJUSTMENT lines: the period they correct. */
  correctsPeriod: Period | null;
  /** ADJUSTMENT lines: the kind of line they correct. */
  adjustsKind: PricedLineKind | null;
  sources: LineSources;
}

export interface BillingPeriod {
  period: Period;
  timeZone: string;
  start: Instant;
  end: Instant;
  /** Elapsed hours between start and end (743 for March 2026 in Paris). */
  hours: string;
}

export interface Segment {
  start: Instant;
  end: Instant;
  /** The event of the rate card in force over the segment. */
  rateCardEventId: string;
}

export interface PricedPeriod {
  contractId: string;
  period: Period;
  periodStart: Instant;
  periodEnd: Instant;
  periodHours: string;
  /** Availability per GPU model over the period, as a fraction ("0.99663…"), for reports. */
  availability: {
    gpuModel: string;
    reservedGpuHours: string;
    lostGpuHours: string;
    availability: string;
  }[];
  segments: Segment[];
  lines: InvoiceLine[];
}
