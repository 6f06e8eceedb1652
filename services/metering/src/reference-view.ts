import {
  attributionAt,
  evolveContract,
  initialContractState,
  streams,
  type ContractState,
  type DomainEvent,
  type RecordContext,
  type SiteRegistered,
} from '@cadran/domain';
import type { EventStore } from '@cadran/event-store';
import { followStream, type FollowedStream } from './followed-stream.js';

/** A tenant at a site, as a batch of records names it. */
export interface Pair {
  tenantId: string;
  siteId: string;
}

/** What records of one tenant at one site are checked and attributed against. */
export interface PairReference {
  context: RecordContext;
  /** The contract active at `atMs` (signed, in term, not terminated), or null: unbilled. */
  contractAt(atMs: number): string | null;
}

/**
 * Sites, tenants and contracts as metering needs them, read from their own streams (site-,
 * tenant-, tenancy- and contract-) only when a record names them, each kept and caught up from
 * its last revision: metering never asks another service nor reads the global log.
 */
export interface ReferenceView {
  /** The pair as the log holds it now. */
  lookUp(pair: Pair): Promise<PairReference>;
}

const siteOf = (state: SiteRegistered['data'] | null, event: DomainEvent) =>
  event.type === 'SiteRegistered' ? event.data : state;
const tenantKnown = (known: boolean, event: DomainEvent) =>
  known || event.type === 'TenantOnboarded';
/** The contracts that ever claimed the tenancy; their own streams tell whether and when they bill. */
const claimants = (ids: readonly string[], event: DomainEvent) =>
  event.type === 'ContractActivated' && !ids.includes(event.data.contractId)
    ? [...ids, event.data.contractId]
    : ids;
const contractOf = (state: ContractState, event: DomainEvent) =>
  event.type === 'ContractDrafted' ||
  event.type === 'ContractSigned' ||
  event.type === 'ContractAmended' ||
  event.type === 'ContractTerminated'
    ? evolveContract(state, event)
    : state;

export function createReferenceView(store: EventStore): ReferenceView {
  const followed = new Map<string, FollowedStream<unknown>>();
  /** Kept only once the stream exists: records naming unknown ids leave nothing behind. */
  const follow = async <S>(
    stream: string,
    initial: S,
    evolve: (state: S, event: DomainEvent) => S,
  ): Promise<S> => {
    const found =
      (followed.get(stream) as FollowedStream<S> | undefined) ??
      followStream(store, stream, initial, evolve);
    const state = await found.catchUp();
    if (!found.empty) followed.set(stream, found as FollowedStream<unknown>);
    return state;
  };

  return {
    async lookUp({ tenantId, siteId }) {
      const site = await follow<SiteRegistered['data'] | null>(streams.site(siteId), null, siteOf);
      const known = await follow(streams.tenant(tenantId), false, tenantKnown);
      const contractIds = await follow<readonly string[]>(
        streams.tenancy(tenantId, siteId),
        [],
        claimants,
      );
      const contracts: ContractState[] = [];
      for (const contractId of contractIds)
        contracts.push(
          await follow(streams.contract(contractId), initialContractState(), contractOf),
        );
      return {
        context: { site, tenantKnown: known },
        contractAt: attributionAt(contracts, { tenantId, siteId }),
      };
    },
  };
}
