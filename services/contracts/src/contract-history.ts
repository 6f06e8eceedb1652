import {
  CONTRACT_EVENT_TYPES,
  describeContractEvent,
  fromStoredAs,
  streams,
  type ContractHistoryEvent,
} from '@cadran/domain';
import type { EventStore } from '@cadran/event-store';

/** The contract's events, oldest first, read from its own stream; empty for an unknown contract. */
export async function readContractHistory(
  store: EventStore,
  contractId: string,
): Promise<ContractHistoryEvent[]> {
  const recorded = await store.readStream(streams.contract(contractId));
  return recorded.flatMap((stored) => {
    const event = fromStoredAs(stored, CONTRACT_EVENT_TYPES);
    if (event === undefined) return [];
    // Both adapters stamp recordedAt on append; the data's own instant is the fallback.
    const recordedAt = stored.metadata.recordedAt ?? instantOf(event.data);
    return [
      {
        type: event.type,
        revision: stored.streamRevision,
        position: stored.globalPosition,
        recordedAt,
        actor: typeof stored.metadata.actor === 'string' ? stored.metadata.actor : null,
        ...describeContractEvent(event),
      },
    ];
  });
}

const instantOf = (data: Record<string, unknown>): string =>
  String(data.draftedAt ?? data.signedAt ?? data.amendedAt ?? data.terminatedAt);
