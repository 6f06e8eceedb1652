import type { GatewayContext } from '../context.js';
import { apiError, notFoundError } from '../errors.js';
import type {
  CreditNoteView,
  InvoiceBatchView,
  InvoiceView,
  Invoicing,
  LineRecordView,
  Written,
} from '../ports.js';
import type {
  InvoiceLineRecordsArgs,
  MutationIssueCreditNoteArgs,
  MutationIssueInvoicesArgs,
  MutationRunInvoiceBatchArgs,
  QueryInvoiceArgs,
  QueryInvoiceBatchArgs,
  QueryInvoiceBatchProgressArgs,
  QueryInvoicePreviewArgs,
  QueryInvoicesArgs,
  MutationResolvers,
  QueryResolvers,
  Resolvers,
} from '../generated/resolvers-types.js';

const invoicingOf = ({ invoicing }: GatewayContext): Invoicing => {
  if (invoicing === undefined)
    throw apiError(
      'NOT_IMPLEMENTED',
      'invoicing is not part of this platform build yet; no invoice, batch or credit note exists',
    );
  return invoicing;
};

/** A reference invoicing must hold: a dangling one is a bug, masked as an internal error. */
const required = <T>(value: T | null, what: string, id: string): T => {
  if (value === null) throw new Error(`invoicing holds no ${what} ${id}`);
  return value;
};

const MAX_PAGE = 1000;

/** The invoicing fields of the contract: they answer when the platform provides the invoicing seam. */
export const invoicingQueryResolvers = {
  invoicePreview: async (_: unknown, args: QueryInvoicePreviewArgs, ctx: GatewayContext) => {
    const contract = ctx.queries.contract(args.contractId);
    if (contract === null || !ctx.scope.contract(contract))
      throw notFoundError('contract', args.contractId);
    return invoicingOf(ctx).invoicePreview(contract.id, args.period);
  },
  // Another tenant's invoice, or a draft for a tenant or partner, answers as a missing one.
  invoice: async (_: unknown, args: QueryInvoiceArgs, ctx: GatewayContext) => {
    if (ctx.invoicing === undefined) return null;
    const invoice = await ctx.invoicing.invoice(args.id);
    return invoice !== null && ctx.scope.invoice(invoice) ? invoice : null;
  },
  invoices: async (_: unknown, args: QueryInvoicesArgs, ctx: GatewayContext) => {
    const tenantId = args.tenantId ?? ctx.scope.tenantId;
    if (ctx.invoicing === undefined || (tenantId !== undefined && !ctx.scope.tenant(tenantId)))
      return [];
    const filter = {
      tenantId,
      period: args.period ?? undefined,
      status: ctx.scope.everything ? (args.status ?? undefined) : ('ISSUED' as const),
    };
    if (!ctx.scope.everything && args.status === 'DRAFT') return [];
    return (await ctx.invoicing.invoices(filter)).filter((invoice) => ctx.scope.invoice(invoice));
  },
  invoiceBatch: async (_: unknown, args: QueryInvoiceBatchArgs, ctx: GatewayContext) =>
    ctx.invoicing === undefined ? null : ctx.invoicing.invoiceBatch(args.id),
  invoiceBatchProgress: async (
    _: unknown,
    args: QueryInvoiceBatchProgressArgs,
    ctx: GatewayContext,
  ) => (ctx.invoicing === undefined ? null : ctx.invoicing.invoiceBatchProgress(args.period)),
  // invoiceBatchProgress: the port passes invoicing's view through untyped.
} satisfies Omit<QueryResolvers, 'invoiceBatchProgress'> & { invoiceBatchProgress: unknown };

/**
 * Runs the command, waits until the read models have applied what it wrote (reported in
 * extensions.position), then answers with the entity as invoicing holds it.
 */
const written = async <T>(
  ctx: GatewayContext,
  run: (invoicing: Invoicing) => Promise<Written>,
  read: (invoicing: Invoicing, id: string) => T | null | Promise<T | null>,
  what: string,
) => {
  const invoicing = invoicingOf(ctx);
  const result = await run(invoicing);
  if (result.position >= 0n) await ctx.wrote(result.position);
  return required(await read(invoicing, result.id), what, result.id);
};

export const invoicingMutationResolvers = {
  runInvoiceBatch: (_: unknown, args: MutationRunInvoiceBatchArgs, ctx: GatewayContext) =>
    written(
      ctx,
      (i) => i.runInvoiceBatch({ period: args.period }, ctx.meta),
      (i, id) => i.invoiceBatch(id),
      'invoice batch',
    ),
  issueInvoices: (_: unknown, args: MutationIssueInvoicesArgs, ctx: GatewayContext) =>
    written(
      ctx,
      (i) => i.issueInvoices({ batchId: args.batchId }, ctx.meta),
      (i, id) => i.invoiceBatch(id),
      'invoice batch',
    ),
  issueCreditNote: (_: unknown, args: MutationIssueCreditNoteArgs, ctx: GatewayContext) =>
    written(
      ctx,
      (i) => i.issueCreditNote(args.input, ctx.meta),
      (i, id) => i.creditNote(id),
      'credit note',
    ),
} satisfies MutationResolvers;

const lineRecords = async (
  invoice: InvoiceView,
  args: InvoiceLineRecordsArgs,
  ctx: GatewayContext,
) => {
  const first = args.first ?? 100;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
    throw apiError(
      'BAD_USER_INPUT',
      `first: expected an integer from 1 to ${MAX_PAGE}, got ${first}`,
    );
  if (args.lineIndex < 0 || args.lineIndex >= invoice.lines.length)
    throw apiError(
      'BAD_USER_INPUT',
      `lineIndex: expected a line of invoice ${invoice.number ?? invoice.id}, from 0 to ${invoice.lines.length - 1}, got ${args.lineIndex}`,
    );
  const page = await invoicingOf(ctx).lineRecords({
    invoiceId: invoice.id,
    lineIndex: args.lineIndex,
    after: args.after ?? null,
    first,
  });
  return {
    records: page.records.map((record: LineRecordView) => ({ ...record, id: record.recordId })),
    nextCursor: page.next,
  };
};

export const invoicingTypeResolvers = {
  Invoice: {
    contract: (invoice: InvoiceView, _: unknown, ctx: GatewayContext) =>
      required(ctx.queries.contract(invoice.contractId), 'contract', invoice.contractId),
    lineRecords,
  },
  InvoiceBatch: {
    invoices: (batch: InvoiceBatchView, _: unknown, ctx: GatewayContext) =>
      batch.invoices.filter((invoice) => ctx.scope.invoice(invoice)),
  },
  CreditNote: {
    invoice: async (note: CreditNoteView, _: unknown, ctx: GatewayContext) =>
      required(await invoicingOf(ctx).invoice(note.invoiceId), 'invoice', note.invoiceId),
  },
} satisfies Resolvers;
