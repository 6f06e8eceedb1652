import { describe, expect, it } from 'vitest';
import { fold } from '../decider.js';
import type { ContractEvent } from '../events.js';
import { specification } from '../specification.js';
import { drafted, rateCard, sequentialIds, signed } from '../testing/index.js';
import {
  parseAmendContract,
  parseDraftContract,
  type DraftContractData,
} from './contract-commands.js';
import { contractDecider } from './contract-decider.js';
import { activeInterval, rateCardSegments, type ContractState } from './contract-state.js';

const given = specification(contractDecider).given;
const now = '2025-12-01T00:00:00Z';
const { draftedAt: _d, partnerId: _p, currency: _c, ...draftData } = drafted().data;
const draft = (
  data: Partial<DraftContractData> = {},
  tenant: { tenantId: string; partnerId: string | null } | null = {
    tenantId: 'mistral',
    partnerId: 'fluidstack',
  },
  siteExists = true,
) => ({
  type: 'DraftContract' as const,
  data: { ...draftData, ...data },
  now,
  context: { tenant, siteExists },
});
const other = (...events: ContractEvent[]): ContractState => fold(contractDecider, events);
/** Mistral's signed contract c-old at bru-1 from 2025-01-01 to `endsAt`, then `later`. */
const oldContract = (endsAt: string | null, ...later: ContractEvent[]) =>
  other(
    drafted({ contractId: 'c-old', startsAt: '2025-01-01T00:00:00Z', endsAt }),
    signed('c-old'),
    ...later,
  );
const sign = (otherContracts: ContractState[] = [], contractId = 'c-mistral') => ({
  type: 'SignContract' as const,
  data: { contractId },
  now: '2025-12-02T00:00:00Z',
  context: { otherContracts },
});
const terminated = (
  effectiveAt = '2026-06-30T22:00:00Z',
  contractId = 'c-mistral',
): ContractEvent => ({
  type: 'ContractTerminated',
  data: { contractId, effectiveAt, reason: 'moving out', terminatedAt: '2026-05-01T00:00:00Z' },
});
const amend = (effectiveAt = '2026-03-31T22:00:00Z', amendmentId = 'a-1') => ({
  type: 'AmendContract' as const,
  data: {
    amendmentId,
    contractId: 'c-mistral',
    effectiveAt,
    rateCard: { ...rateCard, powerPricePerKwMonth: '150' },
  },
  now: '2026-03-01T00:00:00Z',
});
const amended = (effectiveAt = '2026-03-31T22:00:00Z'): ContractEvent => ({
  type: 'ContractAmended',
  data: { ...amend(effectiveAt).data, amendedAt: '2026-03-01T00:00:00Z' },
});
const terminate = (effectiveAt = '2026-06-30T22:00:00Z') => ({
  type: 'TerminateContract' as const,
  data: { contractId: 'c-mistral', effectiveAt, reason: 'moving out' },
  now: '2026-05-01T00:00:00Z',
});

describe('contract: draft', () => {
  it('drafts a contract billed to the tenant', () => given([]).when(draft()).then([drafted()]));
  it("drafts a contract billed to the tenant's partner, recording the partner", () =>
    given([])
      .when(draft({ billTo: 'PARTNER' }))
      .then([drafted({ billTo: 'PARTNER', partnerId: 'fluidstack' })]));
  it('writes nothing for the same draft again', () => given([drafted()]).when(draft()).then([]));
  it('refuses another draft under a used id', () =>
    given([drafted()])
      .when(draft({ paymentTermsDays: 45 }))
      .thenThrows('CONFLICT', /contract c-mistral already exists/));
  it('refuses an unknown tenant', () =>
    given([])
      .when(draft({}, null))
      .thenThrows('NOT_FOUND', /tenantId: no tenant mistral/));
  it('refuses an unknown site', () =>
    given([])
      .when(draft({}, undefined, false))
      .thenThrows('NOT_FOUND', /siteId: no site bru-1/));
  it('refuses billing a partner the tenant does not have', () =>
    given([])
      .when(draft({ billTo: 'PARTNER' }, { tenantId: 'mistral', partnerId: null }))
      .thenThrows(
        'BAD_USER_INPUT',
        /billTo: expected TENANT, since tenant mistral has no partner/,
      ));
});

describe('contract: sign', () => {
  it('signs a draft', () => given([drafted()]).when(sign()).then([signed()]));
  it('writes nothing when already signed', () =>
    given([drafted(), signed()]).when(sign()).then([]));
  it('refuses an unknown contract', () =>
    given([])
      .when(sign())
      .thenThrows('NOT_FOUND', /contract c-mistral does not exist/));
  it('refuses a terminated contract', () =>
    given([drafted(), terminated()])
      .when(sign())
      .thenThrows('CONFLICT', /is terminated; it cannot be signed/));
  it('refuses to overlap another active contract of the tenant at the site', () =>
    given([drafted()])
      .when(sign([oldContract('2026-02-01T00:00:00Z')]))
      .thenThrows(
        'CONFLICT',
        /tenant mistral already has contract c-old active at site bru-1 from 2025-01-01T00:00:00Z to 2026-02-01T00:00:00Z.*overlap it from 2025-12-31T23:00:00Z/,
      ));
  it('signs when the other contract ends before this one starts', () =>
    given([drafted()])
      .when(sign([oldContract('2025-12-31T23:00:00Z')]))
      .then([signed()]));
  it('signs when the other contract was terminated before this one starts', () =>
    given([drafted()])
      .when(sign([oldContract(null, terminated('2025-12-01T00:00:00Z', 'c-old'))]))
      .then([signed()]));
  it('ignores drafts, other sites and other tenants', () =>
    given([drafted()])
      .when(
        sign([
          other(drafted({ contractId: 'c-draft' })),
          other(drafted({ contractId: 'c-site', siteId: 'par-2' }), signed('c-site')),
          other(drafted({ contractId: 'c-tenant', tenantId: 'kyutai' }), signed('c-tenant')),
        ]),
      )
      .then([signed()]));
});

describe('contract: amend', () => {
  it('records a new rate card from effectiveAt', () =>
    given([drafted(), signed()]).when(amend()).then([amended()]));
  it('amends a draft too', () => given([drafted()]).when(amend()).then([amended()]));
  it('writes nothing for the same amendment again', () =>
    given([drafted(), amended()]).when(amend()).then([]));
  it('refuses another amendment under a used id', () =>
    given([drafted(), amended()])
      .when(amend('2026-05-01T00:00:00Z'))
      .thenThrows('CONFLICT', /amendment a-1 already exists/));
  it('refuses an unknown contract', () =>
    given([])
      .when(amend())
      .thenThrows('NOT_FOUND', /contract c-mistral does not exist/));
  it('refuses an instant before the term', () =>
    given([drafted()])
      .when(amend('2025-01-01T00:00:00Z'))
      .thenThrows('BAD_USER_INPUT', /effectiveAt: expected an instant within the term/));
  it('refuses an instant after the term', () =>
    given([drafted({ endsAt: '2026-03-01T00:00:00Z' })])
      .when(amend())
      .thenThrows('BAD_USER_INPUT', /to 2026-03-01T00:00:00Z/));
  it('refuses an instant at or after the termination', () =>
    given([drafted(), signed(), terminated('2026-03-01T00:00:00Z')])
      .when(amend())
      .thenThrows('CONFLICT', /terminated from 2026-03-01T00:00:00Z/));
  it('amends before a termination', () =>
    given([drafted(), signed(), terminated()]).when(amend()).then([amended()]));
  it('puts the amendment in force from effectiveAt', () =>
    given([drafted(), signed()])
      .when(amend())
      .thenState((state) => {
        expect(
          rateCardSegments(state).map((s) => [s.effectiveAt, s.rateCard.powerPricePerKwMonth]),
        ).toEqual([
          ['2025-12-31T23:00:00Z', '145'],
          ['2026-03-31T22:00:00Z', '150'],
        ]);
      }));
});

describe('contract: amend against reservations still held', () => {
  const onlyH200 = {
    ...rateCard,
    gpuRates: rateCard.gpuRates.filter((r) => r.gpuModel === 'H200'),
  };
  const held = (heldUntil: string, startsAt = '2026-02-28T23:00:00Z', gpuModel = 'GB300') => ({
    reservationId: 'r-1',
    gpuModel,
    startsAt,
    heldUntil,
  });
  const dropGb300 = (
    reservations: ReturnType<typeof held>[],
    amendmentId = 'a-1',
    effectiveAt = '2026-03-31T22:00:00Z',
  ) => ({
    ...amend(effectiveAt, amendmentId),
    data: { ...amend(effectiveAt, amendmentId).data, rateCard: onlyH200 },
    context: { reservations },
  });
  it('refuses dropping the rate of a GPU model a reservation holds from effectiveAt, naming both', () =>
    given([drafted(), signed()])
      .when(dropGb300([held('2026-04-30T22:00:00Z')]))
      .thenThrows(
        'CONFLICT',
        /^reservation r-1 holds GB300 until 2026-04-30T22:00:00Z; amendment a-1 in force from 2026-03-31T22:00:00Z has no rate for GB300/,
      ));
  it('amends when the reservation stops being held at effectiveAt', () =>
    given([drafted(), signed()])
      .when(dropGb300([held('2026-03-31T22:00:00Z')]))
      .then([
        {
          type: 'ContractAmended',
          data: { ...dropGb300([]).data, amendedAt: '2026-03-01T00:00:00Z' },
        },
      ]));
  it('amends when another model is dropped', () =>
    given([drafted(), signed()])
      .when(dropGb300([held('2026-04-30T22:00:00Z', undefined, 'H200')]))
      .thenState((state) => {
        expect(state.status !== 'NONE' && state.amendments).toHaveLength(1);
      }));
  it('amends when a later amendment is in force over the reservation', () =>
    given([
      drafted(),
      signed(),
      {
        type: 'ContractAmended',
        data: { ...amend('2026-04-15T00:00:00Z', 'a-0').data, rateCard, amendedAt: now },
      },
    ])
      .when(dropGb300([held('2026-05-01T00:00:00Z', '2026-04-20T00:00:00Z')]))
      .thenState((state) =>
        expect(state.status !== 'NONE' && state.amendments.map((a) => a.amendmentId)).toEqual([
          'a-0',
          'a-1',
        ]),
      ));
  it('refuses replacing, at the same effectiveAt, a card that priced the model', () =>
    given([drafted(), signed(), amended()])
      .when(dropGb300([held('2026-04-30T22:00:00Z')], 'a-2'))
      .thenThrows(
        'CONFLICT',
        /reservation r-1 holds GB300 .* amendment a-2 in force from 2026-03-31T22:00:00Z/,
      ));
});

describe('contract: terminate', () => {
  it('terminates from an instant', () =>
    given([drafted(), signed()])
      .when(terminate())
      .thenState((state) => {
        expect(state.status).toBe('TERMINATED');
        expect(activeInterval(state)?.end).toBe(Date.parse('2026-06-30T22:00:00Z'));
      }));
  it('records the termination', () =>
    given([drafted(), signed()]).when(terminate()).then([terminated()]));
  it('writes nothing for the same termination again', () =>
    given([drafted(), signed(), terminated()]).when(terminate()).then([]));
  it('refuses another termination instant', () =>
    given([drafted(), signed(), terminated()])
      .when(terminate('2026-07-31T22:00:00Z'))
      .thenThrows('CONFLICT', /already terminated from 2026-06-30T22:00:00Z/));
  it('refuses an unknown contract', () =>
    given([])
      .when(terminate())
      .thenThrows('NOT_FOUND', /does not exist/));
  it('refuses an instant at or after the end of the term', () =>
    given([drafted({ endsAt: '2026-06-30T22:00:00Z' })])
      .when(terminate())
      .thenThrows('BAD_USER_INPUT', /before the end of contract c-mistral/));
});

describe('contract commands', () => {
  const input = {
    tenantId: 'mistral',
    siteId: 'bru-1',
    startsAt: '2026-01-01T00:00:00+01:00',
    rateCard: { gpuRates: rateCard.gpuRates, powerPricePerKwMonth: '145' },
  };
  it('applies the defaults of the API contract', () => {
    const data = parseDraftContract(input, sequentialIds('c'));
    expect(data).toMatchObject({
      contractId: 'c-1',
      billTo: 'TENANT',
      billingTimeZone: 'Europe/Paris',
      paymentTermsDays: 30,
      startsAt: '2025-12-31T23:00:00Z',
      endsAt: null,
    });
    expect(data.rateCard).toMatchObject({ pue: '1', energyPricePerKwh: null });
    expect(data.rateCard.slaSchedule).toHaveLength(3);
  });
  it.each([
    [{ endsAt: '2025-12-31T23:00:00Z' }, /^endsAt: expected an instant after startsAt/],
    [{ billingTimeZone: 'Paris' }, /^billingTimeZone: expected an IANA time zone/],
    [{ paymentTermsDays: 400 }, /^paymentTermsDays: expected an integer from 0 to 365, got 400/],
    [{ billTo: 'SOMEONE' }, /^billTo: expected one of TENANT, PARTNER/],
    [
      { rateCard: { ...input.rateCard, pue: '0.9' } },
      /^rateCard.pue: expected a decimal string like "12.5", at least 1 and at most 10, got "0.9"/,
    ],
    [
      { rateCard: { ...input.rateCard, powerPricePerKwMonth: '-1' } },
      /^rateCard.powerPricePerKwMonth: .*at least 0/,
    ],
    [
      { rateCard: { ...input.rateCard, gpuRates: [rateCard.gpuRates[0], rateCard.gpuRates[0]] } },
      /^rateCard.gpuRates\[1\].gpuModel: expected each GPU model at most once/,
    ],
    [
      {
        rateCard: {
          ...input.rateCard,
          slaSchedule: [{ availabilityBelowPercent: '101', creditPercent: '10' }],
        },
      },
      /^rateCard.slaSchedule\[0\].availabilityBelowPercent/,
    ],
  ])('refuses %j', (override, message) => {
    expect(() => parseDraftContract({ ...input, ...override }, sequentialIds())).toThrow(message);
  });
  it('generates an amendment id when none is given', () => {
    expect(
      parseAmendContract(
        { contractId: 'c-1', effectiveAt: '2026-02-01T00:00:00Z', rateCard: input.rateCard },
        sequentialIds('a'),
      ).amendmentId,
    ).toBe('a-1');
  });
});
