import { describe, expect, it } from 'vitest';
import { fold } from '../decider.js';
import { contractDecider } from '../contract/contract-decider.js';
import { bru1, drafted, refusalOf, signed, usageRecordInput } from '../testing/index.js';
import { attributeRecord } from './attribution.js';
import {
  checkGpuUsageRecord,
  parseEnergyRecord,
  parseGpuUsageRecord,
  sameRecord,
} from './usage-records.js';

const input = usageRecordInput;
const known = { site: bru1, tenantKnown: true };
const refusal = refusalOf;

describe('usage records', () => {
  it('accepts up to installed GPUs × hours', () => {
    expect(() => checkGpuUsageRecord(parseGpuUsageRecord(input), known)).not.toThrow();
  });
  it.each([
    [
      { endedAt: '2026-03-01T00:00:00Z' },
      'BAD_USER_INPUT',
      /^endedAt: expected an instant after startedAt/,
    ],
    [{ gpuHours: '-1' }, 'BAD_USER_INPUT', /^gpuHours: expected .*at least 0/],
    [
      { gpuHours: '2048.000001' },
      'BAD_USER_INPUT',
      /^gpuHours: expected at most 2048 \(2048 H200 installed at site bru-1 × 1 h\)/,
    ],
    [
      { gpuModel: 'B200' },
      'BAD_USER_INPUT',
      /^gpuModel: expected a GPU model installed at site bru-1/,
    ],
    [{ id: undefined }, 'BAD_USER_INPUT', /^id: expected an id/],
  ])('refuses %j', (override, code, message) => {
    const error = refusal(() =>
      checkGpuUsageRecord(parseGpuUsageRecord({ ...input, ...override }), known),
    );
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
  it('compares GPU-hours with the ceiling exactly, also a hair from it', () => {
    const check = (gpuHours: string) => () =>
      checkGpuUsageRecord(parseGpuUsageRecord({ ...input, gpuHours }), known);
    expect(check('2047.99999999999999999999')).not.toThrow();
    expect(check('2048.00000000000000000001')).toThrow(/^gpuHours: expected at most 2048/);
    const twentyMinutes = { ...input, endedAt: '2026-03-01T00:20:00Z' };
    expect(() =>
      checkGpuUsageRecord(
        parseGpuUsageRecord({ ...twentyMinutes, gpuHours: '682.6666666666666666' }),
        known,
      ),
    ).not.toThrow();
    expect(() =>
      checkGpuUsageRecord(
        parseGpuUsageRecord({ ...twentyMinutes, gpuHours: '682.6666666666666667' }),
        known,
      ),
    ).toThrow(/at most 682\.6666/);
  });

  it('gives the same record whether fields come canonical or not', () => {
    const canonical = parseGpuUsageRecord({ ...input, extra: 'ignored' });
    const { id, ...fields } = input;
    expect(canonical).toEqual({ recordId: id, ...fields });
    expect(Object.keys(canonical)).toEqual([
      'recordId',
      'tenantId',
      'siteId',
      'gpuModel',
      'startedAt',
      'endedAt',
      'gpuHours',
    ]);
    const other = parseGpuUsageRecord({
      ...input,
      startedAt: '2026-03-01T01:00:00.000+01:00',
      endedAt: '2026-03-01T01:00:00.000Z',
      gpuHours: '02048.00',
    });
    expect(other).toEqual(canonical);
    expect(Object.keys(other)).toEqual(Object.keys(canonical));
  });

  it('refuses an unknown tenant or site', () => {
    const record = parseGpuUsageRecord(input);
    expect(
      refusal(() => checkGpuUsageRecord(record, { site: bru1, tenantKnown: false })).message,
    ).toBe('tenantId: no tenant mistral');
    expect(refusal(() => checkGpuUsageRecord(record, { site: null, tenantKnown: true })).code).toBe(
      'NOT_FOUND',
    );
  });
  it('parses energy records', () => {
    const { gpuModel: _g, gpuHours: _h, ...energy } = input;
    expect(parseEnergyRecord({ ...energy, kwh: '1200.50' }).kwh).toBe('1200.5');
    expect(() => parseEnergyRecord({ ...energy, kwh: 'lots' })).toThrow(
      /^kwh: expected a decimal string/,
    );
  });
  it('tells a duplicate from the same id with other content', () => {
    const record = parseGpuUsageRecord(input);
    expect(sameRecord(record, parseGpuUsageRecord({ ...input, gpuHours: '2048.0' }))).toBe(true);
    expect(sameRecord(record, parseGpuUsageRecord({ ...input, gpuHours: '1' }))).toBe(false);
  });
});

describe('attribution', () => {
  const contract = fold(contractDecider, [drafted({ endsAt: '2026-04-01T00:00:00Z' }), signed()]);
  const draftOnly = fold(contractDecider, [
    drafted({ contractId: 'c-draft', startsAt: '2026-04-01T00:00:00Z' }),
  ]);
  const record = { tenantId: 'mistral', siteId: 'bru-1', startedAt: '2026-03-31T23:59:59Z' };
  it('attributes to the contract active at startedAt', () =>
    expect(attributeRecord([draftOnly, contract], record)).toBe('c-mistral'));
  it('leaves usage after the term unbilled', () =>
    expect(
      attributeRecord([draftOnly, contract], { ...record, startedAt: '2026-04-01T00:00:00Z' }),
    ).toBeNull());
  it('never attributes to a draft, another tenant or another site', () => {
    expect(
      attributeRecord([draftOnly], { ...record, startedAt: '2026-05-01T00:00:00Z' }),
    ).toBeNull();
    expect(attributeRecord([contract], { ...record, tenantId: 'kyutai' })).toBeNull();
    expect(attributeRecord([contract], { ...record, siteId: 'par-2' })).toBeNull();
  });
});
