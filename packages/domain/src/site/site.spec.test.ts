import { describe, it } from 'vitest';
import { specification } from '../specification.js';
import { initialContractState, type ContractState } from '../contract/contract-state.js';
import type { ContractEvent, SiteEvent } from '../events.js';
import { contractDecider } from '../contract/contract-decider.js';
import { fold } from '../decider.js';
import {
  bru1,
  contractTerminated,
  drafted,
  reservationCancelled,
  signed,
} from '../testing/index.js';
import { siteDecider } from './site-decider.js';

const given = specification(siteDecider).given;
const contract = (...events: ContractEvent[]): ContractState => fold(contractDecider, events);
const mistral = contract(drafted(), signed());
const registered: SiteEvent = { type: 'SiteRegistered', data: bru1 };

type Span = { startsAt: string; endsAt: string };
/** What a command for contract `c` in March holds (`c-none` for no contract), then `fields`. */
const forContract = <Fields extends object>(c: ContractState, fields: Fields) => ({
  contractId: c.status === 'NONE' ? 'c-none' : c.drafted.contractId,
  startsAt: '2026-02-28T23:00:00Z',
  endsAt: '2026-03-31T22:00:00Z',
  ...fields,
});

const reserve = (
  over: Partial<{ reservationId: string; gpuModel: string; gpuCount: number } & Span> = {},
  c = mistral,
) => ({
  type: 'ReserveCapacity' as const,
  data: forContract(c, { reservationId: 'r-1', gpuModel: 'GB300', gpuCount: 1024, ...over }),
  context: { contract: c },
});
const reserved = (
  over: Partial<{ reservationId: string; gpuCount: number; gpuModel: string } & Span> = {},
): SiteEvent => ({
  type: 'CapacityReserved',
  data: { ...reserve(over).data, siteId: 'bru-1', tenantId: 'mistral' },
});
const commit = (over: Partial<{ commitmentId: string; kw: string } & Span> = {}, c = mistral) => ({
  type: 'CommitPower' as const,
  data: forContract(c, { commitmentId: 'p-1', kw: '2000', ...over }),
  context: { contract: c },
});
const committed = (over: Partial<{ commitmentId: string; kw: string } & Span> = {}): SiteEvent => ({
  type: 'PowerCommitted',
  data: { ...commit(over).data, siteId: 'bru-1', tenantId: 'mistral' },
});

describe('site: register', () => {
  it('registers a new site', () =>
    given([]).when({ type: 'RegisterSite', data: bru1 }).then([registered]));
  it('writes nothing for the same site again', () =>
    given([registered]).when({ type: 'RegisterSite', data: bru1 }).then([]));
  it('refuses another site under a used id', () =>
    given([registered])
      .when({ type: 'RegisterSite', data: { ...bru1, name: 'Other' } })
      .thenThrows('CONFLICT', /site bru-1 already exists with other details/));
});

describe('site: reserve capacity', () => {
  it('reserves within installed GPUs', () =>
    given([registered]).when(reserve()).then([reserved()]));
  it('reserves exactly what is left', () =>
    given([registered, reserved({ gpuCount: 13000 })])
      .when(reserve({ reservationId: 'r-2', gpuCount: 824 }))
      .then([reserved({ reservationId: 'r-2', gpuCount: 824 })]));
  it('refuses more than is free, naming what is left and from when', () =>
    given([registered, reserved({ gpuCount: 12800, startsAt: '2026-03-10T00:00:00Z' })])
      .when(reserve({ reservationId: 'r-2', gpuCount: 2048 }))
      .thenThrows(
        'CONFLICT',
        /^site bru-1 has 1024 GB300 free from 2026-03-10T00:00:00Z, 2048 asked$/,
      ));
  it('counts only reservations that overlap in time', () =>
    given([
      registered,
      reserved({
        gpuCount: 13824,
        startsAt: '2026-01-01T00:00:00Z',
        endsAt: '2026-02-28T23:00:00Z',
      }),
    ])
      .when(reserve({ reservationId: 'r-2', gpuCount: 13824 }))
      .then([reserved({ reservationId: 'r-2', gpuCount: 13824 })]));
  it('counts each GPU model on its own', () =>
    given([registered, reserved({ gpuCount: 13824 })])
      .when(reserve({ reservationId: 'r-2', gpuModel: 'H200', gpuCount: 2048 }))
      .then([reserved({ reservationId: 'r-2', gpuModel: 'H200', gpuCount: 2048 })]));
  it('frees a cancelled reservation from its cancellation on', () =>
    given([registered, reserved({ gpuCount: 13824 }), reservationCancelled('2026-03-15T00:00:00Z')])
      .when(reserve({ reservationId: 'r-2', gpuCount: 1, startsAt: '2026-03-15T00:00:00Z' }))
      .then([reserved({ reservationId: 'r-2', gpuCount: 1, startsAt: '2026-03-15T00:00:00Z' })]));
  it('keeps a cancelled reservation held before its cancellation', () =>
    given([registered, reserved({ gpuCount: 13824 }), reservationCancelled('2026-03-15T00:00:00Z')])
      .when(reserve({ reservationId: 'r-2', gpuCount: 1 }))
      .thenThrows('CONFLICT', /has 0 GB300 free from 2026-02-28T23:00:00Z, 1 asked/));
  it('frees a released contract from the release on', () =>
    given([
      registered,
      reserved({ gpuCount: 13824 }),
      {
        type: 'ContractCapacityReleased',
        data: { siteId: 'bru-1', contractId: 'c-mistral', effectiveAt: '2026-03-20T00:00:00Z' },
      },
    ])
      .when(reserve({ reservationId: 'r-2', gpuCount: 13824, startsAt: '2026-03-20T00:00:00Z' }))
      .then([
        reserved({ reservationId: 'r-2', gpuCount: 13824, startsAt: '2026-03-20T00:00:00Z' }),
      ]));
  it('writes nothing for the same reservation again, even when full', () =>
    given([registered, reserved({ gpuCount: 13824 })])
      .when(reserve({ gpuCount: 13824 }))
      .then([]));
  it('refuses another reservation under a used id', () =>
    given([registered, reserved()])
      .when(reserve({ gpuCount: 1 }))
      .thenThrows('CONFLICT', /reservation r-1 already exists/));
  it('refuses an unknown contract', () =>
    given([registered])
      .when(reserve({}, initialContractState()))
      .thenThrows('NOT_FOUND', /no contract/));
  it('refuses when the site is not registered', () =>
    given([])
      .when(reserve())
      .thenThrows('NOT_FOUND', /site bru-1 of contract c-mistral is not registered/));
  it('refuses a contract at another site', () =>
    given([registered])
      .when(reserve({}, contract(drafted({ siteId: 'par-2' }), signed())))
      .thenThrows('BAD_USER_INPUT', /contractId: expected a contract at site bru-1/));
  it('refuses a GPU model without a rate in the rate card', () =>
    given([registered])
      .when(
        reserve(
          {},
          contract(drafted({ rateCard: { ...drafted().data.rateCard, gpuRates: [] } }), signed()),
        ),
      )
      .thenThrows('BAD_USER_INPUT', /gpuModel: expected a GPU model priced in the rate card/));
  it('refuses a GPU model dropped by an amendment during the reservation', () =>
    given([registered])
      .when(
        reserve(
          {},
          contract(drafted(), signed(), {
            type: 'ContractAmended',
            data: {
              contractId: 'c-mistral',
              amendmentId: 'a-1',
              effectiveAt: '2026-03-15T00:00:00Z',
              rateCard: { ...drafted().data.rateCard, gpuRates: [] },
              amendedAt: '2026-03-01T00:00:00Z',
            },
          }),
        ),
      )
      .thenThrows('BAD_USER_INPUT', /in force from 2026-03-15T00:00:00Z \(none\)/));
  it('refuses a GPU model not installed at the site', () =>
    given([registered])
      .when(
        reserve(
          { gpuModel: 'B200' },
          contract(
            drafted({
              rateCard: {
                ...drafted().data.rateCard,
                gpuRates: [
                  { gpuModel: 'B200', reservedPricePerGpuHour: '1', onDemandPricePerGpuHour: '2' },
                ],
              },
            }),
            signed(),
          ),
        ),
      )
      .thenThrows(
        'BAD_USER_INPUT',
        /gpuModel: expected a GPU model installed at site bru-1 \(GB300, H200\), got "B200"/,
      ));
  it('refuses an interval outside the contract term', () =>
    given([registered])
      .when(reserve({ startsAt: '2025-06-01T00:00:00Z' }))
      .thenThrows('BAD_USER_INPUT', /within the term of contract c-mistral/));
  it('refuses an interval past the termination', () =>
    given([registered])
      .when(reserve({}, contract(drafted(), signed(), contractTerminated('2026-03-10T00:00:00Z'))))
      .thenThrows('BAD_USER_INPUT', /to 2026-03-10T00:00:00Z/));
  it('refuses a contract terminated before it was signed', () =>
    given([registered])
      .when(reserve({}, contract(drafted(), contractTerminated('2026-12-10T00:00:00Z'))))
      .thenThrows('CONFLICT', /terminated before it was signed/));
});

describe('site: cancel reservation', () => {
  const cancel = {
    type: 'CancelReservation' as const,
    data: { reservationId: 'r-1', reason: 'downsizing' },
    now: '2026-03-15T00:00:00Z',
  };
  const cancelled = reservationCancelled('2026-03-15T00:00:00Z', 'downsizing');
  it('cancels from the instant it is recorded', () =>
    given([registered, reserved()]).when(cancel).then([cancelled]));
  it('writes nothing when already cancelled', () =>
    given([registered, reserved(), cancelled]).when(cancel).then([]));
  it('refuses an unknown reservation', () =>
    given([registered])
      .when(cancel)
      .thenThrows('NOT_FOUND', /no reservation r-1/));
});

describe('site: commit power', () => {
  it('commits within capacity', () => given([registered]).when(commit()).then([committed()]));
  it('refuses more kW than is free, naming what is left', () =>
    given([registered, committed({ kw: '43000.5' })])
      .when(commit({ commitmentId: 'p-2', kw: '1000' }))
      .thenThrows(
        'CONFLICT',
        /^site bru-1 has 999.5 kW free from 2026-02-28T23:00:00Z, 1000 kW asked$/,
      ));
  it('frees power released with the contract', () =>
    given([
      registered,
      committed({ kw: '44000' }),
      {
        type: 'ContractCapacityReleased',
        data: { siteId: 'bru-1', contractId: 'c-mistral', effectiveAt: '2026-03-20T00:00:00Z' },
      },
    ])
      .when(commit({ commitmentId: 'p-2', kw: '44000', startsAt: '2026-03-20T00:00:00Z' }))
      .then([committed({ commitmentId: 'p-2', kw: '44000', startsAt: '2026-03-20T00:00:00Z' })]));
  it('writes nothing for the same commitment again', () =>
    given([registered, committed()]).when(commit()).then([]));
  it('refuses another commitment under a used id', () =>
    given([registered, committed()])
      .when(commit({ kw: '1' }))
      .thenThrows('CONFLICT', /power commitment p-1 already exists/));
  it('refuses an interval outside the term', () =>
    given([registered])
      .when(commit({ startsAt: '2025-01-01T00:00:00Z' }))
      .thenThrows('BAD_USER_INPUT', /within the term/));
  it('refuses an unknown contract', () =>
    given([registered])
      .when(commit({}, initialContractState()))
      .thenThrows('NOT_FOUND', /no contract/));
});

describe('site: release contract capacity', () => {
  const release = {
    type: 'ReleaseContractCapacity' as const,
    data: { siteId: 'bru-1', contractId: 'c-mistral', effectiveAt: '2026-03-20T00:00:00Z' },
  };
  it('releases from the termination instant', () =>
    given([registered, reserved()])
      .when(release)
      .then([{ type: 'ContractCapacityReleased', data: release.data }]));
  it('writes nothing when already released', () =>
    given([registered, { type: 'ContractCapacityReleased', data: release.data }])
      .when(release)
      .then([]));
  it('refuses an unknown site', () =>
    given([])
      .when(release)
      .thenThrows('NOT_FOUND', /site bru-1 is not registered/));
});
