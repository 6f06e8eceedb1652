/**
 * Every domain event: a type and JSON data (decimals as strings, instants as RFC 3339 UTC).
 * The schema version travels in the stored event's metadata (`schemaVersion`), see event-codec.ts.
 */

export type GpuCountData = { gpuModel: string; count: number };

export type GpuRateData = {
  gpuModel: string;
  reservedPricePerGpuHour: string;
  onDemandPricePerGpuHour: string;
};
export type SlaTierData = { availabilityBelowPercent: string; creditPercent: string };
export type RateCardData = {
  gpuRates: GpuRateData[];
  powerPricePerKwMonth: string;
  energyPricePerKwh: string | null;
  pue: string;
  slaSchedule: SlaTierData[];
};

// stream site-{siteId}
export type SiteRegistered = {
  type: 'SiteRegistered';
  data: {
    siteId: string;
    name: string;
    countryCode: string;
    timeZone: string;
    powerCapacityKw: string;
    gpuInventory: GpuCountData[];
  };
};
export type CapacityReserved = {
  type: 'CapacityReserved';
  data: {
    reservationId: string;
    siteId: string;
    contractId: string;
    tenantId: string;
    gpuModel: string;
    gpuCount: number;
    startsAt: string;
    endsAt: string;
  };
};
export type ReservationCancelled = {
  type: 'ReservationCancelled';
  data: {
    reservationId: string;
    siteId: string;
    contractId: string;
    reason: string;
    cancelledAt: string;
  };
};
export type PowerCommitted = {
  type: 'PowerCommitted';
  data: {
    commitmentId: string;
    siteId: string;
    contractId: string;
    tenantId: string;
    kw: string;
    startsAt: string;
    endsAt: string;
  };
};
export type ContractCapacityReleased = {
  type: 'ContractCapacityReleased';
  data: { siteId: string; contractId: string; effectiveAt: string };
};
export type SiteEvent =
  | SiteRegistered
  | CapacityReserved
  | ReservationCancelled
  | PowerCommitted
  | ContractCapacityReleased;

// stream partner-{partnerId}
export type PartnerRegistered = {
  type: 'PartnerRegistered';
  data: {
    partnerId: string;
    name: string;
    countryCode: string;
    vatId: string | null;
    address: string | null;
  };
};
export type PartnerEvent = PartnerRegistered | PartyDetailsUpdated;

// stream tenant-{tenantId}
export type TenantOnboarded = {
  type: 'TenantOnboarded';
  data: {
    tenantId: string;
    name: string;
    countryCode: string;
    vatId: string | null;
    address: string | null;
    partnerId: string | null;
  };
};
export type TenantEvent = TenantOnboarded | PartyDetailsUpdated;

/** A postal address in parts, as legal documents need it. */
export type PostalAddress = {
  line1: string;
  line2: string | null;
  postcode: string;
  city: string;
  countryCode: string;
};
/** An e-invoicing address: an EAS scheme (0225 = SIREN-based) and an identifier. */
export type ElectronicAddress = { scheme: string; value: string };

// stream partner-{partnerId} or tenant-{tenantId}: the party's details for legal documents, each
// update replacing them whole; an issued document keeps the details it was made with.
export type PartyDetailsUpdated = {
  type: 'PartyDetailsUpdated';
  data: {
    kind: 'TENANT' | 'PARTNER';
    partyId: string;
    siren: string | null;
    vatId: string | null;
    postalAddress: PostalAddress;
    electronicAddress: ElectronicAddress | null;
    updatedAt: string;
  };
};

// stream contract-{contractId}
export type BillTo = 'TENANT' | 'PARTNER';
export type ContractDrafted = {
  type: 'ContractDrafted';
  data: {
    contractId: string;
    tenantId: string;
    billTo: BillTo;
    /** The partner billed when billTo is PARTNER (the tenant's partner at drafting), else null. */
    partnerId: string | null;
    siteId: string;
    startsAt: string;
    endsAt: string | null;
    billingTimeZone: string;
    paymentTermsDays: number;
    currency: 'EUR';
    rateCard: RateCardData;
    draftedAt: string;
  };
};
export type ContractSigned = {
  type: 'ContractSigned';
  data: { contractId: string; signedAt: string };
};
export type ContractAmended = {
  type: 'ContractAmended';
  data: {
    contractId: string;
    amendmentId: string;
    effectiveAt: string;
    rateCard: RateCardData;
    amendedAt: string;
  };
};
export type ContractTerminated = {
  type: 'ContractTerminated';
  data: { contractId: string; effectiveAt: string; reason: string; terminatedAt: string };
};
export type ContractEvent = ContractDrafted | ContractSigned | ContractAmended | ContractTerminated;

// stream tenancy-{tenantId}.{siteId}: the contracts that claimed to be active there
export type ContractActivated = {
  type: 'ContractActivated';
  data: {
    contractId: string;
    tenantId: string;
    siteId: string;
    startsAt: string;
    endsAt: string | null;
  };
};
export type ContractDeactivated = {
  type: 'ContractDeactivated';
  data: { contractId: string; tenantId: string; siteId: string; effectiveAt: string };
};
export type TenancyEvent = ContractActivated | ContractDeactivated;

// streams reservation-{reservationId} and power-commitment-{commitmentId}: who owns an id
export type ReservationIdClaimed = {
  type: 'ReservationIdClaimed';
  data: { reservationId: string; siteId: string; contractId: string; commandDigest: string };
};
export type PowerCommitmentIdClaimed = {
  type: 'PowerCommitmentIdClaimed';
  data: { commitmentId: string; siteId: string; contractId: string; commandDigest: string };
};
export type IdClaimEvent = ReservationIdClaimed | PowerCommitmentIdClaimed;

// stream incident-{incidentId}
export type IncidentScope = 'SITE' | 'GPUS';
export type IncidentImpactData = { contractId: string; gpuModel: string; gpuCount: number };
export type IncidentOpened = {
  type: 'IncidentOpened';
  data: {
    incidentId: string;
    siteId: string;
    scope: IncidentScope;
    startedAt: string;
    description: string;
    impacts: IncidentImpactData[];
  };
};
export type IncidentResolved = {
  type: 'IncidentResolved';
  data: { incidentId: string; resolvedAt: string };
};
export type IncidentEvent = IncidentOpened | IncidentResolved;

// stream usage-{siteId}
export type GpuUsageRecorded = {
  type: 'GpuUsageRecorded';
  data: {
    recordId: string;
    tenantId: string;
    siteId: string;
    gpuModel: string;
    startedAt: string;
    endedAt: string;
    gpuHours: string;
    /** The contract active for the tenant at the site at startedAt; null: unbilled usage. */
    contractId: string | null;
  };
};
// stream energy-{siteId}
export type EnergyRecorded = {
  type: 'EnergyRecorded';
  data: {
    recordId: string;
    tenantId: string;
    siteId: string;
    startedAt: string;
    endedAt: string;
    kwh: string;
    contractId: string | null;
  };
};

// stream webhook-endpoint-{endpointId}
export type WebhookOwnerKind = 'OPERATOR' | 'TENANT' | 'PARTNER';
export type WebhookEndpointRegistered = {
  type: 'WebhookEndpointRegistered';
  data: {
    endpointId: string;
    ownerKind: WebhookOwnerKind;
    /** The tenant or partner; null for the operator's own endpoints (every notification). */
    ownerId: string | null;
    url: string;
    description: string | null;
    /** Notification types delivered, sorted; empty: all of them. */
    eventTypes: string[];
    registeredAt: string;
  };
};
export type WebhookEndpointPaused = {
  type: 'WebhookEndpointPaused';
  data: { endpointId: string; reason: string; pausedAt: string };
};
export type WebhookEndpointResumed = {
  type: 'WebhookEndpointResumed';
  data: { endpointId: string; resumedAt: string };
};
export type WebhookReplayRequested = {
  type: 'WebhookReplayRequested';
  data: { endpointId: string; fromPosition: string; requestedAt: string };
};
export type WebhookEndpointRemoved = {
  type: 'WebhookEndpointRemoved';
  data: { endpointId: string; removedAt: string };
};
export type WebhookEndpointEvent =
  | WebhookEndpointRegistered
  | WebhookEndpointPaused
  | WebhookEndpointResumed
  | WebhookReplayRequested
  | WebhookEndpointRemoved;

// stream alert-rule-{ruleId}
export type AlertRuleKind =
  'UTILISATION_BELOW' | 'POWER_ABOVE_COMMITMENT' | 'CHARGES_ABOVE' | 'UNBILLED_USAGE';
/** What an alert is about: a contract (and so its tenant and billed partner), or a whole site. */
export type AlertSubject = {
  contractId: string | null;
  tenantId: string | null;
  partnerId: string | null;
  siteId: string;
};
export type AlertRuleDefined = {
  type: 'AlertRuleDefined';
  data: AlertSubject & {
    ruleId: string;
    kind: AlertRuleKind;
    /** Percent for UTILISATION_BELOW and POWER_ABOVE_COMMITMENT, EUR for CHARGES_ABOVE, GPU-hours for UNBILLED_USAGE. */
    threshold: string;
    /** UTILISATION_BELOW only: the trailing window measured, in hours. */
    windowHours: number | null;
    definedAt: string;
  };
};
export type AlertRuleRemoved = {
  type: 'AlertRuleRemoved';
  data: { ruleId: string; removedAt: string };
};
/** What an alert says of one period: the value measured against the rule's threshold. */
export type AlertPeriodData = AlertSubject & {
  ruleId: string;
  kind: AlertRuleKind;
  period: string;
  value: string;
  threshold: string;
};
export type AlertFired = { type: 'AlertFired'; data: AlertPeriodData & { firedAt: string } };
export type AlertResolved = {
  type: 'AlertResolved';
  data: AlertPeriodData & { resolvedAt: string };
};
export type AlertRuleEvent = AlertRuleDefined | AlertRuleRemoved | AlertFired | AlertResolved;

export type DomainEvent =
  | SiteEvent
  | PartnerEvent
  | TenantEvent
  | ContractEvent
  | TenancyEvent
  | IdClaimEvent
  | IncidentEvent
  | GpuUsageRecorded
  | EnergyRecorded
  | WebhookEndpointEvent
  | AlertRuleEvent;

export type DomainEventType = DomainEvent['type'];
