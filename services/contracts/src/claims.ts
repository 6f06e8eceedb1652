import {
  handleCommand,
  loadStream,
  overlappingClaims,
  streams,
  tenancyDecider,
  type CommandMeta,
  type ContractDrafted,
  type ContractState,
  type Decider,
  type DomainEvent,
  type StreamStore,
} from '@cadran/domain';

/**
 * A claim on a stream of its own, written before the events it guards. `check` decides on the
 * stream as read and writes nothing, so a refusal is found before anything is written; `claim`
 * appends (expected revision from the read: 'no_stream' for a new id) and, on a concurrent
 * append, reads and decides again: the same command continues, another is refused.
 */
export function claimOn<Command, State, Event extends DomainEvent>(
  store: StreamStore,
  stream: string,
  decider: Decider<Command, State, Event>,
  command: Command,
) {
  return {
    async check(): Promise<void> {
      decider.decide(command, (await loadStream(store, stream, decider)).state);
    },
    async claim(meta?: CommandMeta): Promise<void> {
      await handleCommand(store, stream, decider, () => command, meta);
    },
  };
}

/**
 * Claims the tenant's tenancy at the contract's site for the contract's term: refused when
 * another claim holds an overlapping term. Those claims' contracts are read so that a
 * termination not mirrored on the tenancy stream yet still counts.
 */
export async function claimTenancy(
  store: StreamStore,
  drafted: ContractDrafted['data'],
  loadContract: (contractId: string) => Promise<ContractState>,
  meta?: CommandMeta,
): Promise<void> {
  const { contractId, tenantId, siteId, startsAt, endsAt } = drafted;
  const data = { contractId, tenantId, siteId, startsAt, endsAt };
  await handleCommand(
    store,
    streams.tenancy(tenantId, siteId),
    tenancyDecider,
    async (state) => {
      const ids = overlappingClaims(state, data);
      const contracts = Object.fromEntries(
        await Promise.all(ids.map(async (id) => [id, await loadContract(id)] as const)),
      );
      return { type: 'ActivateContract' as const, data, context: { contracts } };
    },
    meta,
  );
}
