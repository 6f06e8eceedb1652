import Decimal from 'decimal.js';
import { z } from 'zod';
import { badInput, notFound } from '../errors.js';
import type { EnergyRecorded, GpuUsageRecorded, SiteRegistered } from '../events.js';
import { decimal, gpuModel, id, instant } from '../fields.js';
import { toMs } from '../instant.js';
import { parseInput } from '../parse-input.js';

export type GpuUsageRecord = Omit<GpuUsageRecorded['data'], 'contractId'>;
export type EnergyRecord = Omit<EnergyRecorded['data'], 'contractId'>;

/** What a record is checked against; the handler looks these up. */
export type RecordContext = { site: SiteRegistered['data'] | null; tenantKnown: boolean };

const MS_PER_HOUR = 3_600_000;

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

function checkInterval(startedAt: string, endedAt: string): void {
  if (toMs(endedAt) <= toMs(startedAt)) throw badInput('endedAt', `an instant after startedAt ${startedAt}`, endedAt);
}

function checkReferences(record: { tenantId: string; siteId: string }, context: RecordContext) {
  if (!context.tenantKnown) throw notFound(`tenantId: no tenant ${record.tenantId}`, 'tenantId');
  if (!context.site) throw notFound(`siteId: no site ${record.siteId}`, 'siteId');
  return context.site;
}

/** Shape and field checks only (no lookups): BAD_USER_INPUT naming the field. */
export function parseGpuUsageRecord(input: unknown): GpuUsageRecord {
  const { id: recordId, ...rest } = parseInput(usageSchema, input);
  checkInterval(rest.startedAt, rest.endedAt);
  return { recordId, ...rest };
}

export function parseEnergyRecord(input: unknown): EnergyRecord {
  const { id: recordId, ...rest } = parseInput(energySchema, input);
  checkInterval(rest.startedAt, rest.endedAt);
  return { recordId, ...rest };
}

/** Known tenant and site, a GPU model installed there, at most installed GPUs × the interval's hours. */
export function checkGpuUsageRecord(record: GpuUsageRecord, context: RecordContext): void {
  const site = checkReferences(record, context);
  const installed = site.gpuInventory.find((g) => g.gpuModel === record.gpuModel)?.count;
  if (installed === undefined) {
    const models = site.gpuInventory.map((g) => g.gpuModel).join(', ') || 'none';
    throw badInput('gpuModel', `a GPU model installed at site ${site.siteId} (${models})`, record.gpuModel);
  }
  const hours = new Decimal(toMs(record.endedAt) - toMs(record.startedAt)).div(MS_PER_HOUR);
  const ceiling = hours.times(installed);
  if (new Decimal(record.gpuHours).gt(ceiling)) {
    throw badInput(
      'gpuHours',
      `at most ${ceiling.toFixed()} (${installed} ${record.gpuModel} installed at site ${site.siteId} × ${hours.toFixed()} h)`,
      record.gpuHours,
    );
  }
}

export function checkEnergyRecord(record: EnergyRecord, context: RecordContext): void {
  checkReferences(record, context);
}

export const gpuUsageRecorded = (record: GpuUsageRecord, contractId: string | null): GpuUsageRecorded => ({
  type: 'GpuUsageRecorded',
  data: { ...record, contractId },
});

export const energyRecorded = (record: EnergyRecord, contractId: string | null): EnergyRecorded => ({
  type: 'EnergyRecorded',
  data: { ...record, contractId },
});

/** A repeated record id: true when the content is the same (a duplicate), false when it differs (refused). */
export function sameRecord(recorded: GpuUsageRecord | EnergyRecord, asked: GpuUsageRecord | EnergyRecord): boolean {
  const a = recorded as Record<string, unknown>;
  const b = asked as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => k !== 'contractId'));
  return [...keys].every((k) => a[k] === b[k]);
}
