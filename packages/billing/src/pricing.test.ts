import { describe, expect, it } from 'vitest';
import {
  example1,
  mistralContract,
  mistralRateCard,
  pick,
  reservation,
} from './fixtures.test-support.js';
import { priceContractPeriod } from './price-contract-period.js';
import { segmentsOf } from './segments.js';
import type { RateCard } from './types.js';

const MARCH_START = '2026-02-28T23:00:00Z';
const MARCH_END = '2026-03-31T22:00:00Z';
const AMENDED_AT = '2026-03-16T11:00:00Z'; // 372 h into March, 371 h left

const amendedCard: RateCard = {
  ...mistralRateCard,
  gpuRates: [
    { gpuModel: 'GB300', reservedPricePerGpuHour: '3.00', onDemandPricePerGpuHour: '4.00' },
    { gpuModel: 'H200', reservedPricePerGpuHour: '2.20', onDemandPricePerGpuHour: '3.00' },
  ],
  slaSchedule: [{ availabilityBelowPercent: '99.95', creditPercent: '5' }],
};

const amended = () =>
  mistralContract({
    amendments: [{ effectiveAt: AMENDED_AT, rateCard: amendedCard, eventId: 'ev-amended' }],
  });

describe('segments', () => {
  it('splits a period at an amendment', () => {
    expect(segmentsOf(amended(), '2026-03')).toEqual([
      { start: MARCH_START, end: AMENDED_AT, rateCardEventId: 'ev-contract-drafted' },
      { start: AMENDED_AT, end: MARCH_END, rateCardEventId: 'ev-amended' },
    ]);
  });

  it('starts at the term start and ends at the termination', () => {
    const contract = mistralContract({
      startsAt: '2026-03-05T10:00:00Z',
      status: 'TERMINATED',
      terminatedAt: '2026-03-20T12:00:00Z',
    });
    expect(segmentsOf(contract, '2026-03')).toEqual([
      {
        start: '2026-03-05T10:00:00Z',
        end: '2026-03-20T12:00:00Z',
        rateCardEventId: 'ev-contract-drafted',
      },
    ]);
    expect(segmentsOf(contract, '2026-04')).toEqual([]);
  });

  it('a draft has no segment at all', () => {
    expect(segmentsOf(mistralContract({ status: 'DRAFT' }), '2026-03')).toEqual([]);
    expect(
      priceContractPeriod(example1({ contract: mistralContract({ status: 'DRAFT' }) })).lines,
    ).toEqual([]);
  });

  it('an amendment before the period prices the whole period', () => {
    const contract = mistralContract({
      amendments: [
        { effectiveAt: '2026-02-10T00:00:00Z', rateCard: amendedCard, eventId: 'ev-amended' },
      ],
    });
    expect(segmentsOf(contract, '2026-03')).toEqual([
      { start: MARCH_START, end: MARCH_END, rateCardEventId: 'ev-amended' },
    ]);
  });
});

describe('priceContractPeriod', () => {
  it('prices each segment with the rate card in force and its own SLA schedule', () => {
    const priced = priceContractPeriod(example1({ contract: amended() }));
    expect(pick(priced.lines, 'RESERVED_CAPACITY')).toEqual([
      [MARCH_START, AMENDED_AT, '380928', '1180876.80'], // 1024 × 372 × 3.10
      [AMENDED_AT, MARCH_END, '379904', '1139712.00'], // 1024 × 371 × 3.00
    ]);
    // usage spread evenly: 800000 × 372/743 = 400538.358008… − 380928 reserved
    expect(pick(priced.lines, 'ON_DEMAND_USAGE')).toEqual([
      [MARCH_START, AMENDED_AT, '19610.358008', '82363.50'],
      [AMENDED_AT, MARCH_END, '19557.641992', '78230.57'],
    ]);
    expect(pick(priced.lines, 'POWER_COMMITMENT')).toEqual([
      [MARCH_START, AMENDED_AT, '1001.345895', '145195.15'],
      [AMENDED_AT, MARCH_END, '998.654105', '144804.85'],
    ]);
    // availability 99.6635 % over the whole month: 10 % in the first schedule, 5 % in the second
    expect(pick(priced.lines, 'SLA_CREDIT')).toEqual([
      [MARCH_START, AMENDED_AT, '1180876.8', '-118087.68'],
      [AMENDED_AT, MARCH_END, '1139712', '-56985.60'],
    ]);
    const sla = priced.lines.filter((l) => l.kind === 'SLA_CREDIT');
    expect(sla[1]!.sources.eventIds).toContain('ev-amended');
  });

  it('a termination mid-period ends reservations and commitments there; a record that started before it stays whole', () => {
    const terminatedAt = '2026-03-11T11:00:00Z'; // 252 h into March
    const priced = priceContractPeriod(
      example1({
        contract: mistralContract({ status: 'TERMINATED', terminatedAt }),
        incidents: [],
      }),
    );
    // the month-long usage and energy records started in the term: the segment runs to the month's end
    expect(priced.segments).toEqual([
      { start: MARCH_START, end: MARCH_END, rateCardEventId: 'ev-contract-drafted' },
    ]);
    expect(pick(priced.lines, 'RESERVED_CAPACITY')).toEqual([
      [MARCH_START, MARCH_END, '258048', '799948.80'],
    ]);
    expect(pick(priced.lines, 'POWER_COMMITMENT')).toEqual([
      [MARCH_START, MARCH_END, '678.33109', '98358.01'],
    ]);
    // all 800000 GPU-h used, 258048 reserved
    expect(pick(priced.lines, 'ON_DEMAND_USAGE')).toEqual([
      [MARCH_START, MARCH_END, '541952', '2276198.40'],
    ]);
    expect(pick(priced.lines, 'ENERGY')).toEqual([
      [MARCH_START, MARCH_END, '1440000', '165600.00'],
    ]);
  });

  it('a termination mid-period with no record past it keeps the segment at the termination', () => {
    const terminatedAt = '2026-03-11T11:00:00Z';
    const priced = priceContractPeriod(
      example1({
        contract: mistralContract({ status: 'TERMINATED', terminatedAt }),
        usage: { buckets: [] },
        energy: { buckets: [] },
        incidents: [],
      }),
    );
    expect(priced.segments).toEqual([
      { start: MARCH_START, end: terminatedAt, rateCardEventId: 'ev-contract-drafted' },
    ]);
  });

  it('a cancelled reservation bills up to its cancellation (take-or-pay)', () => {
    const priced = priceContractPeriod(
      example1({
        reservations: [reservation({ cancelledAt: '2026-03-02T01:00:00Z' })], // 26 h
        usage: { buckets: [] },
        incidents: [],
      }),
    );
    expect(pick(priced.lines, 'RESERVED_CAPACITY')).toEqual([
      [MARCH_START, MARCH_END, '26624', '82534.40'],
    ]);
  });

  it('a reservation cancelled before it starts bills nothing', () => {
    const priced = priceContractPeriod(
      example1({
        reservations: [reservation({ cancelledAt: '2026-02-20T00:00:00Z' })],
        usage: { buckets: [] },
      }),
    );
    expect(pick(priced.lines, 'RESERVED_CAPACITY')).toEqual([]);
    expect(pick(priced.lines, 'SLA_CREDIT')).toEqual([]);
  });

  it('splits usage and energy that span a period boundary pro rata of time', () => {
    // 10 h from 2026-03-31T18:00Z: 4 h in March, 6 h in April
    const usage = {
      buckets: [
        {
          gpuModel: 'H200',
          start: '2026-03-31T18:00:00Z',
          end: '2026-04-01T04:00:00Z',
          gpuHours: '1000',
        },
      ],
    };
    const energy = {
      buckets: [{ start: '2026-03-31T18:00:00Z', end: '2026-04-01T04:00:00Z', kwh: '500' }],
    };
    const base = { contract: mistralContract(), usage, energy };
    const march = priceContractPeriod({ ...base, period: '2026-03' });
    const april = priceContractPeriod({ ...base, period: '2026-04' });
    expect(pick(march.lines, 'ON_DEMAND_USAGE')).toEqual([
      [MARCH_START, MARCH_END, '400', '1200.00'],
    ]);
    expect(pick(april.lines, 'ON_DEMAND_USAGE')).toEqual([
      [MARCH_END, '2026-04-30T22:00:00Z', '600', '1800.00'],
    ]);
    expect(pick(march.lines, 'ENERGY')).toEqual([[MARCH_START, MARCH_END, '240', '27.60']]); // 200 × 1.2
    expect(pick(april.lines, 'ENERGY')).toEqual([
      [MARCH_END, '2026-04-30T22:00:00Z', '360', '41.40'],
    ]);
  });

  it('takes hourly buckets: an omitted end is one hour after the start', () => {
    const buckets = Array.from({ length: 3 }, (_, h) => ({
      gpuModel: 'H200',
      start: `2026-03-10T0${h}:00:00Z`,
      gpuHours: '10.5',
    }));
    const priced = priceContractPeriod({
      contract: mistralContract(),
      period: '2026-03',
      usage: { buckets },
    });
    expect(pick(priced.lines, 'ON_DEMAND_USAGE')).toEqual([
      [MARCH_START, MARCH_END, '31.5', '94.50'],
    ]);
  });

  it('usage under the reservation gives no on-demand line and no credit', () => {
    const priced = priceContractPeriod(
      example1({
        usage: {
          buckets: [{ gpuModel: 'GB300', start: MARCH_START, end: MARCH_END, gpuHours: '700000' }],
        },
      }),
    );
    expect(pick(priced.lines, 'ON_DEMAND_USAGE')).toEqual([]);
    expect(pick(priced.lines, 'RESERVED_CAPACITY')[0]![3]).toBe('2358579.20');
  });

  it('an unresolved incident counts up to the end of the period', () => {
    const priced = priceContractPeriod(
      example1({
        incidents: [
          { id: 'i', scope: 'SITE', startedAt: '2026-03-31T12:00:00Z', eventIds: ['ev-i'] },
        ],
      }),
    );
    // 10 h × 1024 = 10240 lost of 760832: 98.654 % → 25 %
    expect(priced.availability[0]).toMatchObject({ lostGpuHours: '10240' });
    expect(pick(priced.lines, 'SLA_CREDIT')).toEqual([
      [MARCH_START, MARCH_END, '2358579.2', '-589644.80'],
    ]);
  });

  it('an incident spanning the period start counts only its part in the period', () => {
    const priced = priceContractPeriod(
      example1({
        incidents: [
          {
            id: 'i',
            scope: 'SITE',
            startedAt: '2026-02-28T20:00:00Z',
            resolvedAt: '2026-02-28T23:30:00Z',
            eventIds: [],
          },
        ],
      }),
    );
    expect(priced.availability[0]).toMatchObject({ lostGpuHours: '512' });
  });

  it('a GPU-scoped incident is capped at what is reserved at the time', () => {
    const priced = priceContractPeriod(
      example1({
        reservations: [reservation({ gpuCount: 16, startsAt: '2026-03-10T10:00:00Z' })],
        incidents: [
          {
            id: 'i',
            scope: 'GPUS',
            startedAt: '2026-03-10T08:00:00Z',
            resolvedAt: '2026-03-10T12:00:00Z',
            impacts: [
              { gpuModel: 'GB300', gpuCount: 64 },
              { gpuModel: 'H200', gpuCount: 8 },
            ],
            eventIds: [],
          },
        ],
      }),
    );
    // nothing reserved 08:00–10:00, then 16 (not 64) for 2 h
    expect(priced.availability).toEqual([
      expect.objectContaining({ gpuModel: 'GB300', lostGpuHours: '32' }),
    ]);
  });

  it('lost hours are capped at the reserved hours: a credit never exceeds the reserved fee', () => {
    const priced = priceContractPeriod(
      example1({
        incidents: [1, 2].map((n) => ({
          id: `i${n}`,
          scope: 'SITE' as const,
          startedAt: MARCH_START,
          eventIds: [],
        })),
      }),
    );
    expect(priced.availability[0]).toMatchObject({ lostGpuHours: '760832', availability: '0' });
    expect(pick(priced.lines, 'SLA_CREDIT')[0]![3]).toBe('-2358579.20');
  });

  it('a site-wide incident takes down every model reserved by the contract', () => {
    const priced = priceContractPeriod(
      example1({
        reservations: [
          reservation(),
          reservation({ id: 'r-2', gpuModel: 'H200', gpuCount: 100, eventIds: ['ev-r-2'] }),
        ],
      }),
    );
    expect(priced.availability.map((a) => [a.gpuModel, a.lostGpuHours])).toEqual([
      ['GB300', '2560'],
      ['H200', '250'],
    ]);
    expect(pick(priced.lines, 'SLA_CREDIT').map((l) => l[3])).toEqual(['-235857.92', '-16346.00']);
  });

  it('a contract starting mid-period bills from its start; power stays pro rata of the whole month', () => {
    const startsAt = '2026-03-16T11:00:00Z';
    const priced = priceContractPeriod(
      example1({ contract: mistralContract({ startsAt }), incidents: [] }),
    );
    expect(pick(priced.lines, 'POWER_COMMITMENT')).toEqual([
      [startsAt, MARCH_END, '998.654105', '144804.85'],
    ]);
  });

  it('energy is not billed when the rate card has no energy price', () => {
    const card = { ...mistralRateCard, energyPricePerKwh: null };
    const priced = priceContractPeriod(
      example1({ contract: mistralContract({ initialRateCard: card }) }),
    );
    expect(pick(priced.lines, 'ENERGY')).toEqual([]);
  });
});
