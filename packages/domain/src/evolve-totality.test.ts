import { describe, expect, it } from 'vitest';
import { contractDecider } from './contract/contract-decider.js';
import type { Decider } from './decider.js';
import { powerCommitmentIdDecider, reservationIdDecider } from './id-claim/id-claim.js';
import { incidentDecider } from './incident/incident.js';
import { partnerDecider } from './party/partner.js';
import { tenantDecider } from './party/tenant.js';
import { siteDecider } from './site/site-decider.js';
import { tenancyDecider } from './tenancy/tenancy-decider.js';

/** Folds an event of a type the decider does not know into its initial state. */
const keepsItsState =
  <State, Event>(decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>) =>
  () => {
    const state = decider.initialState();
    const unknown = { type: 'ContractRenamed', data: { name: 'x' } } as Event;
    expect(decider.evolve(state, unknown)).toBe(state);
  };

describe('every evolve keeps its state for an event type it does not know', () => {
  it('contract', keepsItsState(contractDecider));
  it('site', keepsItsState(siteDecider));
  it('tenancy', keepsItsState(tenancyDecider));
  it('partner', keepsItsState(partnerDecider));
  it('tenant', keepsItsState(tenantDecider));
  it('incident', keepsItsState(incidentDecider));
  it('reservation id', keepsItsState(reservationIdDecider));
  it('power commitment id', keepsItsState(powerCommitmentIdDecider));
});
