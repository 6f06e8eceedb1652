import { describe, expect, it } from 'vitest';
import { contractDecider } from '../contract/contract-decider.js';
import { fold } from '../decider.js';
import type { ContractEvent, SiteEvent } from '../events.js';
import { bru1, capacityReserved, drafted, reservationCancelled, signed } from '../testing/index.js';
import { heldReservations } from './held-reservations.js';
import { siteDecider } from './site-decider.js';

const reserved = (reservationId: string, contractId = 'c-mistral'): SiteEvent =>
  capacityReserved(reservationId, {
    contractId,
    gpuCount: 8,
    startsAt: '2026-03-01T00:00:00Z',
    endsAt: '2026-04-01T00:00:00Z',
  });
const terminated: ContractEvent = {
  type: 'ContractTerminated',
  data: {
    contractId: 'c-mistral',
    effectiveAt: '2026-03-20T00:00:00Z',
    reason: 'x',
    terminatedAt: '2026-03-01T00:00:00Z',
  },
};

describe('held reservations of a contract', () => {
  const site = fold(siteDecider, [
    { type: 'SiteRegistered', data: bru1 },
    reserved('r-1'),
    reserved('r-2'),
    reservationCancelled('2026-03-10T00:00:00Z', 'x', 'r-2'),
    reserved('r-3'),
    reservationCancelled('2026-02-01T00:00:00Z', 'x', 'r-3'),
    reserved('r-other', 'c-other'),
  ]);
  it('cuts each at its cancellation and leaves out other contracts and what never held', () => {
    expect(
      heldReservations(site, fold(contractDecider, [drafted(), signed()])).map((r) => [
        r.reservationId,
        r.heldUntil,
      ]),
    ).toEqual([
      ['r-1', '2026-04-01T00:00:00Z'],
      ['r-2', '2026-03-10T00:00:00Z'],
    ]);
  });
  it('cuts at the termination before the release is written', () => {
    expect(
      heldReservations(site, fold(contractDecider, [drafted(), signed(), terminated])).map(
        (r) => r.heldUntil,
      ),
    ).toEqual(['2026-03-20T00:00:00Z', '2026-03-10T00:00:00Z']);
  });
});
