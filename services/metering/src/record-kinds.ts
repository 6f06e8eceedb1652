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
  type EnergyRecorded,
  type GpuUsageRecord,
  type GpuUsageRecorded,
  type RecordContext,
} from '@cadran/domain';
import type { EventMetadata, EventToAppend } from '@cadran/event-store';
import type { RecordKind } from './record-claim.js';

type RecordFields = { recordId: string; tenantId: string; siteId: string; startedAt: string };

/** What the service needs to know about one kind of metered record. */
export interface RecordKindSpec<R extends RecordFields> {
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

/**
 * A kind whose record is text fields only: its content is `fields` in this order, and every
 * event of the kind shares one metadata object (the store writes it out once an append).
 */
function textRecordKind<R extends RecordFields & { [field in keyof R]: string }>(
  spec: Pick<RecordKindSpec<R>, 'kind' | 'eventType' | 'parse' | 'check' | 'stream'> & {
    event: (record: R, contractId: string | null) => GpuUsageRecorded | EnergyRecorded;
    fields: readonly (keyof R & string)[];
  },
): RecordKindSpec<R> {
  const { event, fields, ...kind } = spec;
  const metadata = Object.freeze(toStored(event({} as R, null)).metadata);
  return {
    ...kind,
    metadata,
    toEvent: (record, contractId) => ({
      type: spec.eventType,
      data: event(record, contractId).data,
      metadata,
    }),
    content: (record) => fields.map((field) => record[field]),
    fromEventData: (data) =>
      Object.fromEntries(fields.map((field) => [field, text(data, field)])) as R,
  };
}

export const usageKind = textRecordKind<GpuUsageRecord>({
  kind: 'usage',
  eventType: 'GpuUsageRecorded',
  parse: parseGpuUsageRecord,
  check: checkGpuUsageRecord,
  event: gpuUsageRecorded,
  stream: streams.usage,
  fields: ['recordId', 'tenantId', 'siteId', 'gpuModel', 'startedAt', 'endedAt', 'gpuHours'],
});

export const energyKind = textRecordKind<EnergyRecord>({
  kind: 'energy',
  eventType: 'EnergyRecorded',
  parse: parseEnergyRecord,
  check: checkEnergyRecord,
  event: energyRecorded,
  stream: streams.energy,
  fields: ['recordId', 'tenantId', 'siteId', 'startedAt', 'endedAt', 'kwh'],
});
