import { z } from 'zod';
import { notFound } from '../errors.js';
import type { EnergyRecorded, GpuUsageRecorded, SiteRegistered } from '../events.js';
import {
  checkGpuModel,
  checkId,
  checkInstant,
  decimal,
  decimalCheck,
  gpuModel,
  id,
  instant,
  type Check,
} from '../fields.js';
import { toMs } from '../instant.js';
import { installedGpus } from '../site/site-state.js';
import { checkCapacityBound, checkRecordInterval } from './record-bounds.js';
import { parseInput } from '../parse-input.js';

export type GpuUsageRecord = Omit<GpuUsageRecorded['data'], 'contractId'>;
export type EnergyRecord = Omit<EnergyRecorded['data'], 'contractId'>;

/** What a record is checked against; the handler looks these up. */
export type RecordContext = { site: SiteRegistered['data'] | null; tenantKnown: boolean };

const usageSchema = z.object({
  id: id(),
  tenantId: id(),
  siteId: id(),
  gpuModel: gpuModel(),
  startedAt: instant(),
  endedAt: instant(),
  gpuHours: decimal({ min: '0' }),
});

const energySchema = z.object({
  id: id(),
  tenantId: id(),
  siteId: id(),
  startedAt: instant(),
  endedAt: instant(),
  kwh: decimal({ min: '0' }),
});

function checkReferences(record: { tenantId: string; siteId: string }, context: RecordContext) {
  if (!context.tenantKnown) throw notFound(`tenantId: no tenant ${record.tenantId}`, 'tenantId');
  if (!context.site) throw notFound(`siteId: no site ${record.siteId}`, 'siteId');
  return context.site;
}

const checkAmount = decimalCheck({ min: '0' });

type Fields = Record<string, unknown>;
type Checks = Readonly<Record<string, Check<string>>>;

const usageChecks = {
  id: checkId,
  tenantId: checkId,
  siteId: checkId,
  gpuModel: checkGpuModel,
  startedAt: checkInstant,
  endedAt: checkInstant,
  gpuHours: checkAmount,
};
const energyChecks = {
  id: checkId,
  tenantId: checkId,
  siteId: checkId,
  startedAt: checkInstant,
  endedAt: checkInstant,
  kwh: checkAmount,
};

/**
 * The record when every field is valid, checked without the schema (millions of records go
 * through here); undefined otherwise, and the schema then names the first bad field. Keys in
 * the order the schema gives them, `id` as `recordId`.
 */
function quick(input: unknown, checks: Checks): Record<string, string> | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const record: Record<string, string> = {};
  for (const key in checks) {
    const value = checks[key]!((input as Fields)[key]);
    if (value === undefined) return undefined;
    record[key === 'id' ? 'recordId' : key] = value;
  }
  return record;
}

function parseRecord<R extends { recordId: string; startedAt: string; endedAt: string }>(
  input: unknown,
  checks: Checks,
  schema: z.ZodType<Omit<R, 'recordId'> & { id: string }>,
): R {
  let record = quick(input, checks) as R | undefined;
  if (record === undefined) {
    const { id: recordId, ...rest } = parseInput(schema, input);
    record = { recordId, ...rest } as unknown as R;
  }
  checkRecordInterval(record.startedAt, record.endedAt);
  return record;
}

/** Shape and field checks only (no lookups): BAD_USER_INPUT naming the field. */
export const parseGpuUsageRecord = (input: unknown): GpuUsageRecord =>
  parseRecord(input, usageChecks, usageSchema);

export const parseEnergyRecord = (input: unknown): EnergyRecord =>
  parseRecord(input, energyChecks, energySchema);

/** Known tenant and site, a GPU model installed there, at most installed GPUs × the interval's hours. */
export function checkGpuUsageRecord(record: GpuUsageRecord, context: RecordContext): void {
  const site = checkReferences(record, context);
  const installed = installedGpus(site, record.gpuModel);
  checkCapacityBound(
    'gpuHours',
    record.gpuHours,
    installed,
    toMs(record.endedAt) - toMs(record.startedAt),
    `${installed} ${record.gpuModel} installed at site ${site.siteId}`,
  );
}

/** Known tenant and site, at most the site's power capacity × the interval's hours. */
export function checkEnergyRecord(record: EnergyRecord, context: RecordContext): void {
  const site = checkReferences(record, context);
  checkCapacityBound(
    'kwh',
    record.kwh,
    site.powerCapacityKw,
    toMs(record.endedAt) - toMs(record.startedAt),
    `${site.powerCapacityKw} kW of power capacity at site ${site.siteId}`,
  );
}

export const gpuUsageRecorded = (
  record: GpuUsageRecord,
  contractId: string | null,
): GpuUsageRecorded => ({
  type: 'GpuUsageRecorded',
  data: { ...record, contractId },
});

export const energyRecorded = (
  record: EnergyRecord,
  contractId: string | null,
): EnergyRecorded => ({
  type: 'EnergyRecorded',
  data: { ...record, contractId },
});

/** A repeated record id: true when the content is the same (a duplicate), false when it differs (refused). */
export function sameRecord(
  recorded: GpuUsageRecord | EnergyRecord,
  asked: GpuUsageRecord | EnergyRecord,
): boolean {
  const a = recorded as Record<string, unknown>;
  const b = asked as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => k !== 'contractId'));
  return [...keys].every((k) => a[k] === b[k]);
}
