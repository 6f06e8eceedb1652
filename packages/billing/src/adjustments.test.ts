import { describe, expect, it } from 'vitest';
import { adjustmentLines } from './adjustments.js';
import { example1 } from './fixtures.test-support.js';
import { priceContractPeriod } from './price-contract-period.js';

const issuedMarch = priceContractPeriod(example1());
const lateUsage = example1({
  usage: {
    buckets: [
      ...example1().usage!.buckets,
      { gpuModel: 'GB300', start: '2026-03-20T10:00:00Z', gpuHours: '100' },
    ],
    provenance: [{ gpuModel: 'GB300', recordCount: 4, recordDigest: 'c'.repeat(64) }],
  },
});

describe('adjustmentLines', () => {
  it('late usage for an issued month becomes one ADJUSTMENT line naming that month', () => {
    const lines = adjustmentLines([
      { period: '2026-03', billed: issuedMarch.lines, repriced: priceContractPeriod(lateUsage) },
    ]);
    expect(lines).toEqual([
      {
        kind: 'ADJUSTMENT',
        description:
          'Adjustment for 2026-03: on-demand usage +420.00 (data received after its invoice)',
        gpuModel: null,
        segmentStart: '2026-02-28T23:00:00Z',
        segmentEnd: '2026-03-31T22:00:00Z',
        quantity: '1',
        unit: 'adjustment',
        unitPrice: '420.00',
        amount: '420.00',
        correctsPeriod: '2026-03',
        adjustsKind: 'ON_DEMAND_USAGE',
        sources: {
          eventIds: ['ev-contract-drafted', 'ev-contract-signed', 'ev-r-1'],
          recordCount: 4,
          recordDigest: 'c'.repeat(64),
        },
      },
    ]);
  });

  it('nothing new, nothing to adjust', () => {
    expect(
      adjustmentLines([
        { period: '2026-03', billed: issuedMarch.lines, repriced: priceContractPeriod(example1()) },
      ]),
    ).toEqual([]);
  });

  it('earlier adjustments count as billed: the same late data is adjusted once', () => {
    const repriced = priceContractPeriod(lateUsage);
    const first = adjustmentLines([{ period: '2026-03', billed: issuedMarch.lines, repriced }]);
    const again = adjustmentLines([
      { period: '2026-03', billed: [...issuedMarch.lines, ...first], repriced },
    ]);
    expect(again).toEqual([]);
  });

  it('a late incident gives a negative SLA_CREDIT adjustment; each kind and period gets its own line', () => {
    const lateIncident = example1({
      incidents: [
        ...example1().incidents!,
        {
          id: 'i-2',
          scope: 'SITE',
          startedAt: '2026-03-20T00:00:00Z',
          resolvedAt: '2026-03-20T10:00:00Z',
          eventIds: ['ev-i-2'],
        },
      ],
    });
    const february = priceContractPeriod(
      example1({ period: '2026-02', reservations: [], powerCommitments: [] }),
    );
    const billedFebruary = [{ kind: 'ENERGY' as const, amount: '100.00' }];
    const lines = adjustmentLines([
      { period: '2026-02', billed: billedFebruary, repriced: february },
      { period: '2026-03', billed: issuedMarch.lines, repriced: priceContractPeriod(lateIncident) },
    ]);
    // 2560 + 10240 lost of 760832: 98.3176 % → 25 % = −589644.80, of which −235857.92 already credited
    expect(lines.map((l) => [l.correctsPeriod, l.adjustsKind, l.amount])).toEqual([
      ['2026-02', 'ENERGY', '-100.00'],
      ['2026-03', 'SLA_CREDIT', '-353786.88'],
    ]);
    expect(lines.at(-1)!.sources.eventIds).toContain('ev-i-2');
  });

  it('refuses adjustment lines that do not say what they correct', () => {
    const billed = [
      {
        kind: 'ADJUSTMENT' as const,
        amount: '10.00',
        correctsPeriod: '2026-03',
        adjustsKind: null,
      },
    ];
    expect(() => adjustmentLines([{ period: '2026-03', billed, repriced: issuedMarch }])).toThrow(
      /corrections\[0\]\.billed\[0\]\.adjustsKind/,
    );
    const otherPeriod = [
      {
        kind: 'ADJUSTMENT' as const,
        amount: '10.00',
        correctsPeriod: '2026-01',
        adjustsKind: 'ENERGY' as const,
      },
    ];
    expect(() =>
      adjustmentLines([{ period: '2026-03', billed: otherPeriod, repriced: issuedMarch }]),
    ).toThrow(/must name it/);
  });

  it('refuses a re-pricing of another period', () => {
    expect(() =>
      adjustmentLines([{ period: '2026-02', billed: [], repriced: issuedMarch }]),
    ).toThrow(/corrections\[0\]\.repriced\.period/);
  });
});
