import { describe, expect, it } from 'vitest';
import { parseRegisterSite } from '../site/site-commands.js';
import { bru1, refusalOf, usageRecordInput } from '../testing/index.js';
import {
  CLOCK_SKEW_MS,
  MAX_RECORD_QUANTITY,
  checkRecordInterval,
  isRecordQuantity,
} from './record-bounds.js';
import {
  checkEnergyRecord,
  checkGpuUsageRecord,
  parseEnergyRecord,
  parseGpuUsageRecord,
} from './usage-records.js';

const usage = usageRecordInput;
const { gpuModel: _model, gpuHours: _hours, ...energy } = { ...usage, kwh: '44000' };
const known = { site: bru1, tenantKnown: true };
const message = (fn: () => void): string => refusalOf(fn, 'BAD_USER_INPUT').message;

describe('metered record bounds, refused at the door', () => {
  it('a record of 10¹⁰ kWh (the record that stopped the platform) is refused, naming the ceiling', () => {
    expect(
      message(() => checkEnergyRecord(parseEnergyRecord({ ...energy, kwh: '10000000000' }), known)),
    ).toBe(
      'kwh: expected at most 44000 (44000 kW of power capacity at site bru-1 × 1 h), got "10000000000"',
    );
    expect(() => checkEnergyRecord(parseEnergyRecord(energy), known)).not.toThrow();
  });

  it('a record spans at most 31 days', () => {
    const long = { ...usage, endedAt: '2026-04-01T00:00:01Z', gpuHours: '1' };
    expect(message(() => parseGpuUsageRecord(long))).toMatch(
      /^endedAt: expected at most 31 days after startedAt 2026-03-01T00:00:00Z \(one record covers at most 31 days: split longer periods\), got "2026-04-01T00:00:01Z"$/,
    );
    expect(
      message(() => parseGpuUsageRecord({ ...usage, startedAt: '1970-01-01T00:00:00Z' })),
    ).toMatch(/^endedAt: expected at most 31 days/);
    const month = parseGpuUsageRecord({ ...long, endedAt: '2026-04-01T00:00:00Z' });
    expect(() => checkGpuUsageRecord(month, known)).not.toThrow();
  });

  it('a record does not end in the future beyond a few minutes of clock skew', () => {
    const now = Date.parse('2026-03-01T00:30:00Z');
    expect(() =>
      checkRecordInterval('2026-03-01T00:00:00Z', '2026-03-01T00:35:00Z', now),
    ).not.toThrow();
    expect(
      message(() => checkRecordInterval('2026-03-01T00:00:00Z', '2026-03-01T00:35:01Z', now)),
    ).toBe(
      'endedAt: expected an instant not in the future (now is 2026-03-01T00:30:00Z, 5 minutes of clock skew allowed), got "2026-03-01T00:35:01Z"',
    );
    expect(CLOCK_SKEW_MS).toBe(300_000);
    expect(
      message(() =>
        parseGpuUsageRecord({
          ...usage,
          startedAt: '2099-01-01T00:00:00Z',
          endedAt: '2099-01-01T01:00:00Z',
        }),
      ),
    ).toMatch(/^endedAt: expected an instant not in the future/);
  });

  it('a site draws at most 10 GW', () => {
    expect(
      message(() => parseRegisterSite({ ...bru1, powerCapacityKw: '10000000.1' }, () => 'x')),
    ).toMatch(
      /^powerCapacityKw: expected a decimal string like "12.5", greater than 0 and at most 10000000/,
    );
  });

  it('the largest valid quantity still counts exactly in micro-units (a safe integer)', () => {
    expect(MAX_RECORD_QUANTITY).toBe('7440000000');
    expect(Number.isSafeInteger(Number(MAX_RECORD_QUANTITY) * 1_000_000)).toBe(true);
    expect(isRecordQuantity(MAX_RECORD_QUANTITY)).toBe(true);
    expect(isRecordQuantity('0.000001')).toBe(true);
    expect(isRecordQuantity('0007440000000.0')).toBe(true);
    expect(isRecordQuantity('7440000000.000001')).toBe(false);
    expect(isRecordQuantity('10000000000')).toBe(false);
    expect(isRecordQuantity('-1')).toBe(false);
    expect(isRecordQuantity('1e3')).toBe(false);
    expect(isRecordQuantity(12)).toBe(false);
  });
});
