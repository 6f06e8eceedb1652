import type { Decider } from '../decider.js';
import type { TenancyEvent } from '../events.js';
import type { TenancyCommand } from './tenancy-commands.js';
import { decideTenancy } from './tenancy-decide.js';
import { evolveTenancy, initialTenancyState, type TenancyState } from './tenancy-state.js';

/** Stream tenancy-{tenantId}.{siteId}: owns "at most one active contract per tenant and site at any instant". */
export const tenancyDecider: Decider<TenancyCommand, TenancyState, TenancyEvent> = {
  decide: decideTenancy,
  evolve: evolveTenancy,
  initialState: initialTenancyState,
};
