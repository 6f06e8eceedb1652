import {
  checkEnergyRecord,
  checkGpuUsageRecord,
  energyRecorded,
  gpuUsageRecorded,
  parseEnergyRecord,
  parseGpuUsageRecord,
  streams,
  toStored,
  type EnergyRecord,
  type GpuUsageRecord,
  type RecordContext,
} from '@cadran/domain';
import type { EventMetadata, EventToAppend } from '@cadran/event-store';
import type { RecordKind } from './record-claim.js';

/** What the service needs to know about one kind of metered record. */
export interface RecordKindSpec<
  R extends { recordId: string; tenantId: string; siteId: string; startedAt: string },
> {
  kind: RecordKind;
  eventType: 'GpuUsageRecorded' | 'EnergyRecorded';
  /** The metadata of every event of the kind. */
  metadata: EventMetadata;
  parse(input: unknown): R;
  check(record: R, context: RecordContext): void;
  /** The event to append, attributed to `contractId` (null: unbilled). */
  toEvent(record: R, contractId: string | null): Omit<EventToAppend, 'id'>;
  stream(siteId: string): string;
  /** The fields that make a record's content, in a fixed order (the contract it was attributed to excluded). */
  content(record: R): string[];
  /** The record back from its event's data. */
  fromEventData(data: Record<string, unknown>): R;
}

const text = (data: Record<string, unknown>, field: string): string => {
  const value = data[field];
  if (typeof value !== 'string') throw new Error(`recorded event has no text ${field}`);
  return value;
};

// One metadata object for every event of a kind (the store writes it out once an append).
const usageMetadata = Object.freeze(
  toStored(gpuUsageRecorded({} as GpuUsageRecord, null)).metadata,
);
const energyMetadata = Object.freeze(toStored(energyRecorded({} as EnergyRecord, null)).metadata);

export const usageKind: RecordKindSpec<GpuUsageRecord> = {
  kind: 'usage',
  eventType: 'GpuUsageRecorded',
  metadata: usageMetadata,
  parse: parseGpuUsageRecord,
  check: checkGpuUsageRecord,
  toEvent: (record, contractId) => ({
    type: 'GpuUsageRecorded',
    data: gpuUsageRecorded(record, contractId).data,
    metadata: usageMetadata,
  }),
  stream: streams.usage,
  content: (r) => [
    r.recordId,
    r.tenantId,
    r.siteId,
    r.gpuModel,
    r.startedAt,
    r.endedAt,
    r.gpuHours,
  ],
  fromEventData: (d) => ({
    recordId: text(d, 'recordId'),
    tenantId: text(d, 'tenantId'),
    siteId: text(d, 'siteId'),
    gpuModel: text(d, 'gpuModel'),
    startedAt: text(d, 'startedAt'),
    endedAt: text(d, 'endedAt'),
    gpuHours: text(d, 'gpuHours'),
  }),
};

export const energyKind: RecordKindSpec<EnergyRecord> = {
  kind: 'energy',
  eventType: 'EnergyRecorded',
  metadata: energyMetadata,
  parse: parseEnergyRecord,
  check: checkEnergyRecord,
  toEvent: (record, contractId) => ({
    type: 'EnergyRecorded',
    data: energyRecorded(record, contractId).data,
    metadata: energyMetadata,
  }),
  stream: streams.energy,
  content: (r) => [r.recordId, r.tenantId, r.siteId, r.startedAt, r.endedAt, r.kwh],
  fromEventData: (d) => ({
    recordId: text(d, 'recordId'),
    tenantId: text(d, 'tenantId'),
    siteId: text(d, 'siteId'),
    startedAt: text(d, 'startedAt'),
    endedAt: text(d, 'endedAt'),
    kwh: text(d, 'kwh'),
  }),
};
