import { describe, expect, it } from 'vitest';
import { fold } from '../decider.js';
import type { ContractEvent, TenancyEvent } from '../events.js';
import { specification } from '../specification.js';
import { contractDecider } from '../contract/contract-decider.js';
import type { ContractState } from '../contract/contract-state.js';
import { drafted, signed } from '../testing/index.js';
import { overlappingClaims } from './tenancy-decide.js';
import { tenancyDecider } from './tenancy-decider.js';

const given = specification(tenancyDecider).given;
const pair = { tenantId: 'mistral', siteId: 'bru-1' };
const term = (contractId: string, startsAt: string, endsAt: string | null) => ({
  contractId,
  ...pair,
  startsAt,
  endsAt,
});
const activated = (contractId: string, startsAt: string, endsAt: string | null): TenancyEvent => ({
  type: 'ContractActivated',
  data: term(contractId, startsAt, endsAt),
});
const deactivated = (contractId: string, effectiveAt: string): TenancyEvent => ({
  type: 'ContractDeactivated',
  data: { contractId, ...pair, effectiveAt },
});
const activate = (
  contractId: string,
  startsAt: string,
  endsAt: string | null,
  contracts: Record<string, ContractState> = {},
) => ({
  type: 'ActivateContract' as const,
  data: term(contractId, startsAt, endsAt),
  context: { contracts },
});
const deactivate = (contractId: string, effectiveAt: string) => ({
  type: 'DeactivateContract' as const,
  data: { contractId, ...pair, effectiveAt },
});
const contract = (...events: ContractEvent[]) => fold(contractDecider, events);
const terminatedAt = (contractId: string, effectiveAt: string): ContractEvent => ({
  type: 'ContractTerminated',
  data: { contractId, effectiveAt, reason: 'x', terminatedAt: '2026-01-01T00:00:00Z' },
});

const old = activated('c-old', '2025-01-01T00:00:00Z', '2026-02-01T00:00:00Z');

describe('tenancy: activate (one active contract per tenant and site)', () => {
  it('claims a free tenancy', () =>
    given([])
      .when(activate('c-new', '2026-01-01T00:00:00Z', null))
      .then([activated('c-new', '2026-01-01T00:00:00Z', null)]));
  it('claims after another term ends', () =>
    given([old])
      .when(activate('c-new', '2026-02-01T00:00:00Z', null))
      .then([activated('c-new', '2026-02-01T00:00:00Z', null)]));
  it('writes nothing when the contract already holds its claim (a signing completed after a crash)', () =>
    given([old])
      .when(activate('c-old', '2025-01-01T00:00:00Z', '2026-02-01T00:00:00Z'))
      .then([]));
  it('refuses to overlap another claim, naming the active contract and from when', () =>
    given([old])
      .when(activate('c-new', '2026-01-15T00:00:00Z', null))
      .thenThrows(
        'CONFLICT',
        /^tenant mistral already has contract c-old active at site bru-1 from 2025-01-01T00:00:00Z to 2026-02-01T00:00:00Z; contract c-new \(from 2026-01-15T00:00:00Z to open-ended\) would overlap it from 2026-01-15T00:00:00Z$/,
      ));
  it('refuses to overlap an open-ended claim', () =>
    given([activated('c-old', '2025-01-01T00:00:00Z', null)])
      .when(activate('c-new', '2030-01-01T00:00:00Z', '2031-01-01T00:00:00Z'))
      .thenThrows('CONFLICT', /contract c-old active .* to open-ended/));
  it('claims after a deactivation', () =>
    given([
      activated('c-old', '2025-01-01T00:00:00Z', null),
      deactivated('c-old', '2026-01-01T00:00:00Z'),
    ])
      .when(activate('c-new', '2026-01-01T00:00:00Z', null))
      .then([activated('c-new', '2026-01-01T00:00:00Z', null)]));
  /** c-new asks from 2026-01-01 while c-old holds an open-ended claim; c-old's own stream holds `history`. */
  const whileOldClaims = (...history: ContractEvent[]) =>
    given([activated('c-old', '2025-01-01T00:00:00Z', null)]).when(
      activate('c-new', '2026-01-01T00:00:00Z', null, {
        'c-old': contract(
          drafted({ contractId: 'c-old', startsAt: '2025-01-01T00:00:00Z' }),
          ...history,
        ),
      }),
    );
  it('honours a termination of the other contract not yet mirrored here', () =>
    whileOldClaims(signed('c-old'), terminatedAt('c-old', '2026-01-01T00:00:00Z')).then([
      activated('c-new', '2026-01-01T00:00:00Z', null),
    ]));
  it('ignores a claim whose contract was terminated before it was signed', () =>
    whileOldClaims(terminatedAt('c-old', '2027-01-01T00:00:00Z')).then([
      activated('c-new', '2026-01-01T00:00:00Z', null),
    ]));
  it('still refuses a claim without a signature whose contract is not terminated (a signing in progress)', () =>
    whileOldClaims().thenThrows('CONFLICT', /contract c-old active/));
  it('lists the overlapping claims whose contracts the handler must read', () => {
    const state = fold(tenancyDecider, [old, activated('c-later', '2027-01-01T00:00:00Z', null)]);
    expect(
      overlappingClaims(state, term('c-new', '2026-01-15T00:00:00Z', '2026-06-01T00:00:00Z')),
    ).toEqual(['c-old']);
  });
});

describe('tenancy: deactivate', () => {
  const open = activated('c-old', '2025-01-01T00:00:00Z', null);
  it('cuts the claim at the termination', () =>
    given([open])
      .when(deactivate('c-old', '2026-01-01T00:00:00Z'))
      .then([deactivated('c-old', '2026-01-01T00:00:00Z')]));
  it('writes nothing when already deactivated at that instant or before', () =>
    given([open, deactivated('c-old', '2026-01-01T00:00:00Z')])
      .when(deactivate('c-old', '2026-01-01T00:00:00Z'))
      .then([]));
  it('writes nothing without a claim (a contract never signed)', () =>
    given([]).when(deactivate('c-old', '2026-01-01T00:00:00Z')).then([]));
  it('writes nothing at or after the end of the claimed term', () =>
    given([old]).when(deactivate('c-old', '2026-02-01T00:00:00Z')).then([]));
});
