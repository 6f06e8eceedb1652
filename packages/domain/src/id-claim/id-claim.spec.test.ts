import { describe, expect, it } from 'vitest';
import { specification } from '../specification.js';
import { commandDigest } from '../idempotency.js';
import { powerCommitmentIdDecider, reservationIdDecider } from './id-claim.js';

const reservation = {
  reservationId: 'r-1',
  siteId: 'bru-1',
  contractId: 'c-mistral',
  commandDigest: 'd1',
};
const claimed = { type: 'ReservationIdClaimed' as const, data: reservation };
const claim = (over: Partial<typeof reservation> = {}) => ({
  type: 'ClaimReservationId' as const,
  data: { ...reservation, ...over },
});

describe('reservation id claim', () => {
  const given = specification(reservationIdDecider).given;
  it('claims a new id for a site', () => given([]).when(claim()).then([claimed]));
  it('writes nothing for the same command again (it continues)', () =>
    given([claimed]).when(claim()).then([]));
  it('refuses the id at another site, naming the site', () =>
    given([claimed])
      .when(claim({ siteId: 'par-2' }))
      .thenThrows('CONFLICT', /^reservation r-1 already exists at site bru-1; choose another id$/));
  it('refuses another command with the id at the same site', () =>
    given([claimed])
      .when(claim({ commandDigest: 'd2' }))
      .thenThrows('CONFLICT', /^reservation r-1 already exists with other details/));
});

describe('power commitment id claim', () => {
  const given = specification(powerCommitmentIdDecider).given;
  const commitment = {
    commitmentId: 'p-1',
    siteId: 'bru-1',
    contractId: 'c-mistral',
    commandDigest: 'd1',
  };
  const claimP = (over: Partial<typeof commitment> = {}) => ({
    type: 'ClaimPowerCommitmentId' as const,
    data: { ...commitment, ...over },
  });
  it('claims a new id', () =>
    given([])
      .when(claimP())
      .then([{ type: 'PowerCommitmentIdClaimed', data: commitment }]));
  it('writes nothing for the same command again', () =>
    given([{ type: 'PowerCommitmentIdClaimed', data: commitment }])
      .when(claimP())
      .then([]));
  it('refuses the id at another site', () =>
    given([{ type: 'PowerCommitmentIdClaimed', data: commitment }])
      .when(claimP({ siteId: 'par-2' }))
      .thenThrows('CONFLICT', /^power commitment p-1 already exists at site bru-1/));
  it('refuses another contract under the id', () =>
    given([{ type: 'PowerCommitmentIdClaimed', data: commitment }])
      .when(claimP({ contractId: 'c-2' }))
      .thenThrows('CONFLICT', /with other details/));
});

describe('command digest', () => {
  it('ignores key order and tells other content apart', () => {
    expect(commandDigest({ a: 1, b: 'x' })).toBe(commandDigest({ b: 'x', a: 1 }));
    expect(commandDigest({ a: 1, b: 'x' })).not.toBe(commandDigest({ a: 2, b: 'x' }));
    expect(commandDigest({})).toMatch(/^[0-9a-f]{64}$/);
  });
});
