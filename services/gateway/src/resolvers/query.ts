import { isTimeZone } from '@cadran/domain';
import type { UsageReportView } from '@cadran/projections';
import { createReportCache, type ReportCache } from '../report-cache.js';
import type { GatewayContext } from '../context.js';
import { apiError, notFoundError } from '../errors.js';
import type {
  QueryResolvers,
  QueryCapacityCommitmentsArgs,
  QueryContractArgs,
  QueryContractsArgs,
  QueryIncidentsArgs,
  QueryPartnerArgs,
  QuerySiteArgs,
  QuerySiteCapacityArgs,
  QueryTenantArgs,
  QueryUsageArgs,
} from '../generated/resolvers-types.js';

type NoArgs = Record<string, never>;
/** An optional argument as the queries take it: absent rather than null. */
const opt = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

const zones = new Set<string>();
/** isTimeZone asks the ICU database: remember the zones already accepted. */
const knownZone = (zone: string): boolean => {
  if (zones.has(zone)) return true;
  if (!isTimeZone(zone)) return false;
  if (zones.size < 1000) zones.add(zone);
  return true;
};

/** Hour buckets a single report may hold; longer spans ask for DAY or MONTH. */
const MAX_HOUR_BUCKETS = 24 * 93;

type UsageCaches = {
  reports: ReportCache<UsageReportView>;
  /** Tenants known to exist (an unknown one is asked again): every usage report checks. */
  tenants: ReportCache<boolean>;
};
/** Per read models (one platform's), per read-model position. */
const usageCaches = new WeakMap<object, UsageCaches>();
const cachesOf = (queries: object): UsageCaches => {
  let caches = usageCaches.get(queries);
  if (caches === undefined) {
    caches = { reports: createReportCache(), tenants: createReportCache() };
    usageCaches.set(queries, caches);
  }
  return caches;
};

const usage = (
  _: unknown,
  args: QueryUsageArgs,
  { queries, scope, readPosition }: GatewayContext,
) => {
  const { tenantId, from, to } = args;
  const caches = readPosition === undefined ? undefined : cachesOf(queries);
  const known = () => {
    if (caches === undefined) return queries.tenant(tenantId) !== null;
    const at = readPosition!();
    if (caches.tenants.peek(at, tenantId) === true) return true;
    const found = queries.tenant(tenantId) !== null;
    if (found) caches.tenants.put(at, tenantId, true);
    return found;
  };
  if (!scope.tenant(tenantId) || !known()) throw notFoundError('tenant', tenantId);
  const granularity = args.granularity ?? 'DAY';
  const span = Date.parse(to) - Date.parse(from);
  if (span <= 0)
    throw apiError('BAD_USER_INPUT', `to: expected an instant after from (${from}), got ${to}`);
  if (granularity === 'HOUR' && span > MAX_HOUR_BUCKETS * 3_600_000) {
    throw apiError(
      'BAD_USER_INPUT',
      `granularity HOUR covers at most ${MAX_HOUR_BUCKETS / 24} days; ask for DAY or MONTH, or a shorter span`,
    );
  }
  const timeZone = args.timeZone ?? 'UTC';
  if (!knownZone(timeZone))
    throw apiError(
      'BAD_USER_INPUT',
      `timeZone: expected an IANA time zone such as "Europe/Paris" or "UTC", got ${JSON.stringify(timeZone)}`,
    );
  const ask = () => queries.usageReport({ tenantId, from, to, granularity, timeZone });
  if (caches === undefined) return ask();
  return caches.reports.get(
    readPosition!(),
    JSON.stringify([tenantId, from, to, granularity, timeZone]),
    ask,
  );
};

export const queryResolvers = {
  viewer: (_: unknown, __: NoArgs, { principal }: GatewayContext) => ({
    subject: principal.subject,
    role: principal.role,
    tenantId: principal.tenantId ?? null,
    partnerId: principal.partnerId ?? null,
  }),
  sites: (_: unknown, __: NoArgs, { queries, scope }: GatewayContext) =>
    queries.sites().filter((site) => scope.site(site.id)),
  site: (_: unknown, { id }: QuerySiteArgs, { queries, scope }: GatewayContext) =>
    scope.site(id) ? queries.site(id) : null,
  partners: (_: unknown, __: NoArgs, { queries, scope }: GatewayContext) =>
    queries.partners().filter((p) => scope.partner(p.id)),
  partner: (_: unknown, { id }: QueryPartnerArgs, { queries, scope }: GatewayContext) =>
    scope.partner(id) ? queries.partner(id) : null,
  tenants: (_: unknown, __: NoArgs, { queries, scope }: GatewayContext) =>
    queries
      .tenants(scope.partnerId === undefined ? undefined : { partnerId: scope.partnerId })
      .filter((t) => scope.tenant(t.id)),
  tenant: (_: unknown, { id }: QueryTenantArgs, { queries, scope }: GatewayContext) =>
    scope.tenant(id) ? queries.tenant(id) : null,
  contract: (_: unknown, { id }: QueryContractArgs, { queries, scope }: GatewayContext) => {
    const view = queries.contract(id);
    return view !== null && scope.contract(view) ? view : null;
  },
  contracts: (_: unknown, args: QueryContractsArgs, { queries, scope }: GatewayContext) =>
    queries
      .contracts({
        tenantId: opt(args.tenantId) ?? scope.tenantId,
        partnerId: opt(args.partnerId),
        siteId: opt(args.siteId),
        status: opt(args.status),
      })
      .filter((c) => scope.contract(c)),
  usage,
  incidents: (_: unknown, args: QueryIncidentsArgs, { queries, scope }: GatewayContext) =>
    queries
      .incidents({
        siteId: opt(args.siteId),
        from: opt(args.from),
        to: opt(args.to),
        tenantId: scope.tenantId,
        partnerId: scope.partnerId,
      })
      .filter((incident) => scope.incident(incident)),
  siteCapacity: (_: unknown, args: QuerySiteCapacityArgs, { queries, now }: GatewayContext) => {
    const at = opt(args.at) ?? now().toISOString();
    const view = queries.siteCapacity(args.siteId, at);
    if (view === null) throw notFoundError('site', args.siteId);
    return view;
  },
  setAsideEvents: (_: unknown, __: NoArgs, { queries }: GatewayContext) => queries.setAsideEvents(),
  capacityCommitments: (
    _: unknown,
    args: QueryCapacityCommitmentsArgs,
    { queries, scope, now }: GatewayContext,
  ) =>
    queries
      .capacityCommitments({
        partnerId: opt(args.partnerId),
        siteId: opt(args.siteId),
        at: opt(args.at) ?? now().toISOString(),
      })
      .filter((c) => scope.tenant(c.tenantId)),
} satisfies QueryResolvers;
