import type { GatewayContext } from '../context.js';
import { apiError, notFoundError } from '../errors.js';
import type {
  InvoiceSettlementArgs,
  MutationAllocatePaymentArgs,
  MutationImportBankStatementArgs,
  MutationIssueLateChargesInvoiceArgs,
  MutationIssuePaymentRemindersArgs,
  MutationRecordPaymentArgs,
  MutationRefundCreditArgs,
  MutationReturnPaymentArgs,
  MutationReverseAllocationArgs,
  PartyInput,
  QueryPartyAccountArgs,
  QueryPartyStatementArgs,
  QueryPaymentArgs,
  QueryPaymentRemindersArgs,
  QueryPaymentsArgs,
  QueryReceivablesAgeingArgs,
} from '../generated/resolvers-types.js';
import type { InvoiceView, PartyKey, Receivables, Written } from '../ports.js';

const receivablesOf = ({ receivables }: GatewayContext): Receivables => {
  if (receivables === undefined)
    throw apiError(
      'NOT_IMPLEMENTED',
      'receivables are not part of this platform build; no payment exists',
    );
  return receivables;
};

const toKey = (party: PartyInput): PartyKey => ({ kind: party.kind, partyId: party.id });

/** The party a tenant or partner is; undefined for staff, who see every party. */
const ownParty = (ctx: GatewayContext): PartyKey | null | undefined => {
  if (ctx.scope.everything) return undefined;
  const { tenantId, partnerId } = ctx.principal;
  if (ctx.principal.role === 'TENANT' && tenantId !== undefined)
    return { kind: 'TENANT', partyId: tenantId };
  if (ctx.principal.role === 'PARTNER' && partnerId !== undefined)
    return { kind: 'PARTNER', partyId: partnerId };
  return null;
};

const same = (a: PartyKey | null, b: PartyKey | null) =>
  a !== null && b !== null && a.kind === b.kind && a.partyId === b.partyId;

/**
 * A party the reader may see, or NOT_FOUND exactly as for a party that does not exist: staff see
 * every tenant and partner of the read models; a tenant or partner only itself.
 */
const visibleParty = (ctx: GatewayContext, party: PartyInput): PartyKey => {
  const key = toKey(party);
  const what = key.kind === 'TENANT' ? 'tenant' : 'partner';
  const exists =
    key.kind === 'TENANT'
      ? ctx.queries.tenant(key.partyId) !== null
      : ctx.queries.partner(key.partyId) !== null;
  const own = ownParty(ctx);
  if (!exists || (own !== undefined && !same(own, key))) throw notFoundError(what, key.partyId);
  return key;
};

export const receivablesQueryResolvers = {
  payment: async (_: unknown, args: QueryPaymentArgs, ctx: GatewayContext) => {
    if (ctx.receivables === undefined) return null;
    const payment = await ctx.receivables.payment(args.id);
    const own = ownParty(ctx);
    return payment !== null && (own === undefined || same(own, payment.party)) ? payment : null;
  },
  payments: async (_: unknown, args: QueryPaymentsArgs, ctx: GatewayContext) => {
    const own = ownParty(ctx);
    const party = args.party ? toKey(args.party) : null;
    if (own !== undefined) {
      if (args.unmatched === true || own === null || (party !== null && !same(own, party)))
        return [];
      return receivablesOf(ctx).payments(own);
    }
    if (args.unmatched === true) return receivablesOf(ctx).payments(null);
    if (party === null)
      throw apiError(
        'BAD_USER_INPUT',
        'payments: expected a party { kind, id }, or unmatched: true for the payments waiting for finance',
      );
    return receivablesOf(ctx).payments(party);
  },
  partyAccount: (_: unknown, args: QueryPartyAccountArgs, ctx: GatewayContext) =>
    receivablesOf(ctx).account(visibleParty(ctx, args.party), args.asOf ?? undefined),
  receivablesAgeing: (_: unknown, args: QueryReceivablesAgeingArgs, ctx: GatewayContext) => {
    const own = ownParty(ctx);
    const asked = args.party ? visibleParty(ctx, args.party) : null;
    if (own === null) throw notFoundError('party', 'of this token');
    return receivablesOf(ctx).ageing(args.asOf ?? undefined, asked ?? own ?? null);
  },
  partyStatement: (_: unknown, args: QueryPartyStatementArgs, ctx: GatewayContext) =>
    receivablesOf(ctx).statement(visibleParty(ctx, args.party), args.from, args.to),
  paymentReminders: async (_: unknown, args: QueryPaymentRemindersArgs, ctx: GatewayContext) => {
    const own = ownParty(ctx);
    if (own === null) return [];
    const asked = args.party ? visibleParty(ctx, args.party) : null;
    return receivablesOf(ctx).reminders(asked ?? own ?? null);
  },
};

/** Runs the command, waits until the read models show it, then answers the payment as it stands. */
const paymentWritten = async (
  ctx: GatewayContext,
  run: (receivables: Receivables) => Promise<Written>,
) => {
  const receivables = receivablesOf(ctx);
  const result = await run(receivables);
  if (result.position >= 0n) await ctx.wrote(result.position);
  const payment = await receivables.payment(result.id);
  if (payment === null) throw new Error(`receivables holds no payment ${result.id}`);
  return payment;
};

export const receivablesMutationResolvers = {
  recordPayment: (_: unknown, args: MutationRecordPaymentArgs, ctx: GatewayContext) =>
    paymentWritten(ctx, (r) => r.recordPayment(args.input, ctx.meta)),
  allocatePayment: (_: unknown, args: MutationAllocatePaymentArgs, ctx: GatewayContext) =>
    paymentWritten(ctx, (r) => r.allocatePayment(args.input, ctx.meta)),
  reverseAllocation: (_: unknown, args: MutationReverseAllocationArgs, ctx: GatewayContext) =>
    paymentWritten(ctx, (r) => r.reverseAllocation(args.input, ctx.meta)),
  returnPayment: (_: unknown, args: MutationReturnPaymentArgs, ctx: GatewayContext) =>
    paymentWritten(ctx, (r) => r.returnPayment(args.input, ctx.meta)),
  importBankStatement: async (
    _: unknown,
    args: MutationImportBankStatementArgs,
    ctx: GatewayContext,
  ) => {
    const receivables = receivablesOf(ctx);
    const { position, statement } = await receivables.importBankStatement(args.input, ctx.meta);
    if (position >= 0n) await ctx.wrote(position);
    const newPayments = await Promise.all(
      statement.newPayments.map((id) => receivables.payment(id)),
    );
    return { ...statement, newPayments };
  },
  refundCredit: async (_: unknown, args: MutationRefundCreditArgs, ctx: GatewayContext) => {
    const receivables = receivablesOf(ctx);
    const { position } = await receivables.refundCredit(args.input, ctx.meta);
    if (position >= 0n) await ctx.wrote(position);
    return receivables.account(toKey(args.input.party), undefined);
  },
  issueLateChargesInvoice: async (
    _: unknown,
    args: MutationIssueLateChargesInvoiceArgs,
    ctx: GatewayContext,
  ) => {
    const { position, document } = await receivablesOf(ctx).issueLateCharges(args.input, ctx.meta);
    if (position >= 0n) await ctx.wrote(position);
    return document;
  },
  issuePaymentReminders: async (
    _: unknown,
    args: MutationIssuePaymentRemindersArgs,
    ctx: GatewayContext,
  ) => {
    const { position, reminders } = await receivablesOf(ctx).issueReminders(
      args.asOf ?? undefined,
      ctx.meta,
    );
    if (position >= 0n) await ctx.wrote(position);
    return reminders;
  },
};

const party = (parent: { party: PartyKey | null }) =>
  parent.party === null ? null : { kind: parent.party.kind, id: parent.party.partyId };

export const receivablesTypeResolvers = {
  Invoice: {
    settlement: async (invoice: InvoiceView, args: InvoiceSettlementArgs, ctx: GatewayContext) =>
      invoice.status !== 'ISSUED' || ctx.receivables === undefined
        ? null
        : ctx.receivables.invoiceSettlement(invoice.id, args.asOf ?? undefined),
  },
  InvoiceSettlement: {
    party,
    payments: (parent: { allocations: unknown[] }) => parent.allocations,
  },
  Payment: { party },
  PartyAccount: { party },
  AgeingRow: { party },
  PartyStatement: { party },
  PaymentReminder: { party, id: (parent: { reminderId: string }) => parent.reminderId },
  LateChargesInvoice: { party, id: (parent: { documentId: string }) => parent.documentId },
};
