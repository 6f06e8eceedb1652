import { workedRateCardInput } from '@cadran/domain/testing';
import type {
  BillingContract,
  BillingReservation,
  InvoiceLine,
  PricingInput,
  RateCard,
} from './types.js';

/** [segmentStart, segmentEnd, quantity, amount] of the lines of a kind. */
export const pick = (lines: InvoiceLine[], kind: string) =>
  lines
    .filter((l) => l.kind === kind)
    .map((l) => [l.segmentStart, l.segmentEnd, l.quantity, l.amount]);

/** The setting of worked-examples.md: contract c-mistral at bru-1, billed to the French tenant. */
export const mistralRateCard: RateCard = workedRateCardInput;

export const mistral = {
  name: 'Mistral AI',
  countryCode: 'FR',
  vatId: 'FR12345678901',
  address: 'Paris',
};
export const fluidstack = {
  name: 'Fluidstack',
  countryCode: 'GB',
  vatId: 'GB123456789',
  address: 'London',
};

export function mistralContract(overrides: Partial<BillingContract> = {}): BillingContract {
  return {
    id: 'c-mistral',
    status: 'SIGNED',
    billTo: mistral,
    startsAt: '2025-12-31T23:00:00Z',
    endsAt: null,
    billingTimeZone: 'Europe/Paris',
    paymentTermsDays: 30,
    currency: 'EUR',
    initialRateCard: mistralRateCard,
    initialRateCardEventId: 'ev-contract-drafted',
    amendments: [],
    eventIds: ['ev-contract-drafted', 'ev-contract-signed'],
    ...overrides,
  };
}

export function reservation(overrides: Partial<BillingReservation> = {}): BillingReservation {
  return {
    id: 'r-1',
    gpuModel: 'GB300',
    gpuCount: 1024,
    startsAt: '2026-02-28T23:00:00Z',
    endsAt: '2026-03-31T22:00:00Z',
    eventIds: ['ev-r-1'],
    ...overrides,
  };
}

/** Example 1: March 2026 (743 h), 2026-03-01T00:00+01:00 to 2026-04-01T00:00+02:00. */
export function example1(overrides: Partial<PricingInput> = {}): PricingInput {
  return {
    contract: mistralContract(),
    period: '2026-03',
    reservations: [reservation()],
    powerCommitments: [
      {
        id: 'p-1',
        kw: '2000',
        startsAt: '2026-02-28T23:00:00Z',
        endsAt: '2026-03-31T22:00:00Z',
        eventIds: ['ev-p-1'],
      },
    ],
    usage: {
      buckets: [
        {
          gpuModel: 'GB300',
          start: '2026-02-28T23:00:00Z',
          end: '2026-03-31T22:00:00Z',
          gpuHours: '800000',
        },
      ],
      provenance: [{ gpuModel: 'GB300', recordCount: 3, recordDigest: 'a'.repeat(64) }],
    },
    energy: {
      buckets: [{ start: '2026-02-28T23:00:00Z', end: '2026-03-31T22:00:00Z', kwh: '1200000' }],
      provenance: { recordCount: 2, recordDigest: 'b'.repeat(64) },
    },
    incidents: [
      {
        id: 'i-1',
        scope: 'SITE',
        startedAt: '2026-03-10T08:00:00Z',
        resolvedAt: '2026-03-10T10:30:00Z',
        eventIds: ['ev-i-1', 'ev-i-1-resolved'],
      },
    ],
    ...overrides,
  };
}
