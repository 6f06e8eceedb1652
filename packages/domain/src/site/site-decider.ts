import type { Decider } from '../decider.js';
import type { SiteEvent } from '../events.js';
import type { SiteCommand } from './site-commands.js';
import { decideSite } from './site-decide.js';
import { evolveSite, initialSiteState, type SiteState } from './site-state.js';

/** Stream site-{siteId}: the site and its capacity ledger, which owns the capacity invariant. */
export const siteDecider: Decider<SiteCommand, SiteState, SiteEvent> = {
  decide: decideSite,
  evolve: evolveSite,
  initialState: initialSiteState,
};
