import type { Decider } from '../decider.js';
import type { PartnerEvent, PartnerRegistered } from '../events.js';
import type { IdGenerator } from '../id-generator.js';
import { repeatOrConflict } from '../idempotency.js';
import { parseInput } from '../parse-input.js';
import { partySchema } from './party-fields.js';

export type RegisterPartner = { type: 'RegisterPartner'; data: PartnerRegistered['data'] };
export type PartnerState = { partner: PartnerRegistered['data'] | null };

export function parseRegisterPartner(
  input: unknown,
  newId: IdGenerator,
): PartnerRegistered['data'] {
  const { id, ...party } = parseInput(partySchema, input);
  return { partnerId: id ?? newId(), ...party };
}

/** Stream partner-{partnerId}. */
export const partnerDecider: Decider<RegisterPartner, PartnerState, PartnerEvent> = {
  decide: ({ data }, state) =>
    state.partner
      ? repeatOrConflict('partner', data.partnerId, state.partner, data)
      : [{ type: 'PartnerRegistered', data }],
  evolve: (_state, event) => ({ partner: event.data }),
  initialState: () => ({ partner: null }),
};
