import type { ContractEvent, DomainEvent, DomainEventType } from './events.js';

/** Schema version of every event type; bump one when its data changes shape, and upcast old ones in fromStored. */
export const SCHEMA_VERSIONS: Readonly<Record<DomainEventType, number>> = {
  SiteRegistered: 1,
  CapacityReserved: 1,
  ReservationCancelled: 1,
  PowerCommitted: 1,
  ContractCapacityReleased: 1,
  PartnerRegistered: 1,
  TenantOnboarded: 1,
  PartyDetailsUpdated: 1,
  ContractDrafted: 1,
  ContractSigned: 1,
  ContractAmended: 1,
  ContractTerminated: 1,
  ContractActivated: 1,
  ContractDeactivated: 1,
  ReservationIdClaimed: 1,
  PowerCommitmentIdClaimed: 1,
  IncidentOpened: 1,
  IncidentResolved: 1,
  GpuUsageRecorded: 1,
  EnergyRecorded: 1,
  WebhookEndpointRegistered: 1,
  WebhookEndpointPaused: 1,
  WebhookEndpointResumed: 1,
  WebhookReplayRequested: 1,
  WebhookEndpointRemoved: 1,
  AlertRuleDefined: 1,
  AlertRuleRemoved: 1,
  AlertFired: 1,
  AlertResolved: 1,
};

export const DOMAIN_EVENT_TYPES = Object.keys(SCHEMA_VERSIONS) as DomainEventType[];

export function isDomainEventType(type: string): type is DomainEventType {
  return Object.hasOwn(SCHEMA_VERSIONS, type);
}

/** The event as the store takes it (structurally an EventToAppend of @cadran/event-store). */
export function toStored<E extends DomainEvent>(
  event: E,
  metadata: Record<string, string> = {},
): {
  type: E['type'];
  data: E['data'];
  metadata: { schemaVersion: number; [key: string]: string | number };
} {
  return {
    type: event.type,
    data: event.data,
    metadata: { ...metadata, schemaVersion: SCHEMA_VERSIONS[event.type] },
  };
}

/**
 * A stored event back as a domain event: the one place every reader (command handler,
 * projections, metering) turns stored data into events, and where an event stored under an
 * older schema version is upcast. Undefined when the type is not a domain event: readers skip it.
 */
export function fromStored(stored: { type: string; data: unknown }): DomainEvent | undefined {
  if (!isDomainEventType(stored.type)) return undefined;
  return { type: stored.type, data: stored.data } as DomainEvent;
}

/** fromStored, keeping only the given types (a stream's or a read model's). */
export function fromStoredAs<T extends DomainEventType>(
  stored: { type: string; data: unknown },
  types: readonly T[],
): Extract<DomainEvent, { type: T }> | undefined {
  const event = fromStored(stored);
  if (event === undefined || !(types as readonly string[]).includes(event.type)) return undefined;
  return event as Extract<DomainEvent, { type: T }>;
}

export const CONTRACT_EVENT_TYPES: readonly ContractEvent['type'][] = [
  'ContractDrafted',
  'ContractSigned',
  'ContractAmended',
  'ContractTerminated',
];
