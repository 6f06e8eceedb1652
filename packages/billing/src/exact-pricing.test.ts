import { describe, expect, it } from 'vitest';
import { mistralContract, pick, reservation } from './fixtures.test-support.js';
import { priceContractPeriod } from './price-contract-period.js';

/** A usage record from `start` to `end` (UTC, minutes). */
const usage = (gpuModel: string, start: string, end: string, gpuHours: string) => ({
  gpuModel,
  start: `${start}:00Z`,
  end: `${end}:00Z`,
  gpuHours,
});

/** March 2026, H200 priced `price` an hour reserved and on demand, a reservation of `gpuCount` from 1 March 00:00 UTC. */
const reservedH200 = (price: string, gpuCount: number, endsAt: string) =>
  priceContractPeriod({
    contract: mistralContract({
      initialRateCard: {
        gpuRates: [
          { gpuModel: 'H200', reservedPricePerGpuHour: price, onDemandPricePerGpuHour: price },
        ],
        powerPricePerKwMonth: '0',
      },
    }),
    period: '2026-03',
    reservations: [
      reservation({ gpuModel: 'H200', gpuCount, startsAt: '2026-03-01T00:00:00Z', endsAt }),
    ],
  });

describe('one rounding, from exact values (cause 3)', () => {
  it('2 GPUs over 570 h 01 min at 1.65 is exactly 1,881.055: €1,881.06, not €1,881.05', () => {
    // 570 h 01 min = 570.01666… h: as a 50-digit decimal, × 2 × 1.65 falls just under the half
    // cent. As milliseconds × GPUs × price / 3,600,000, division last, it is 1881.055.
    const priced = reservedH200('1.65', 2, '2026-03-24T18:01:00Z');
    expect(pick(priced.lines, 'RESERVED_CAPACITY')).toEqual([
      ['2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z', '1140.033333', '1881.06'],
    ]);
  });

  it('5 GPUs over 570 h 50 min at 1.83 is exactly 5,223.125: half-up gives €5,223.13', () => {
    const priced = reservedH200('1.83', 5, '2026-03-24T18:50:00Z');
    // 2,055,000,000 ms × 5 × 1.83 / 3,600,000 = 5223.125 exactly
    expect(pick(priced.lines, 'RESERVED_CAPACITY')).toEqual([
      ['2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z', '2854.166667', '5223.13'],
    ]);
  });

  it('records cut into thirds at a period end add up exactly before the price', () => {
    // three 3-hour records of 1 GPU-h, each with its first hour in March: 3 × 1/3 = 1 GPU-h,
    // × 0.505 = 0.505 exactly: €0.51 (as 50-digit decimals: 0.999…9 × 0.505, €0.50)
    const priced = priceContractPeriod({
      contract: mistralContract({
        initialRateCard: {
          gpuRates: [
            { gpuModel: 'H200', reservedPricePerGpuHour: '1', onDemandPricePerGpuHour: '0.505' },
          ],
          powerPricePerKwMonth: '0',
        },
      }),
      period: '2026-03',
      usage: {
        buckets: [1, 2, 3].map(() => usage('H200', '2026-03-31T21:00', '2026-04-01T00:00', '1')),
      },
    });
    expect(pick(priced.lines, 'ON_DEMAND_USAGE')).toEqual([
      ['2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z', '1', '0.51'],
    ]);
  });
});

describe('whole-record attribution (cause 2)', () => {
  // The term ends with March (Paris); a 63-hour energy record starts 9 hours before its end.
  const endsAt = '2026-03-31T22:00:00Z';
  const record = { start: '2026-03-31T13:00:00Z', end: '2026-04-03T04:00:00Z', kwh: '63000' };
  const contract = mistralContract({ endsAt });

  it("bills the record's 9 hours in March to March", () => {
    const march = priceContractPeriod({
      contract,
      period: '2026-03',
      energy: { buckets: [record] },
    });
    // 63000 × 9/63 = 9000 kWh × 1.20 × 0.115
    expect(pick(march.lines, 'ENERGY')).toEqual([
      ['2026-02-28T23:00:00Z', endsAt, '10800', '1242.00'],
    ]);
  });

  it('bills the 54 hours after the term to the same contract in April, with the rate card in force at its end', () => {
    const april = priceContractPeriod({
      contract,
      period: '2026-04',
      energy: { buckets: [record] },
    });
    expect(april.segments).toEqual([
      { start: endsAt, end: '2026-04-30T22:00:00Z', rateCardEventId: 'ev-contract-drafted' },
    ]);
    // 54000 kWh × 1.20 × 0.115: before, these 86 % of the record were billed to nobody
    expect(pick(april.lines, 'ENERGY')).toEqual([
      [endsAt, '2026-04-30T22:00:00Z', '64800', '7452.00'],
    ]);
  });

  it('after a termination mid-month, the record runs on in the last segment, up to the month end', () => {
    const terminatedAt = '2026-03-20T10:30:00Z';
    const priced = priceContractPeriod({
      contract: mistralContract({ status: 'TERMINATED', terminatedAt }),
      period: '2026-03',
      usage: { buckets: [usage('GB300', '2026-03-20T10:00', '2026-03-20T12:00', '100')] },
    });
    expect(pick(priced.lines, 'ON_DEMAND_USAGE')).toEqual([
      ['2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z', '100', '420.00'],
    ]);
  });

  it('a period after the term with no record bills nothing', () => {
    const april = priceContractPeriod({ contract, period: '2026-04', energy: { buckets: [] } });
    expect(april.segments).toEqual([]);
    expect(april.lines).toEqual([]);
  });
});
