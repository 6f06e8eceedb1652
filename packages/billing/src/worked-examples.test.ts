import { describe, expect, it } from 'vitest';
import { example1, fluidstack, mistralContract, reservation } from './fixtures.test-support.js';
import { invoiceTotals } from './totals.js';
import { priceContractPeriod } from './price-contract-period.js';
import { OUTSIDE_EU_MENTION, taxFor } from './tax.js';
import { billingPeriod } from './period.js';

function summary(
  lines: {
    kind: string;
    gpuModel: string | null;
    quantity: string;
    unitPrice: string | null;
    amount: string;
  }[],
) {
  return lines.map((l) => [l.kind, l.gpuModel, l.quantity, l.unitPrice, l.amount]);
}

describe('worked examples', () => {
  it('Example 1: March 2026 billed to the French tenant', () => {
    const priced = priceContractPeriod(example1());
    expect(priced.periodHours).toBe('743');
    expect(priced.periodStart).toBe('2026-02-28T23:00:00Z');
    expect(priced.periodEnd).toBe('2026-03-31T22:00:00Z');
    expect(summary(priced.lines)).toEqual([
      ['RESERVED_CAPACITY', 'GB300', '760832', '3.10', '2358579.20'],
      ['ON_DEMAND_USAGE', 'GB300', '39168', '4.20', '164505.60'],
      ['POWER_COMMITMENT', null, '2000', '145.00', '290000.00'],
      ['ENERGY', null, '1440000', '0.115', '165600.00'],
      ['SLA_CREDIT', 'GB300', '2358579.2', '-0.10', '-235857.92'],
    ]);
    expect(priced.availability).toEqual([
      {
        gpuModel: 'GB300',
        reservedGpuHours: '760832',
        lostGpuHours: '2560',
        availability: '0.9966352624',
      },
    ]);
    expect(priced.lines[4]!.description).toContain('availability 99.6635 %');
    const tax = taxFor(mistralContract().billTo);
    expect(tax).toEqual({ regime: 'FR_DOMESTIC', ratePercent: '20', mention: null });
    expect(invoiceTotals(priced.lines, tax)).toEqual({
      subtotal: '2742826.88',
      taxRatePercent: '20',
      taxAmount: '548565.38',
      total: '3291392.26',
    });
  });

  it('Example 1: every line keeps its provenance', () => {
    const [reserved, onDemand, power, energy, sla] = priceContractPeriod(example1()).lines;
    expect(reserved!.sources).toEqual({
      eventIds: ['ev-contract-drafted', 'ev-contract-signed', 'ev-r-1'],
      recordCount: 0,
      recordDigest: null,
    });
    expect(onDemand!.sources).toEqual({
      eventIds: ['ev-contract-drafted', 'ev-contract-signed', 'ev-r-1'],
      recordCount: 3,
      recordDigest: 'a'.repeat(64),
    });
    expect(power!.sources.eventIds).toEqual([
      'ev-contract-drafted',
      'ev-contract-signed',
      'ev-p-1',
    ]);
    expect(energy!.sources).toMatchObject({ recordCount: 2, recordDigest: 'b'.repeat(64) });
    expect(sla!.sources.eventIds).toEqual([
      'ev-contract-drafted',
      'ev-contract-signed',
      'ev-r-1',
      'ev-i-1',
      'ev-i-1-resolved',
    ]);
  });

  it('Example 2: the same month billed to the British partner', () => {
    const priced = priceContractPeriod(
      example1({ contract: mistralContract({ billTo: fluidstack }) }),
    );
    const tax = taxFor(fluidstack);
    expect(tax).toEqual({ regime: 'OUTSIDE_EU', ratePercent: '0', mention: OUTSIDE_EU_MENTION });
    expect(tax.mention).toBe('TVA non applicable – art. 259-1 du CGI');
    expect(invoiceTotals(priced.lines, tax)).toEqual({
      subtotal: '2742826.88',
      taxRatePercent: '0',
      taxAmount: '0.00',
      total: '2742826.88',
    });
  });

  it('Example 3: October 2026 has 745 hours in Paris', () => {
    const october = billingPeriod('2026-10');
    expect(october.hours).toBe('745');
    const priced = priceContractPeriod({
      contract: mistralContract(),
      period: '2026-10',
      reservations: [
        reservation({
          gpuModel: 'H200',
          gpuCount: 256,
          startsAt: october.start,
          endsAt: october.end,
        }),
      ],
    });
    expect(summary(priced.lines)).toEqual([
      ['RESERVED_CAPACITY', 'H200', '190720', '2.20', '419584.00'],
    ]);
    expect(priced.lines[0]!.amount).not.toBe('419020.80');
  });

  it('Example 4: a GPU-scoped incident on 32 of 256 H200 for 10 hours in April 2026', () => {
    const april = billingPeriod('2026-04');
    const priced = priceContractPeriod({
      contract: mistralContract(),
      period: '2026-04',
      reservations: [
        reservation({ gpuModel: 'H200', gpuCount: 256, startsAt: april.start, endsAt: april.end }),
      ],
      incidents: [
        {
          id: 'i-4',
          scope: 'GPUS',
          startedAt: '2026-04-14T06:00:00Z',
          resolvedAt: '2026-04-14T16:00:00Z',
          impacts: [{ gpuModel: 'H200', gpuCount: 32 }],
          eventIds: ['ev-i-4'],
        },
      ],
    });
    expect(summary(priced.lines)).toEqual([
      ['RESERVED_CAPACITY', 'H200', '184320', '2.20', '405504.00'],
      ['SLA_CREDIT', 'H200', '405504', '-0.10', '-40550.40'],
    ]);
    expect(priced.availability[0]).toMatchObject({
      lostGpuHours: '320',
      reservedGpuHours: '184320',
    });
    expect(priced.lines[1]!.description).toContain('availability 99.8264 %');
  });

  it('Example 5: VAT is rounded once, on the subtotal', () => {
    const lines = [{ amount: '1.23' }, { amount: '1.23' }];
    expect(invoiceTotals(lines, taxFor(mistralContract().billTo))).toEqual({
      subtotal: '2.46',
      taxRatePercent: '20',
      taxAmount: '0.49',
      total: '2.95',
    });
  });
});
