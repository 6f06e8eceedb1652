import { z } from 'zod';
import type { Decider } from '../decider.js';
import { notFound } from '../errors.js';
import type { TenantEvent, TenantOnboarded } from '../events.js';
import { optionalId } from '../fields.js';
import type { IdGenerator } from '../id-generator.js';
import { repeatOrConflict } from '../idempotency.js';
import { parseInput } from '../parse-input.js';
import { partyFields } from './party-fields.js';
import { decidePartyDetails, type PartyDetails, type UpdatePartyDetails } from './party-details.js';

export type OnboardTenant = {
  type: 'OnboardTenant';
  data: TenantOnboarded['data'];
  /** Provided by the handler: whether data.partnerId names a registered partner (true when null). */
  context: { partnerExists: boolean };
};
export type TenantState = {
  tenant: TenantOnboarded['data'] | null;
  details: PartyDetails | null;
};
export type TenantCommand = OnboardTenant | UpdatePartyDetails;

const tenantSchema = z.object({ ...partyFields, partnerId: optionalId() });

export function parseOnboardTenant(input: unknown, newId: IdGenerator): TenantOnboarded['data'] {
  const { id, partnerId, ...party } = parseInput(tenantSchema, input);
  return { tenantId: id ?? newId(), ...party, partnerId: partnerId ?? null };
}

/** Stream tenant-{tenantId}. */
export const tenantDecider: Decider<TenantCommand, TenantState, TenantEvent> = {
  decide: (command, state) => {
    if (command.type === 'UpdatePartyDetails')
      return decidePartyDetails(command, state.tenant, state.details);
    const { data, context } = command;
    if (state.tenant) return repeatOrConflict('tenant', data.tenantId, state.tenant, data);
    if (data.partnerId !== null && !context.partnerExists) {
      throw notFound(`partnerId: no partner ${data.partnerId}`, 'partnerId');
    }
    return [{ type: 'TenantOnboarded', data }];
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'TenantOnboarded':
        return { ...state, tenant: event.data };
      case 'PartyDetailsUpdated':
        return { ...state, details: event.data };
      default:
        return state;
    }
  },
  initialState: () => ({ tenant: null, details: null }),
};
