import {
  STREAM_PREFIXES,
  evolveContract,
  fromStored,
  initialContractState,
  type ContractState,
  type RecordContext,
  type SiteRegistered,
} from '@cadran/domain';
import type { EventStore, RecordedEvent, Subscription } from '@cadran/event-store';

/**
 * Sites, tenants and contracts as metering needs them, fed by the log (streams site-, tenant-,
 * contract-): metering never asks another service.
 */
export interface ReferenceView {
  /** Resolves once every event up to the log's current head is in the view. */
  catchUp(): Promise<void>;
  /**
   * Tells the view that an append it made itself (usage or energy, nothing it follows) ended at
   * `lastPosition`, so that catching up need not wait for the subscription to read past it.
   */
  skipOwnAppend(result: { lastPosition: bigint; written: number }): void;
  context(record: { tenantId: string; siteId: string }): RecordContext;
  /** The contracts of the tenant at the site, for attribution. */
  contractsOf(tenantId: string, siteId: string): readonly ContractState[];
  stop(): Promise<void>;
}

const FOLLOWED = [STREAM_PREFIXES.site, STREAM_PREFIXES.tenant, STREAM_PREFIXES.contract];
const NO_CONTRACTS: readonly ContractState[] = [];

const pairKey = (tenantId: string, siteId: string) => `${tenantId}\u0000${siteId}`;
const later = (a: bigint, b: bigint) => (a > b ? a : b);

export function createReferenceView(store: EventStore): ReferenceView {
  const sites = new Map<string, SiteRegistered['data']>();
  const tenants = new Set<string>();
  const contracts = new Map<string, ContractState>();
  const contractsByPair = new Map<string, ContractState[]>();
  let failure: Error | undefined;
  let ownUpTo = -1n;

  const apply = (recorded: RecordedEvent) => {
    const event = fromStored(recorded);
    if (event === undefined) return;
    switch (event.type) {
      case 'SiteRegistered':
        sites.set(event.data.siteId, event.data);
        return;
      case 'TenantOnboarded':
        tenants.add(event.data.tenantId);
        return;
      case 'ContractDrafted':
      case 'ContractSigned':
      case 'ContractAmended':
      case 'ContractTerminated': {
        const state = evolveContract(contracts.get(event.data.contractId) ?? initialContractState(), event);
        contracts.set(event.data.contractId, state);
        if (state.drafted === null) return;
        const key = pairKey(state.drafted.tenantId, state.drafted.siteId);
        const others = (contractsByPair.get(key) ?? []).filter((c) => c.drafted?.contractId !== event.data.contractId);
        contractsByPair.set(key, [...others, state]);
        return;
      }
      default:
        return;
    }
  };

  const subscription: Subscription = store.subscribeToAll({
    filter: { streamPrefixes: FOLLOWED },
    onEvents: (events) => {
      for (const event of events) apply(event);
    },
    onError: (error) => {
      failure = error;
    },
  });
  subscription.caughtUp.catch(() => undefined);

  const seen = () => later(subscription.checkpoint, ownUpTo);

  return {
    async catchUp() {
      const head = await store.headPosition();
      // The subscription is woken at once by commits in this process; another process's commits
      // reach it on its next poll, so the wait backs off from immediate to a few milliseconds.
      for (let round = 0; seen() < head; round++) {
        if (failure !== undefined) throw failure;
        await new Promise<void>((resolve) => (round < 20 ? setImmediate(resolve) : setTimeout(resolve, 5)));
      }
      if (failure !== undefined) throw failure;
    },

    skipOwnAppend({ lastPosition, written }) {
      // An append's events are contiguous in the log: when the one before the first is seen, all is.
      if (written > 0 && lastPosition - BigInt(written) <= seen()) ownUpTo = later(ownUpTo, lastPosition);
    },

    context: ({ tenantId, siteId }) => ({ site: sites.get(siteId) ?? null, tenantKnown: tenants.has(tenantId) }),

    contractsOf: (tenantId, siteId) => contractsByPair.get(pairKey(tenantId, siteId)) ?? NO_CONTRACTS,

    stop: () => subscription.stop(),
  };
}
