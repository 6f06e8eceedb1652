import type {
  ContractDrafted,
  ContractTerminated,
  CapacityReserved,
  ElectronicAddress,
  GpuUsageRecorded,
  PartyDetailsUpdated,
  PostalAddress,
  RateCardData,
  ReservationCancelled,
  SiteRegistered,
  TenantOnboarded,
} from '../events.js';
import { DEFAULT_SLA_SCHEDULE } from '../contract/rate-card.js';
import { bru1, workedRateCardInput, workedTenantDetails } from '../worked-example.js';

/** The rate card and site of the worked examples: the ones the platform's demo loads. */
export {
  bru1,
  workedPartnerDetails,
  workedRateCardInput,
  workedTenantDetails,
} from '../worked-example.js';

/** The same with the default SLA schedule, as a contract event holds it. */
export const workedRateCard: RateCardData = {
  ...workedRateCardInput,
  slaSchedule: [...DEFAULT_SLA_SCHEDULE],
};

/** A decimal as the domain normalises it: "3.10" -> "3.1", "3.00" -> "3". */
const normalised = (decimal: string) => String(Number(decimal));

/** The rate card of the worked examples, as the domain normalises it. */
export const rateCard: RateCardData = {
  ...workedRateCard,
  gpuRates: workedRateCard.gpuRates.map((rate) => ({
    ...rate,
    reservedPricePerGpuHour: normalised(rate.reservedPricePerGpuHour),
    onDemandPricePerGpuHour: normalised(rate.onDemandPricePerGpuHour),
  })),
  pue: normalised(workedRateCard.pue),
};

export const siteRegistered = (siteId = bru1.siteId): SiteRegistered => ({
  type: 'SiteRegistered',
  data: { ...bru1, siteId },
});

/** Contract c-mistral of tenant mistral at bru-1 from 2026-01-01 (Paris), billed to the tenant. */
export const drafted = (overrides: Partial<ContractDrafted['data']> = {}): ContractDrafted => ({
  type: 'ContractDrafted',
  data: {
    contractId: 'c-mistral',
    tenantId: 'mistral',
    billTo: 'TENANT',
    partnerId: null,
    siteId: 'bru-1',
    startsAt: '2025-12-31T23:00:00Z',
    endsAt: null,
    billingTimeZone: 'Europe/Paris',
    paymentTermsDays: 30,
    currency: 'EUR',
    rateCard,
    draftedAt: '2025-12-01T00:00:00Z',
    ...overrides,
  },
});

export const signed = (contractId = 'c-mistral') => ({
  type: 'ContractSigned' as const,
  data: { contractId, signedAt: '2025-12-02T00:00:00Z' },
});

/** A usage record of mistral's GB300 at bru-1 attributed to c-mistral, unless overridden. */
export const usageRecorded = (
  recordId: string,
  startedAt: string,
  endedAt: string,
  gpuHours: string,
  overrides: Partial<GpuUsageRecorded['data']> = {},
): GpuUsageRecorded => ({
  type: 'GpuUsageRecorded',
  data: {
    recordId,
    tenantId: 'mistral',
    siteId: 'bru-1',
    gpuModel: 'GB300',
    startedAt,
    endedAt,
    gpuHours,
    contractId: 'c-mistral',
    ...overrides,
  },
});

export const tenantOnboarded = (
  tenantId: string,
  partnerId: string | null = null,
): TenantOnboarded => ({
  type: 'TenantOnboarded',
  data: { tenantId, name: tenantId, countryCode: 'FR', vatId: null, address: null, partnerId },
});

/** Reservation `reservationId` of c-mistral at bru-1 cancelled at `cancelledAt`. */
export const reservationCancelled = (
  cancelledAt: string,
  reason = 'x',
  reservationId = 'r-1',
): ReservationCancelled => ({
  type: 'ReservationCancelled',
  data: { reservationId, siteId: 'bru-1', contractId: 'c-mistral', reason, cancelledAt },
});

/** Mistral AI's details for legal documents: a French company, addressed through its SIREN. */
export const mistralDetails: {
  siren: string;
  vatId: string;
  postalAddress: PostalAddress;
  electronicAddress: ElectronicAddress;
} = {
  ...workedTenantDetails,
  postalAddress: { ...workedTenantDetails.postalAddress, line2: null },
  electronicAddress: { scheme: '0225', value: workedTenantDetails.siren },
};

/** Tenant `partyId`'s details set to Mistral AI's on 2026-01-01. */
export const tenantDetailsUpdated = (partyId = 'mistral'): PartyDetailsUpdated => ({
  type: 'PartyDetailsUpdated',
  data: { kind: 'TENANT', partyId, ...mistralDetails, updatedAt: '2026-01-01T00:00:00Z' },
});

/** A metered usage record as it arrives on /v1/usage: one hour of 2048 H200 of mistral at bru-1. */
export const usageRecordInput = {
  id: 'u-1',
  tenantId: 'mistral',
  siteId: 'bru-1',
  gpuModel: 'H200',
  startedAt: '2026-03-01T00:00:00Z',
  endedAt: '2026-03-01T01:00:00Z',
  gpuHours: '2048',
};

/** Reservation `reservationId`: 1024 GB300 of c-mistral at bru-1 for March (Paris), unless overridden. */
export const capacityReserved = (
  reservationId: string,
  overrides: Partial<CapacityReserved['data']> = {},
): CapacityReserved => ({
  type: 'CapacityReserved',
  data: {
    reservationId,
    siteId: 'bru-1',
    contractId: 'c-mistral',
    tenantId: 'mistral',
    gpuModel: 'GB300',
    gpuCount: 1024,
    startsAt: '2026-02-28T23:00:00Z',
    endsAt: '2026-03-31T22:00:00Z',
    ...overrides,
  },
});

/** A metered energy record as it arrives on /v1/energy: the same hour as the usage record. */
export const energyRecordInput = (kwh: string, id = 'e-1') => {
  const { gpuModel: _model, gpuHours: _hours, ...hour } = usageRecordInput;
  return { ...hour, id, kwh };
};

/** Contract `contractId` terminated from `effectiveAt`, decided on 2026-03-01. */
export const contractTerminated = (
  effectiveAt: string,
  contractId = 'c-mistral',
): ContractTerminated => ({
  type: 'ContractTerminated',
  data: { contractId, effectiveAt, reason: 'x', terminatedAt: '2026-03-01T00:00:00Z' },
});
