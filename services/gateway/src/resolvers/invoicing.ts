import type { GatewayContext } from '../context.js';
import { apiError, notFoundError } from '../errors.js';
import type { CreditNoteView, InvoiceBatchView, InvoiceView, Invoicing } from '../ports.js';

type Args = Record<string, unknown>;

const invoicingOf = ({ invoicing }: GatewayContext): Invoicing => {
  if (invoicing === undefined)
    throw apiError(
      'NOT_IMPLEMENTED',
      'invoicing is not part of this platform build yet; no invoice, batch or credit note exists',
    );
  return invoicing;
};

const required = <T>(value: T | null, what: string, id: string): T => {
  if (value === null) throw new Error(`invoicing holds no ${what} ${id}`);
  return value;
};

/** The invoicing fields of the contract: they answer when the platform provides the invoicing seam. */
export const invoicingQueryResolvers = {
  invoicePreview: async (_: unknown, args: Args, ctx: GatewayContext) => {
    const contract = ctx.queries.contract(args.contractId as string);
    if (contract === null || !ctx.scope.contract(contract))
      throw notFoundError('contract', args.contractId as string);
    return invoicingOf(ctx).invoicePreview(contract.id, args.period as string);
  },
  invoice: async (_: unknown, args: Args, ctx: GatewayContext) => {
    if (ctx.invoicing === undefined) return null;
    const invoice = await ctx.invoicing.invoice(args.id as string);
    return invoice !== null && ctx.scope.invoice(invoice) ? invoice : null;
  },
  invoices: async (_: unknown, args: Args, ctx: GatewayContext) => {
    const filter = {
      tenantId: (args.tenantId as string | null | undefined) ?? ctx.scope.tenantId,
      period: (args.period as string | null | undefined) ?? undefined,
      status: (args.status as 'DRAFT' | 'ISSUED' | null | undefined) ?? undefined,
    };
    if (ctx.invoicing === undefined) return [];
    return (await ctx.invoicing.invoices(filter)).filter((invoice) => ctx.scope.invoice(invoice));
  },
  invoiceBatch: async (_: unknown, args: Args, ctx: GatewayContext) =>
    ctx.invoicing === undefined ? null : ctx.invoicing.invoiceBatch(args.id as string),
};

const written = async <T>(
  ctx: GatewayContext,
  run: (invoicing: Invoicing) => Promise<{ id: string; position: bigint }>,
  read: (invoicing: Invoicing, id: string) => T | null | Promise<T | null>,
  what: string,
) => {
  const invoicing = invoicingOf(ctx);
  const result = await run(invoicing);
  await ctx.wrote(result.position);
  return required(await read(invoicing, result.id), what, result.id);
};

export const invoicingMutationResolvers = {
  runInvoiceBatch: (_: unknown, args: Args, ctx: GatewayContext) =>
    written(
      ctx,
      (i) => i.runInvoiceBatch({ period: args.period as string }, ctx.meta),
      (i, id) => i.invoiceBatch(id),
      'invoice batch',
    ),
  issueInvoices: (_: unknown, args: Args, ctx: GatewayContext) =>
    written(
      ctx,
      (i) => i.issueInvoices({ batchId: args.batchId as string }, ctx.meta),
      (i, id) => i.invoiceBatch(id),
      'invoice batch',
    ),
  issueCreditNote: (_: unknown, args: Args, ctx: GatewayContext) =>
    written(
      ctx,
      (i) => i.issueCreditNote(args.input, ctx.meta),
      (i, id) => i.creditNote(id),
      'credit note',
    ),
};

export const invoicingTypeResolvers = {
  Invoice: {
    contract: (invoice: InvoiceView, _: unknown, ctx: GatewayContext) =>
      required(ctx.queries.contract(invoice.contractId), 'contract', invoice.contractId),
  },
  InvoiceBatch: {
    invoices: (batch: InvoiceBatchView, _: unknown, ctx: GatewayContext) =>
      batch.invoices.filter((invoice) => ctx.scope.invoice(invoice)),
  },
  CreditNote: {
    invoice: async (note: CreditNoteView, _: unknown, ctx: GatewayContext) =>
      required(await invoicingOf(ctx).invoice(note.invoiceId), 'invoice', note.invoiceId),
  },
};
