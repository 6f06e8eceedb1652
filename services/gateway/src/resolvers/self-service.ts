import Decimal from 'decimal.js';
import { consumptionReport, type ContractView } from '@cadran/projections';
import type { GatewayContext } from '../context.js';
import { apiError, notFoundError } from '../errors.js';
import type {
  AlertRulePortView,
  InvoiceView,
  SelfService,
  SlaAvailabilityView,
  WebhookEndpointPortView,
  Written,
} from '../ports.js';
import type {
  MutationDefineAlertRuleArgs,
  MutationPauseWebhookEndpointArgs,
  MutationRegisterWebhookEndpointArgs,
  MutationRemoveAlertRuleArgs,
  MutationReplayWebhookEndpointArgs,
  QueryAlertRulesArgs,
  QueryConsumptionArgs,
  QueryMonthToDateChargesArgs,
  QueryWebhookEndpointArgs,
  QueryWebhookEndpointsArgs,
  RegisterWebhookEndpointInput,
  WebhookEndpointDeliveriesArgs,
  MutationResolvers,
  QueryResolvers,
  Resolvers,
} from '../generated/resolvers-types.js';

const MAX_REPORT_DAYS = 366;
const MS_PER_DAY = 86_400_000;
const MAX_PAGE = 500;

const selfServiceOf = ({ selfService }: GatewayContext): SelfService => {
  if (selfService === undefined)
    throw apiError(
      'NOT_IMPLEMENTED',
      'month-to-date charges, webhooks and alerts are not part of this platform build',
    );
  return selfService;
};

const visibleContract = (ctx: GatewayContext, id: string): ContractView => {
  const contract = ctx.queries.contract(id);
  if (contract === null || !ctx.scope.contract(contract)) throw notFoundError('contract', id);
  return contract;
};

/** A tenant's or partner's own endpoints only; ADMIN's, every one. Another's reads as missing. */
const ownsEndpoint = (ctx: GatewayContext, endpoint: WebhookEndpointPortView): boolean => {
  const { role, tenantId, partnerId } = ctx.principal;
  if (role === 'ADMIN') return true;
  if (role === 'TENANT') return endpoint.ownerKind === 'TENANT' && endpoint.ownerId === tenantId;
  if (role === 'PARTNER') return endpoint.ownerKind === 'PARTNER' && endpoint.ownerId === partnerId;
  return false;
};

const visibleEndpoint = (ctx: GatewayContext, id: string): WebhookEndpointPortView => {
  const endpoint = selfServiceOf(ctx).webhookEndpoint(id);
  if (endpoint === null || !ownsEndpoint(ctx, endpoint))
    throw notFoundError('webhook endpoint', id);
  return endpoint;
};

const seesRule = (ctx: GatewayContext, rule: AlertRulePortView): boolean => {
  if (ctx.scope.everything) return true;
  if (rule.contractId === null) return false;
  const contract = ctx.queries.contract(rule.contractId);
  return contract !== null && ctx.scope.contract(contract);
};

const visibleRule = (ctx: GatewayContext, id: string): AlertRulePortView => {
  const rule = selfServiceOf(ctx).alertRule(id);
  if (rule === null || !seesRule(ctx, rule)) throw notFoundError('alert rule', id);
  return rule;
};

const PERCENT_DECIMALS = 6;

/** The preview's SLA credit per model, beside the model's availability in percent. */
export const slaStanding = (availability: SlaAvailabilityView[], invoice: InvoiceView) =>
  availability.map((model) => ({
    gpuModel: model.gpuModel,
    reservedGpuHours: model.reservedGpuHours,
    lostGpuHours: model.lostGpuHours,
    availabilityPercent: new Decimal(model.availability)
      .times(100)
      .toDecimalPlaces(PERCENT_DECIMALS, Decimal.ROUND_HALF_UP)
      .toFixed(),
    creditAmount: (invoice.lines as { kind: string; gpuModel: string | null; amount: string }[])
      .filter((line) => line.kind === 'SLA_CREDIT' && line.gpuModel === model.gpuModel)
      .reduce((sum, line) => sum.plus(line.amount), new Decimal(0))
      .toFixed(2),
  }));

const instantArg = (value: string | null | undefined, fallback: () => Date): string =>
  value ?? fallback().toISOString();

export const selfServiceQueryResolvers = {
  monthToDateCharges: async (
    _: unknown,
    args: QueryMonthToDateChargesArgs,
    ctx: GatewayContext,
  ) => {
    const service = selfServiceOf(ctx);
    const at = instantArg(args.at, ctx.now);
    const contracts =
      typeof args.contractId === 'string'
        ? [visibleContract(ctx, args.contractId)]
        : ctx.queries
            .contracts({ tenantId: ctx.scope.tenantId, partnerId: ctx.scope.partnerId })
            .filter((contract) => contract.status === 'SIGNED' && ctx.scope.contract(contract));
    return Promise.all(
      contracts.map(async (contract) => {
        const charges = await service.monthToDate(contract.id, at);
        return { ...charges, contract, sla: slaStanding(charges.availability, charges.invoice) };
      }),
    );
  },
  consumption: (_: unknown, args: QueryConsumptionArgs, ctx: GatewayContext) => {
    const contract = visibleContract(ctx, args.contractId);
    const { from, to } = args;
    const span = Date.parse(to) - Date.parse(from);
    if (span <= 0 || span > MAX_REPORT_DAYS * MS_PER_DAY)
      throw apiError(
        'BAD_USER_INPUT',
        `to: expected an instant after from and at most ${MAX_REPORT_DAYS} days later, got ${to} (from ${from})`,
      );
    return { ...consumptionReport(ctx.queries, { contract, from, to }), contract };
  },
  webhookEndpoints: (_: unknown, args: QueryWebhookEndpointsArgs, ctx: GatewayContext) => {
    const service = selfServiceOf(ctx);
    const { role, tenantId, partnerId } = ctx.principal;
    if (role === 'TENANT') return service.webhookEndpoints({ kind: 'TENANT', id: tenantId });
    if (role === 'PARTNER') return service.webhookEndpoints({ kind: 'PARTNER', id: partnerId });
    const { ownerId } = args;
    return service.webhookEndpoints({}).filter((e) => !ownerId || e.ownerId === ownerId);
  },
  webhookEndpoint: (_: unknown, args: QueryWebhookEndpointArgs, ctx: GatewayContext) => {
    const endpoint = selfServiceOf(ctx).webhookEndpoint(args.id);
    return endpoint !== null && ownsEndpoint(ctx, endpoint) ? endpoint : null;
  },
  alertRules: (_: unknown, args: QueryAlertRulesArgs, ctx: GatewayContext) => {
    const { contractId } = args;
    if (contractId) visibleContract(ctx, contractId);
    return selfServiceOf(ctx)
      .alertRules({
        contractId: contractId ?? undefined,
        siteId: args.siteId ?? undefined,
      })
      .filter((rule) => seesRule(ctx, rule));
  },
} satisfies QueryResolvers;

/** Runs the command, waits until the read models show it, answers the entity as it now stands. */
const written = async <T>(
  ctx: GatewayContext,
  run: () => Promise<Written>,
  read: (id: string) => T | null,
) => {
  const result = await run();
  if (result.position >= 0n) await ctx.wrote(result.position);
  const value = read(result.id);
  if (value === null)
    throw new Error(`self-service holds nothing under ${result.id} after writing it`);
  return value;
};

/** A tenant or partner registers for itself: the owner comes from its token, never from the input. */
const ownedInput = (ctx: GatewayContext, input: RegisterWebhookEndpointInput) => {
  const { role, tenantId, partnerId } = ctx.principal;
  if (role !== 'TENANT' && role !== 'PARTNER') return { ownerKind: 'OPERATOR', ...input };
  const own = role === 'TENANT' ? tenantId : partnerId;
  const askedKind = input.ownerKind ?? role;
  const askedId = input.ownerId ?? own;
  if (askedKind !== role || askedId !== own)
    throw apiError(
      'FORBIDDEN',
      `a ${role.toLowerCase()} registers webhook endpoints for itself only (${role} ${own})`,
    );
  return { ...input, ownerKind: role, ownerId: own };
};

/** A command on an endpoint the caller owns (another's answers NOT_FOUND); answers the endpoint after it. */
const onOwnEndpoint =
  <Args extends { id: string }>(
    command: (
      service: SelfService,
      id: string,
      args: Args,
      meta: GatewayContext['meta'],
    ) => Promise<Written>,
  ) =>
  (_: unknown, args: Args, ctx: GatewayContext) => {
    const { id } = visibleEndpoint(ctx, args.id);
    const service = selfServiceOf(ctx);
    return written(
      ctx,
      () => command(service, id, args, ctx.meta),
      (endpointId) => service.webhookEndpoint(endpointId),
    );
  };

export const selfServiceMutationResolvers = {
  registerWebhookEndpoint: (
    _: unknown,
    args: MutationRegisterWebhookEndpointArgs,
    ctx: GatewayContext,
  ) => {
    const service = selfServiceOf(ctx);
    const input = ownedInput(ctx, args.input);
    return written(
      ctx,
      () => service.registerWebhookEndpoint(input, ctx.meta),
      (id) => service.webhookEndpoint(id),
    );
  },
  pauseWebhookEndpoint: onOwnEndpoint((service, id, args: MutationPauseWebhookEndpointArgs, meta) =>
    service.pauseWebhookEndpoint({ id, reason: args.reason }, meta),
  ),
  resumeWebhookEndpoint: onOwnEndpoint((service, id, _args, meta) =>
    service.resumeWebhookEndpoint({ id }, meta),
  ),
  replayWebhookEndpoint: onOwnEndpoint(
    (service, id, args: MutationReplayWebhookEndpointArgs, meta) =>
      service.replayWebhookEndpoint({ id, fromPosition: args.fromPosition }, meta),
  ),
  removeWebhookEndpoint: onOwnEndpoint((service, id, _args, meta) =>
    service.removeWebhookEndpoint({ id }, meta),
  ),
  defineAlertRule: (_: unknown, { input }: MutationDefineAlertRuleArgs, ctx: GatewayContext) => {
    const service = selfServiceOf(ctx);
    if (!ctx.scope.everything) {
      if (input.kind === 'UNBILLED_USAGE')
        throw apiError(
          'FORBIDDEN',
          'UNBILLED_USAGE rules watch a whole site: ADMIN and ACCOUNT_MANAGER define them',
        );
      if (typeof input.contractId === 'string') visibleContract(ctx, input.contractId);
    }
    return written(
      ctx,
      () => service.defineAlertRule(input, ctx.meta),
      (id) => service.alertRule(id),
    );
  },
  removeAlertRule: (_: unknown, args: MutationRemoveAlertRuleArgs, ctx: GatewayContext) => {
    const { ruleId } = visibleRule(ctx, args.id);
    const service = selfServiceOf(ctx);
    return written(
      ctx,
      () => service.removeAlertRule({ id: ruleId }, ctx.meta),
      (id) => service.alertRule(id),
    );
  },
} satisfies MutationResolvers;

export const selfServiceTypeResolvers = {
  WebhookEndpoint: {
    deliveries: (
      parent: WebhookEndpointPortView,
      args: WebhookEndpointDeliveriesArgs,
      ctx: GatewayContext,
    ) => {
      const first = args.first ?? 50;
      if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
        throw apiError(
          'BAD_USER_INPUT',
          `first: expected an integer from 1 to ${MAX_PAGE}, got ${first}`,
        );
      return selfServiceOf(ctx).webhookDeliveries(parent.id, {
        first,
        after: args.after,
      });
    },
  },
  AlertRule: {
    id: (parent: AlertRulePortView) => parent.ruleId,
  },
  // WebhookEndpoint.deliveries: the port passes the deliveries through untyped.
} satisfies Omit<Resolvers, 'WebhookEndpoint'> & { WebhookEndpoint: unknown };
