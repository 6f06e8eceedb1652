import { randomUUID } from 'node:crypto';
import {
  commandDigest,
  contractDecider,
  draftedContract,
  formatInstant,
  handleCommand,
  heldReservations,
  loadStream,
  notFound,
  parseAmendContract,
  parseCancelReservation,
  parseCommitPower,
  parseDraftContract,
  parseOnboardTenant,
  parseUpdatePartyDetails,
  badInput,
  isId,
  parseRegisterPartner,
  parseRegisterSite,
  parseReserveCapacity,
  parseSignContract,
  parseTerminateContract,
  partnerDecider,
  powerCommitmentIdDecider,
  readCreation,
  reservationIdDecider,
  siteDecider,
  streams,
  tenancyDecider,
  tenantDecider,
  type CommandMeta,
  type ContractState,
  type Decider,
  type DomainEvent,
  type HandleOptions,
  type IdGenerator,
  type CommitPower,
  type ReserveCapacity,
  type SiteCommand,
  type SiteState,
} from '@cadran/domain';
import type { EventStore } from '@cadran/event-store';
import { contractView, type ContractView } from './contract-view.js';
import { claimOn, claimTenancy } from './claims.js';
import { readContractHistory } from './contract-history.js';

export type ContractsServiceOptions = {
  store: EventStore;
  clock?: () => Date;
  newId?: IdGenerator;
};

/** The entity after the command, and the log position to wait for to read it back. */
export type CommandResult<T> = { value: T; position: bigint; written: number };

export function createContractsService({
  store,
  clock = () => new Date(),
  newId = randomUUID,
}: ContractsServiceOptions) {
  const now = () => formatInstant(clock().getTime());

  const loadContract = async (contractId: string): Promise<ContractState> =>
    (await loadStream(store, streams.contract(contractId), contractDecider)).state;

  async function existingContract(contractId: string) {
    return draftedContract(await loadContract(contractId), contractId).drafted;
  }

  /** Runs `command` on `stream` and answers the entity `valueOf` reads from the state it left. */
  async function run<Command, State, Event extends DomainEvent, T>(
    stream: string,
    decider: Decider<Command, State, Event>,
    command: (state: State) => Command | Promise<Command>,
    valueOf: (state: State) => T,
    m?: CommandMeta,
    options?: HandleOptions<State, Event>,
  ): Promise<CommandResult<T>> {
    const { state, position, written } = await handleCommand(
      store,
      stream,
      decider,
      command,
      m,
      options,
    );
    return { value: valueOf(state), position, written };
  }

  /** A contract command's answer: the contract exists once the command was accepted. */
  const contractOf = (contractId: string) => (state: ContractState) =>
    contractView(draftedContract(state, contractId));

  /**
   * A site command that books capacity under a client id: the id claim is checked first and
   * written just before the site append; the command is decided with the contract as context.
   */
  /** What a booking's id claim records beside the id: where, for which contract, by which command. */
  const bookingClaim = (siteId: string, data: { contractId: string }) => ({
    siteId,
    contractId: data.contractId,
    commandDigest: commandDigest(data),
  });

  async function bookOnSite<T>(
    siteId: string,
    id: ReturnType<typeof claimOn>,
    booking: Omit<ReserveCapacity, 'context'> | Omit<CommitPower, 'context'>,
    valueOf: (state: SiteState) => T,
    m?: CommandMeta,
  ) {
    await id.check();
    return run(
      streams.site(siteId),
      siteDecider,
      async (): Promise<SiteCommand> => {
        const contract = await loadContract(booking.data.contractId);
        return { ...booking, context: { contract } };
      },
      valueOf,
      m,
      { beforeAppend: () => id.claim(m) },
    );
  }

  /** The site that owns a reservation id, from its id claim. */
  async function siteOfReservation(reservationId: string) {
    const { claim } = (
      await loadStream(store, streams.reservation(reservationId), reservationIdDecider)
    ).state;
    if (!claim) throw notFound(`id: no reservation ${reservationId}`, 'id');
    return claim.siteId;
  }

  return {
    /** The contract's events, oldest first, from its own stream (empty for an unknown contract). */
    contractHistory: (contractId: string) => readContractHistory(store, contractId),

    async registerSite(
      input: unknown,
      m?: CommandMeta,
    ): Promise<CommandResult<NonNullable<SiteState['site']>>> {
      const data = parseRegisterSite(input, newId);
      const command = () => ({ type: 'RegisterSite' as const, data });
      return run(streams.site(data.siteId), siteDecider, command, (state) => state.site!, m);
    },

    async registerPartner(input: unknown, m?: CommandMeta) {
      const data = parseRegisterPartner(input, newId);
      const command = () => ({ type: 'RegisterPartner' as const, data });
      return run(streams.partner(data.partnerId), partnerDecider, command, (s) => s.partner!, m);
    },

    async onboardTenant(input: unknown, m?: CommandMeta) {
      const data = parseOnboardTenant(input, newId);
      return run(
        streams.tenant(data.tenantId),
        tenantDecider,
        async () => ({
          type: 'OnboardTenant' as const,
          data,
          context: {
            partnerExists:
              data.partnerId === null ||
              (await readCreation(store, streams.partner(data.partnerId))) !== undefined,
          },
        }),
        (state) => state.tenant!,
        m,
      );
    },

    /** New details for a tenant or partner (`{ kind, partyId, siren?, vatId?, postalAddress, electronicAddress? }`). */
    async updatePartyDetails(input: unknown, m?: CommandMeta) {
      const { kind, partyId, ...details } = (input ?? {}) as Record<string, unknown>;
      if (kind !== 'TENANT' && kind !== 'PARTNER')
        throw badInput('kind', 'TENANT or PARTNER', kind);
      if (!isId(partyId)) throw badInput('partyId', 'the id of a tenant or partner', partyId);
      const data = parseUpdatePartyDetails(details, kind, partyId);
      const command = () => ({ type: 'UpdatePartyDetails' as const, data, now: now() });
      return kind === 'TENANT'
        ? run(streams.tenant(partyId), tenantDecider, command, (state) => state.details!, m)
        : run(streams.partner(partyId), partnerDecider, command, (state) => state.details!, m);
    },

    async draftContract(input: unknown, m?: CommandMeta): Promise<CommandResult<ContractView>> {
      const data = parseDraftContract(input, newId);
      return run(
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
              tenant:
                tenant?.type === 'TenantOnboarded'
                  ? { tenantId: tenant.data.tenantId, partnerId: tenant.data.partnerId }
                  : null,
              siteExists: site?.type === 'SiteRegistered',
            },
          };
        },
        contractOf(data.contractId),
        m,
      );
    },

    /**
     * The one-active-contract rule is owned by the tenancy stream of the tenant and site: the
     * contract claims it (ContractActivated, expected revision) before ContractSigned is
     * appended. A crash between the two leaves a claim without a signature: the contract does
     * not bill (readers price ContractSigned), other overlapping contracts stay refused, and
     * sending the same sign again writes nothing on the tenancy and completes the signature.
     */
    async signContract(input: unknown, m?: CommandMeta): Promise<CommandResult<ContractView>> {
      const { contractId } = parseSignContract(input);
      return run(
        streams.contract(contractId),
        contractDecider,
        () => ({ type: 'SignContract' as const, data: { contractId }, now: now() }),
        contractOf(contractId),
        m,
        {
          beforeAppend: (_events, state) =>
            claimTenancy(store, draftedContract(state, contractId).drafted, loadContract, m),
        },
      );
    },

    /** Refused when it drops the rate of a GPU model a reservation of the contract still holds while it is in force. */
    async amendContract(input: unknown, m?: CommandMeta): Promise<CommandResult<ContractView>> {
      const data = parseAmendContract(input, newId);
      return run(
        streams.contract(data.contractId),
        contractDecider,
        async (state) => {
          const site =
            state.status === 'NONE'
              ? null
              : (await loadStream(store, streams.site(state.drafted.siteId), siteDecider)).state;
          return {
            type: 'AmendContract' as const,
            data,
            now: now(),
            context: { reservations: site ? heldReservations(site, state) : [] },
          };
        },
        contractOf(data.contractId),
        m,
      );
    },

    /**
     * ContractTerminated first, then ContractCapacityReleased on the site stream, then
     * ContractDeactivated on the tenancy stream. A crash in between leaves capacity held past the
     * termination (never oversold: the ledger only errs on the safe side) and the tenancy claimed
     * (the next signing reads the claimed contract and sees the termination anyway); new
     * reservations for the contract are already refused by its term, and sending the same
     * termination again writes nothing on the contract and completes the rest.
     */
    async terminateContract(input: unknown, m?: CommandMeta): Promise<CommandResult<ContractView>> {
      const data = parseTerminateContract(input);
      const terminated = await handleCommand(
        store,
        streams.contract(data.contractId),
        contractDecider,
        () => ({ type: 'TerminateContract' as const, data, now: now() }),
        m,
      );
      const contract = draftedContract(terminated.state, data.contractId);
      if (contract.status !== 'TERMINATED')
        throw new Error(`contract ${data.contractId} is not terminated after its termination`);
      const { drafted, termination } = contract;
      const released = await handleCommand(
        store,
        streams.site(drafted.siteId),
        siteDecider,
        () => ({
          type: 'ReleaseContractCapacity' as const,
          data: {
            siteId: drafted.siteId,
            contractId: data.contractId,
            effectiveAt: termination.effectiveAt,
          },
        }),
        m,
      );
      const { tenantId, siteId, startsAt } = drafted;
      const deactivated = await handleCommand(
        store,
        streams.tenancy(tenantId, siteId),
        tenancyDecider,
        () => ({
          type: 'DeactivateContract' as const,
          // Never signed (a claim left by an interrupted signing): it can no longer be, so the claim holds nothing.
          data: {
            contractId: data.contractId,
            tenantId,
            siteId,
            effectiveAt: contract.signedAt !== null ? termination.effectiveAt : startsAt,
          },
        }),
        m,
      );
      const positions = [terminated.position, released.position, deactivated.position];
      return {
        value: contractView(contract),
        position: positions.reduce((a, b) => (a > b ? a : b)),
        written: terminated.written + released.written + deactivated.written,
      };
    },

    /**
     * The id is claimed on reservation-{id} (expectedRevision 'no_stream') before the site stream
     * is written, so one id never names reservations at two sites. A crash in between leaves a
     * claim without a reservation: it holds no capacity, the same command sent again completes
     * it, another command with that id is refused.
     */
    async reserveCapacity(input: unknown, m?: CommandMeta) {
      const data = parseReserveCapacity(input, newId);
      const { siteId } = await existingContract(data.contractId);
      const id = claimOn(store, streams.reservation(data.reservationId), reservationIdDecider, {
        type: 'ClaimReservationId' as const,
        data: { reservationId: data.reservationId, ...bookingClaim(siteId, data) },
      });
      const reservation = (state: SiteState) => state.reservations[data.reservationId]!;
      return bookOnSite(siteId, id, { type: 'ReserveCapacity', data }, reservation, m);
    },

    async cancelReservation(input: unknown, m?: CommandMeta) {
      const data = parseCancelReservation(input);
      const siteId = await siteOfReservation(data.reservationId);
      const command = () => ({ type: 'CancelReservation' as const, data, now: now() });
      const reservation = (state: SiteState) => state.reservations[data.reservationId]!;
      return run(streams.site(siteId), siteDecider, command, reservation, m);
    },

    /** The id is claimed on power-commitment-{id} first, as for reservations. */
    async commitPower(input: unknown, m?: CommandMeta) {
      const data = parseCommitPower(input, newId);
      const { siteId } = await existingContract(data.contractId);
      const id = claimOn(
        store,
        streams.powerCommitment(data.commitmentId),
        powerCommitmentIdDecider,
        {
          type: 'ClaimPowerCommitmentId' as const,
          data: { commitmentId: data.commitmentId, ...bookingClaim(siteId, data) },
        },
      );
      const commitment = (state: SiteState) => state.commitments[data.commitmentId]!;
      return bookOnSite(siteId, id, { type: 'CommitPower', data }, commitment, m);
    },
  };
}

export type ContractsService = ReturnType<typeof createContractsService>;
