import { describe, expect, it } from 'vitest';
import { drafted } from '../testing/index.js';
import { describeContractEvent } from './contract-history.js';

describe('describeContractEvent', () => {
  it('tells a draft billed to a partner with its end, and every price of its rate card', () => {
    const { summary, fields } = describeContractEvent(
      drafted({ billTo: 'PARTNER', partnerId: 'fluidstack', endsAt: '2026-12-31T23:00:00Z' }),
    );
    expect(summary).toBe(
      'Drafted for tenant mistral at site bru-1, billed to the partner fluidstack, from ' +
        '2025-12-31T23:00:00Z to 2026-12-31T23:00:00Z; rates for GB300, H200',
    );
    expect(fields).toContainEqual({ name: 'partnerId', value: 'fluidstack' });
    expect(fields).toContainEqual({ name: 'rateCard.GB300.onDemandPricePerGpuHour', value: '4.2' });
    expect(fields).toContainEqual({ name: 'paymentTermsDays', value: '30' });
    expect(fields.find((field) => field.name === 'rateCard.slaSchedule')?.value).toMatch(
      /^below [\d.]+ %: [\d.]+ %(; below [\d.]+ %: [\d.]+ %)*$/,
    );
  });

  it('leaves out what a draft does not have (no partner, open-ended)', () => {
    const { summary, fields } = describeContractEvent(drafted());
    expect(summary).toContain('billed to the tenant, from 2025-12-31T23:00:00Z, open-ended');
    expect(fields.map((field) => field.name)).not.toContain('partnerId');
    expect(fields.map((field) => field.name)).not.toContain('endsAt');
  });

  it('tells a termination with its date and reason', () => {
    expect(
      describeContractEvent({
        type: 'ContractTerminated',
        data: {
          contractId: 'c-mistral',
          effectiveAt: '2026-06-30T22:00:00Z',
          reason: 'moved to par-2',
          terminatedAt: '2026-05-01T08:00:00Z',
        },
      }),
    ).toEqual({
      summary: 'Terminated from 2026-06-30T22:00:00Z: moved to par-2',
      fields: [
        { name: 'effectiveAt', value: '2026-06-30T22:00:00Z' },
        { name: 'reason', value: 'moved to par-2' },
      ],
    });
  });
});
