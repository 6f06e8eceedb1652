import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mistralContract, mistralRateCard } from './fixtures.test-support.js';
import { periodWindow } from './period.js';
import { priceContractPeriod } from './price-contract-period.js';
import { invoiceTotals } from './totals.js';
import type { InvoiceLine, PricingInput, RateCardAmendment } from './types.js';

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const money = (cents: number) => new Decimal(cents).div(100).toFixed(2);

const models = fc.constantFrom('GB300', 'H200');
const from = fc.integer({ min: -48 * 60, max: 760 * 60 }); // minutes from the period start
const duration = fc.integer({ min: 1, max: 900 * 60 });

const scenario = fc.record({
  period: fc.constantFrom('2026-02', '2026-03', '2026-10'),
  reservations: fc.array(
    fc.record({
      model: models,
      count: fc.integer({ min: 1, max: 2048 }),
      from,
      duration,
      cancelAfter: fc.option(duration),
    }),
    { maxLength: 4 },
  ),
  commitments: fc.array(
    fc.record({ kwTenths: fc.integer({ min: 1, max: 400_000 }), from, duration }),
    { maxLength: 3 },
  ),
  usage: fc.array(
    fc.record({
      model: models,
      from,
      duration,
      centiHours: fc.integer({ min: 0, max: 100_000_000 }),
    }),
    { maxLength: 8 },
  ),
  energy: fc.array(
    fc.record({ from, duration, centiKwh: fc.integer({ min: 0, max: 100_000_000 }) }),
    { maxLength: 4 },
  ),
  incidents: fc.array(
    fc.record({
      site: fc.boolean(),
      model: models,
      count: fc.integer({ min: 1, max: 3000 }),
      from,
      duration: fc.option(duration),
    }),
    { maxLength: 4 },
  ),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function toInput(s: Scenario, amendments: RateCardAmendment[] = []): PricingInput {
  const start = periodWindow(s.period).startMs;
  const at = (minutes: number) => iso(start + minutes * MINUTE);
  return {
    contract: mistralContract({ amendments }),
    period: s.period,
    reservations: s.reservations.map((r, i) => ({
      id: `r-${i}`,
      gpuModel: r.model,
      gpuCount: r.count,
      startsAt: at(r.from),
      endsAt: at(r.from + r.duration),
      cancelledAt: r.cancelAfter === null ? null : at(r.from + r.cancelAfter),
      eventIds: [`ev-r-${i}`],
    })),
    powerCommitments: s.commitments.map((c, i) => ({
      id: `p-${i}`,
      kw: new Decimal(c.kwTenths).div(10).toFixed(),
      startsAt: at(c.from),
      endsAt: at(c.from + c.duration),
      eventIds: [`ev-p-${i}`],
    })),
    usage: {
      buckets: s.usage.map((u) => ({
        gpuModel: u.model,
        start: at(u.from),
        end: at(u.from + u.duration),
        gpuHours: money(u.centiHours),
      })),
    },
    energy: {
      buckets: s.energy.map((e) => ({
        start: at(e.from),
        end: at(e.from + e.duration),
        kwh: money(e.centiKwh),
      })),
    },
    incidents: s.incidents.map((inc, i) => ({
      id: `i-${i}`,
      scope: inc.site ? ('SITE' as const) : ('GPUS' as const),
      startedAt: at(inc.from),
      resolvedAt: inc.duration === null ? null : at(inc.from + inc.duration),
      impacts: [{ gpuModel: inc.model, gpuCount: inc.count }],
      eventIds: [`ev-i-${i}`],
    })),
  };
}

/** The thing a line prices: its reservation or commitment, or its kind and model. */
const keyOf = (line: InvoiceLine) =>
  `${line.kind}/${line.gpuModel}/${/\((\w+ [\w-]+)\)$/.exec(line.description)?.[1] ?? ''}`;

function amountsByKey(lines: InvoiceLine[]): Map<string, { amount: Decimal; count: number }> {
  const result = new Map<string, { amount: Decimal; count: number }>();
  for (const line of lines) {
    const entry = result.get(keyOf(line)) ?? { amount: new Decimal(0), count: 0 };
    result.set(keyOf(line), { amount: entry.amount.plus(line.amount), count: entry.count + 1 });
  }
  return result;
}

const splits = fc.uniqueArray(fc.integer({ min: 1, max: 670 * 60 }), {
  minLength: 1,
  maxLength: 3,
});

function sameCardAmendments(period: string, minutes: number[]): RateCardAmendment[] {
  const start = periodWindow(period).startMs;
  return minutes.map((m, i) => ({
    effectiveAt: iso(start + m * MINUTE),
    rateCard: mistralRateCard,
    eventId: `ev-amend-${i}`,
  }));
}

describe('properties of the engine', () => {
  it('splitting a period into segments with the same rate card changes no line by more than its rounding', () => {
    fc.assert(
      fc.property(scenario, splits, (s, minutes) => {
        const whole = priceContractPeriod(toInput({ ...s, usage: [] }));
        const split = priceContractPeriod(
          toInput({ ...s, usage: [] }, sameCardAmendments(s.period, minutes)),
        );
        const before = amountsByKey(whole.lines);
        const after = amountsByKey(split.lines);
        const rcLines =
          split.lines.filter((l) => l.kind === 'RESERVED_CAPACITY').length + whole.lines.length;
        for (const key of new Set([...before.keys(), ...after.keys()])) {
          const a = before.get(key) ?? { amount: new Decimal(0), count: 0 };
          const b = after.get(key) ?? { amount: new Decimal(0), count: 0 };
          // each rounded line is off by at most half a cent; an SLA credit also carries its base's rounding
          const slack = key.startsWith('SLA_CREDIT') ? rcLines : 0;
          const bound = new Decimal('0.005').times(a.count + b.count + slack);
          expect(
            a.amount.minus(b.amount).abs().lte(bound),
            `${key}: ${a.amount} vs ${b.amount}`,
          ).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('evenly spread usage over whole-period reservations is not changed by splitting either', () => {
    fc.assert(
      fc.property(
        scenario,
        splits,
        fc.integer({ min: 0, max: 2_000_000_00 }),
        (s, minutes, centiHours) => {
          const window = periodWindow(s.period);
          const minutesInPeriod = (window.endMs - window.startMs) / MINUTE;
          const even = {
            ...s,
            reservations: s.reservations.map((r) => ({
              ...r,
              from: 0,
              duration: minutesInPeriod,
              cancelAfter: null,
            })),
            usage: [{ model: 'GB300' as const, from: 0, duration: minutesInPeriod, centiHours }],
          };
          const whole = amountsByKey(priceContractPeriod(toInput(even)).lines).get(
            'ON_DEMAND_USAGE/GB300/',
          );
          const split = amountsByKey(
            priceContractPeriod(toInput(even, sameCardAmendments(s.period, minutes))).lines,
          ).get('ON_DEMAND_USAGE/GB300/');
          const a = whole?.amount ?? new Decimal(0);
          const b = split?.amount ?? new Decimal(0);
          expect(
            a
              .minus(b)
              .abs()
              .lte(new Decimal('0.005').times((whole?.count ?? 0) + (split?.count ?? 0))),
          ).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('more usage never lowers a total', () => {
    const more = fc.record({
      model: models,
      from,
      duration,
      centiHours: fc.integer({ min: 0, max: 100_000_000 }),
    });
    fc.assert(
      fc.property(scenario, more, fc.option(splits), (s, extra, minutes) => {
        const pricier = {
          ...mistralRateCard,
          gpuRates: mistralRateCard.gpuRates.map((r) => ({
            ...r,
            onDemandPricePerGpuHour: '9.99',
          })),
        };
        const amendments = minutes
          ? sameCardAmendments(s.period, minutes).map((a) => ({ ...a, rateCard: pricier }))
          : [];
        const total = (x: Scenario) =>
          new Decimal(
            invoiceTotals(priceContractPeriod(toInput(x, amendments)).lines, { ratePercent: '20' })
              .total,
          );
        expect(total({ ...s, usage: [...s.usage, extra] }).gte(total(s))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('an SLA credit never exceeds its reserved fee', () => {
    fc.assert(
      fc.property(scenario, fc.option(splits), (s, minutes) => {
        const input = toInput(s, minutes ? sameCardAmendments(s.period, minutes) : []);
        const { lines } = priceContractPeriod(input);
        for (const credit of lines.filter((l) => l.kind === 'SLA_CREDIT')) {
          const fee = lines
            .filter(
              (l) =>
                l.kind === 'RESERVED_CAPACITY' &&
                l.gpuModel === credit.gpuModel &&
                l.segmentStart === credit.segmentStart,
            )
            .reduce((acc, l) => acc.plus(l.amount), new Decimal(0));
          expect(new Decimal(credit.amount).lt(0)).toBe(true);
          expect(new Decimal(credit.amount).abs().lte(fee)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('pricing is deterministic: the same input gives the same output', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const input = toInput(s);
        const first = priceContractPeriod(input);
        expect(priceContractPeriod(structuredClone(input))).toEqual(first);
        expect(JSON.stringify(priceContractPeriod(input))).toBe(JSON.stringify(first));
      }),
      { numRuns: 100 },
    );
  });
});
