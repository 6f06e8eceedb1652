import type { Decider } from '../decider.js';
import type { PartnerEvent, PartnerRegistered } from '../events.js';
import type { IdGenerator } from '../id-generator.js';
import { repeatOrConflict } from '../idempotency.js';
import { parseInput } from '../parse-input.js';
import { partySchema } from './party-fields.js';
import { decidePartyDetails, type PartyDetails, type UpdatePartyDetails } from './party-details.js';

export type RegisterPartner = { type: 'RegisterPartner'; data: PartnerRegistered['data'] };
export type PartnerState = {
  partner: PartnerRegistered['data'] | null;
  details: PartyDetails | null;
};
export type PartnerCommand = RegisterPartner | UpdatePartyDetails;

export function parseRegisterPartner(
  input: unknown,
  newId: IdGenerator,
): PartnerRegistered['data'] {
  const { id, ...party } = parseInput(partySchema, input);
  return { partnerId: id ?? newId(), ...party };
}

/** Stream partner-{partnerId}. */
export const partnerDecider: Decider<PartnerCommand, PartnerState, PartnerEvent> = {
  decide: (command, state) => {
    if (command.type === 'UpdatePartyDetails')
      return decidePartyDetails(command, state.partner, state.details);
    const { data } = command;
    return state.partner
      ? repeatOrConflict('partner', data.partnerId, state.partner, data)
      : [{ type: 'PartnerRegistered', data }];
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'PartnerRegistered':
        return { ...state, partner: event.data };
      case 'PartyDetailsUpdated':
        return { ...state, details: event.data };
      default:
        return state;
    }
  },
  initialState: () => ({ partner: null, details: null }),
};
