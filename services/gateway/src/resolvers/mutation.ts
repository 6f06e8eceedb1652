import type { ReadModelQueries } from '@cadran/projections';
import type { GatewayContext } from '../context.js';
import type {
  MutationCancelReservationArgs,
  MutationRecordEnergyArgs,
  MutationRecordGpuUsageArgs,
  MutationResolveIncidentArgs,
  MutationSignContractArgs,
  MutationTerminateContractArgs,
  MutationUpdatePartyDetailsArgs,
  MutationResolvers,
} from '../generated/resolvers-types.js';
import type { CommandMeta, RecordOutcome, WriteSide, Written } from '../ports.js';

/** The mutations that take one `input` (checked by the write side, which parses it). */
type InputArgs = { input: unknown };

/**
 * Runs the command, waits until the read models have applied what it wrote, then answers
 * with the entity as the read models hold it: what the caller reads next is what it got here.
 */
const command =
  <T, Args = InputArgs>(
    run: (writeSide: WriteSide, args: Args, meta: CommandMeta) => Promise<Written>,
    read: (queries: ReadModelQueries, id: string) => T | null,
    what: string,
  ) =>
  async (_: unknown, args: Args, ctx: GatewayContext): Promise<T> => {
    const written = await run(ctx.writeSide, args, ctx.meta);
    await ctx.wrote(written.position);
    const entity = read(ctx.queries, written.id);
    if (entity === null)
      throw new Error(
        `read models hold no ${what} ${written.id} after position ${written.position}`,
      );
    return entity;
  };

const records =
  (run: (writeSide: WriteSide, records: unknown[], meta: CommandMeta) => Promise<RecordOutcome>) =>
  async (
    _: unknown,
    args: MutationRecordGpuUsageArgs | MutationRecordEnergyArgs,
    ctx: GatewayContext,
  ) => {
    const outcome = await run(ctx.writeSide, args.records, ctx.meta);
    if (
      outcome.lastPosition !== undefined &&
      outcome.lastPosition !== null &&
      outcome.lastPosition >= 0n
    ) {
      await ctx.wrote(outcome.lastPosition);
    }
    return {
      accepted: outcome.accepted,
      duplicates: outcome.duplicates,
      rejected: outcome.rejected.map((r) => ({ ...r, id: r.id ?? null })),
    };
  };

const site = (q: ReadModelQueries, id: string) => q.site(id);
const contract = (q: ReadModelQueries, id: string) => q.contract(id);
const incident = (q: ReadModelQueries, id: string) => q.incident(id);

export const mutationResolvers = {
  registerSite: command((w, a, m) => w.registerSite(a.input, m), site, 'site'),
  registerPartner: command(
    (w, a, m) => w.registerPartner(a.input, m),
    (q, id) => q.partner(id),
    'partner',
  ),
  onboardTenant: command(
    (w, a, m) => w.onboardTenant(a.input, m),
    (q, id) => q.tenant(id),
    'tenant',
  ),
  updatePartyDetails: async (
    _: unknown,
    { input }: MutationUpdatePartyDetailsArgs,
    ctx: GatewayContext,
  ) => {
    const written = await ctx.writeSide.updatePartyDetails(input, ctx.meta);
    await ctx.wrote(written.position);
    const details = ctx.queries.partyDetails(input.kind, input.partyId);
    if (details === null)
      throw new Error(`read models hold no details of ${input.partyId} after ${written.position}`);
    return details;
  },
  draftContract: command((w, a, m) => w.draftContract(a.input, m), contract, 'contract'),
  signContract: command(
    (w, a: MutationSignContractArgs, m) => w.signContract({ id: a.id }, m),
    contract,
    'contract',
  ),
  amendContract: command((w, a, m) => w.amendContract(a.input, m), contract, 'contract'),
  terminateContract: command(
    (w, { id, effectiveAt, reason }: MutationTerminateContractArgs, m) =>
      w.terminateContract({ id, effectiveAt, reason }, m),
    contract,
    'contract',
  ),
  reserveCapacity: command(
    (w, a, m) => w.reserveCapacity(a.input, m),
    (q, id) => q.reservation(id),
    'reservation',
  ),
  cancelReservation: command(
    (w, { id, reason }: MutationCancelReservationArgs, m) => w.cancelReservation({ id, reason }, m),
    (q, id) => q.reservation(id),
    'reservation',
  ),
  commitPower: command(
    (w, a, m) => w.commitPower(a.input, m),
    (q, id) => q.powerCommitment(id),
    'power commitment',
  ),
  recordGpuUsage: records((w, r, m) => w.recordGpuUsage(r, m)),
  recordEnergy: records((w, r, m) => w.recordEnergy(r, m)),
  openIncident: command((w, a, m) => w.openIncident(a.input, m), incident, 'incident'),
  resolveIncident: command(
    (w, { id, resolvedAt }: MutationResolveIncidentArgs, m) =>
      w.resolveIncident({ id, resolvedAt }, m),
    incident,
    'incident',
  ),
} satisfies MutationResolvers;
