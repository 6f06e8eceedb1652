import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { BillingInputError } from './errors.js';
import {
  example1,
  mistralContract,
  mistralRateCard,
  reservation,
} from './fixtures.test-support.js';
import { priceContractPeriod } from './price-contract-period.js';
import type { PricingInput, UsageBucket } from './types.js';

function refusal(input: PricingInput): BillingInputError {
  try {
    priceContractPeriod(input);
  } catch (error) {
    if (error instanceof BillingInputError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('bad input is refused with the field and what is accepted', () => {
  it.each<[string, PricingInput, string, RegExp]>([
    ['malformed period', example1({ period: '2026-3' }), 'period', /"YYYY-MM"/],
    [
      'money as a JS number',
      example1({
        powerCommitments: [
          {
            id: 'p',
            kw: 2000 as unknown as string,
            startsAt: '2026-03-01T00:00:00Z',
            endsAt: '2026-03-02T00:00:00Z',
            eventIds: [],
          },
        ],
      }),
      'powerCommitments[0].kw',
      /expected a decimal string/,
    ],
    [
      'instant without offset',
      example1({ reservations: [reservation({ startsAt: '2026-03-01T00:00:00' })] }),
      'reservations[0].startsAt',
      /with an offset/,
    ],
    [
      'impossible date',
      example1({ reservations: [reservation({ endsAt: '2026-02-30T00:00:00Z' })] }),
      'reservations[0].endsAt',
      /not a real date/,
    ],
    [
      'end before start',
      example1({ reservations: [reservation({ endsAt: '2026-02-01T00:00:00Z' })] }),
      'reservations[0].endsAt',
      /after startsAt/,
    ],
    [
      'zero GPUs',
      example1({ reservations: [reservation({ gpuCount: 0 })] }),
      'reservations[0].gpuCount',
      /at least 1/,
    ],
    [
      'unpriced model',
      example1({ reservations: [reservation({ gpuModel: 'B200' })] }),
      'reservations[0].gpuModel',
      /no price for B200/,
    ],
    [
      'terminated without instant',
      example1({ contract: mistralContract({ status: 'TERMINATED' }) }),
      'contract.terminatedAt',
      /TERMINATED contract/,
    ],
    [
      'unknown status',
      example1({ contract: mistralContract({ status: 'ACTIVE' as 'SIGNED' }) }),
      'contract.status',
      /DRAFT, SIGNED, TERMINATED/,
    ],
    [
      'unknown zone',
      example1({ contract: mistralContract({ billingTimeZone: 'Paris' }) }),
      'contract.billingTimeZone',
      /IANA/,
    ],
    [
      'negative usage',
      example1({
        usage: { buckets: [{ gpuModel: 'GB300', start: '2026-03-01T00:00:00Z', gpuHours: '-1' }] },
      }),
      'usage.buckets[0].gpuHours',
      /0 or more/,
    ],
    [
      'bucket end before start',
      example1({
        energy: {
          buckets: [{ start: '2026-03-01T01:00:00Z', end: '2026-03-01T00:00:00Z', kwh: '1' }],
        },
      }),
      'energy.buckets[0].end',
      /after start/,
    ],
    [
      'bucket that is not an object',
      example1({ usage: { buckets: [null as unknown as UsageBucket] } }),
      'usage.buckets[0]',
      /expected a bucket/,
    ],
    [
      'bad digest',
      example1({ energy: { buckets: [], provenance: { recordCount: 1, recordDigest: 'abc' } } }),
      'energy.provenance.recordDigest',
      /SHA-256/,
    ],
    [
      'bad SLA tier',
      example1({
        contract: mistralContract({
          initialRateCard: {
            ...mistralRateCard,
            slaSchedule: [{ availabilityBelowPercent: '101', creditPercent: '10' }],
          },
        }),
      }),
      'contract.initialRateCard.slaSchedule[0].availabilityBelowPercent',
      /at most 100/,
    ],
    [
      'bad incident scope',
      example1({
        incidents: [
          { id: 'i', scope: 'ROOM' as 'SITE', startedAt: '2026-03-01T00:00:00Z', eventIds: [] },
        ],
      }),
      'incidents[0].scope',
      /SITE or GPUS/,
    ],
  ])('%s', (_, input, field, message) => {
    const error = refusal(input);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('accepts decimal.js values as well as strings', () => {
    const priced = priceContractPeriod(
      example1({
        powerCommitments: [
          {
            id: 'p',
            kw: new Decimal('2000'),
            startsAt: '2026-02-28T23:00:00Z',
            endsAt: '2026-03-31T22:00:00Z',
            eventIds: [],
          },
        ],
      }),
    );
    expect(priced.lines.find((l) => l.kind === 'POWER_COMMITMENT')!.amount).toBe('290000.00');
  });
});
