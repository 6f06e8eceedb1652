import { randomUUID } from 'node:crypto';
import {

  conflict,
  contractDecider,
  formatInstant,
  handleCommand,
  loadStream,
  notFound,
  parseAmendContract,
  parseCancelReservation,
  parseCommitPower,
  parseDraftContract,
  parseOnboardTenant,
  parseRegisterPartner,
  parseRegisterSite,
  parseReserveCapacity,
  parseSignContract,
  parseTerminateContract,
  partnerDecider,
  readCreation,
  siteDecider,
  streams,
  tenantDecider,
  type CommandMeta,
  type ContractState,
  type IdGenerator,
  type SiteState,
} from '@cadran/domain';
import type { EventStore } from '@cadran/event-store';
import { contractView, type ContractView } from './contract-view.js';
import { createLookup } from './lookup.js';

export type ContractsServiceOptions = {
  store: EventStore;
  clock?: () => Date;
  newId?: IdGenerator;
};


/** The entity after the command, and the log position to wait for to read it back. */
export type CommandResult<T> = { value: T; position: bigint; written: number };

export function createContractsService({ store, clock = () => new Date(), newId = randomUUID }: ContractsServiceOptions) {
  const lookup = createLookup(store);
  const now = () => formatInstant(clock().getTime());

  const loadContract = async (contractId: string): Promise<ContractState> =>
    (await loadStream(store, streams.contract(contractId), contractDecider)).state;

  async function existingContract(contractId: string) {
    const state = await loadContract(contractId);
    if (!state.drafted) throw notFound(`contractId: no contract ${contractId}`, 'contractId');
    return state.drafted;
  }

  function reservationOf(state: SiteState, reservationId: string) {
    return state.reservations[reservationId]!;
  }

  /** A reservation or commitment id already used at another site is another entity: CONFLICT. */
  function refuseUsedElsewhere(kind: string, id: string, usedAt: string | undefined, siteId: string) {
    if (usedAt !== undefined && usedAt !== siteId) {
      throw conflict(`${kind} ${id} already exists at site ${usedAt}; choose another id`, 'id');
    }
  }

  return {
    async registerSite(input: unknown, m?: CommandMeta): Promise<CommandResult<NonNullable<SiteState['site']>>> {
      const data = parseRegisterSite(input, newId);
      const r = await handleCommand(store, streams.site(data.siteId), siteDecider, () => ({ type: 'RegisterSite' as const, data }), m);
      return { value: r.state.site!, position: r.position, written: r.written };
    },

    async registerPartner(input: unknown, m?: CommandMeta) {
      const data = parseRegisterPartner(input, newId);
      const r = await handleCommand(store, streams.partner(data.partnerId), partnerDecider, () => ({ type: 'RegisterPartner' as const, data }), m);
      return { value: r.state.partner!, position: r.position, written: r.written };
    },

    async onboardTenant(input: unknown, m?: CommandMeta) {
      const data = parseOnboardTenant(input, newId);
      const r = await handleCommand(
        store,
        streams.tenant(data.tenantId),
        tenantDecider,
        async () => ({
          type: 'OnboardTenant' as const,
          data,
          context: {
            partnerExists: data.partnerId === null || (await readCreation(store, streams.partner(data.partnerId))) !== undefined,
          },
        }),
        m,
      );
      return { value: r.state.tenant!, position: r.position, written: r.written };
    },

    async draftContract(input: unknown, m?: CommandMeta): Promise<CommandResult<ContractView>> {
      const data = parseDraftContract(input, newId);
      const r = await handleCommand(
        store,
        streams.contract(data.contractId),
        contractDecider,
        async () => {
          const tenant = await readCreation(store, streams.tenant(data.tenantId));
          const site = await readCreation(store, streams.site(data.siteId));
          return {
            type: 'DraftContract' as const,
            data,
            now: now(),
            context: {
              tenant: tenant?.type === 'TenantOnboarded' ? { tenantId: tenant.data.tenantId, partnerId: tenant.data.partnerId } : null,
              siteExists: site?.type === 'SiteRegistered',
            },
          };
        },
        m,
      );
      return { value: contractView(r.state), position: r.position, written: r.written };
    },

    /**
     * The one-active-contract rule needs the tenant's other contracts at the site: found through
     * the lookup, each read from its own stream. Two overlapping contracts signed at the same
     * moment by two writers can both pass (see docs/events.md, known gaps).
     */
    async signContract(input: unknown, m?: CommandMeta): Promise<CommandResult<ContractView>> {
      const { contractId } = parseSignContract(input);
      const r = await handleCommand(
        store,
        streams.contract(contractId),
        contractDecider,
        async (state) => {
          const ids = state.drafted ? await lookup.contractsOf(state.drafted.tenantId, state.drafted.siteId) : [];
          const others = await Promise.all(ids.filter((id) => id !== contractId).map(loadContract));
          return { type: 'SignContract' as const, data: { contractId }, now: now(), context: { otherContracts: others } };
        },
        m,
      );
      return { value: contractView(r.state), position: r.position, written: r.written };
    },

    async amendContract(input: unknown, m?: CommandMeta): Promise<CommandResult<ContractView>> {
      const data = parseAmendContract(input, newId);
      const r = await handleCommand(store, streams.contract(data.contractId), contractDecider, () => ({ type: 'AmendContract' as const, data, now: now() }), m);
      return { value: contractView(r.state), position: r.position, written: r.written };
    },

    /**
     * ContractTerminated first, then ContractCapacityReleased on the site stream. A crash between
     * the two leaves capacity held past the termination (never oversold: the ledger only errs on
     * the safe side), new reservations for the contract are already refused by its term, and
     * sending the same termination again writes nothing on the contract and completes the release.
     */
    async terminateContract(input: unknown, m?: CommandMeta): Promise<CommandResult<ContractView>> {
      const data = parseTerminateContract(input);
      const terminated = await handleCommand(store, streams.contract(data.contractId), contractDecider, () => ({ type: 'TerminateContract' as const, data, now: now() }), m);
      const { drafted, termination } = terminated.state;
      const released = await handleCommand(
        store,
        streams.site(drafted!.siteId),
        siteDecider,
        () => ({
          type: 'ReleaseContractCapacity' as const,
          data: { siteId: drafted!.siteId, contractId: data.contractId, effectiveAt: termination!.effectiveAt },
        }),
        m,
      );
      return {
        value: contractView(terminated.state),
        position: terminated.position > released.position ? terminated.position : released.position,
        written: terminated.written + released.written,
      };
    },

    async reserveCapacity(input: unknown, m?: CommandMeta) {
      const data = parseReserveCapacity(input, newId);
      const { siteId } = await existingContract(data.contractId);
      refuseUsedElsewhere('reservation', data.reservationId, await lookup.siteOfReservation(data.reservationId), siteId);
      const r = await handleCommand(
        store,
        streams.site(siteId),
        siteDecider,
        async () => ({ type: 'ReserveCapacity' as const, data, context: { contract: await loadContract(data.contractId) } }),
        m,
      );
      return { value: reservationOf(r.state, data.reservationId), position: r.position, written: r.written };
    },

    async cancelReservation(input: unknown, m?: CommandMeta) {
      const data = parseCancelReservation(input);
      const siteId = await lookup.siteOfReservation(data.reservationId);
      if (siteId === undefined) throw notFound(`id: no reservation ${data.reservationId}`, 'id');
      const r = await handleCommand(store, streams.site(siteId), siteDecider, () => ({ type: 'CancelReservation' as const, data, now: now() }), m);
      return { value: reservationOf(r.state, data.reservationId), position: r.position, written: r.written };
    },

    async commitPower(input: unknown, m?: CommandMeta) {
      const data = parseCommitPower(input, newId);
      const { siteId } = await existingContract(data.contractId);
      refuseUsedElsewhere('power commitment', data.commitmentId, await lookup.siteOfCommitment(data.commitmentId), siteId);
      const r = await handleCommand(
        store,
        streams.site(siteId),
        siteDecider,
        async () => ({ type: 'CommitPower' as const, data, context: { contract: await loadContract(data.contractId) } }),
        m,
      );
      return { value: r.state.commitments[data.commitmentId]!, position: r.position, written: r.written };
    },
  };
}

export type ContractsService = ReturnType<typeof createContractsService>;
