import { isTimeZone } from '@cadran/domain';
import type { UsageReportView } from '@cadran/projections';
import { createReportCache, type ReportCache } from '../report-cache.js';
import type { GatewayContext } from '../context.js';
import { apiError, notFoundError } from '../errors.js';

type Args = Record<string, unknown>;
const opt = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

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

const usage = (_: unknown, args: Args, { queries, scope, readPosition }: GatewayContext) => {
  const tenantId = args.tenantId as string;
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
  const from = args.from as string;
  const to = args.to as string;
  const granularity = (args.granularity ?? 'DAY') as 'HOUR' | 'DAY' | 'MONTH';
  const span = Date.parse(to) - Date.parse(from);
  if (span <= 0)
    throw apiError('BAD_USER_INPUT', `to: expected an instant after from (${from}), got ${to}`);
  if (granularity === 'HOUR' && span > MAX_HOUR_BUCKETS * 3_600_000) {
    throw apiError(
      'BAD_USER_INPUT',
      `granularity HOUR covers at most ${MAX_HOUR_BUCKETS / 24} days; ask for DAY or MONTH, or a shorter span`,
    );
  }
  const timeZone = (args.timeZone as string | null | undefined) ?? 'UTC';
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
  viewer: (_: unknown, __: Args, { principal }: GatewayContext) => ({
    subject: principal.subject,
    role: principal.role,
    tenantId: principal.tenantId ?? null,
    partnerId: principal.partnerId ?? null,
  }),
  sites: (_: unknown, __: Args, { queries, scope }: GatewayContext) =>
    queries.sites().filter((site) => scope.site(site.id)),
  site: (_: unknown, { id }: Args, { queries, scope }: GatewayContext) =>
    scope.site(id as string) ? queries.site(id as string) : null,
  partners: (_: unknown, __: Args, { queries, scope }: GatewayContext) =>
    queries.partners().filter((p) => scope.partner(p.id)),
  partner: (_: unknown, { id }: Args, { queries, scope }: GatewayContext) =>
    scope.partner(id as string) ? queries.partner(id as string) : null,
  tenants: (_: unknown, __: Args, { queries, scope }: GatewayContext) =>
    queries
      .tenants(scope.partnerId === undefined ? undefined : { partnerId: scope.partnerId })
      .filter((t) => scope.tenant(t.id)),
  tenant: (_: unknown, { id }: Args, { queries, scope }: GatewayContext) =>
    scope.tenant(id as string) ? queries.tenant(id as string) : null,
  contract: (_: unknown, { id }: Args, { queries, scope }: GatewayContext) => {
    const view = queries.contract(id as string);
    return view !== null && scope.contract(view) ? view : null;
  },
  contracts: (_: unknown, args: Args, { queries, scope }: GatewayContext) =>
    queries
      .contracts({
        tenantId: opt(args.tenantId) ?? scope.tenantId,
        partnerId: opt(args.partnerId),
        siteId: opt(args.siteId),
        status: opt(args.status) as 'DRAFT' | 'SIGNED' | 'TERMINATED' | undefined,
      })
      .filter((c) => scope.contract(c)),
  usage,
  incidents: (_: unknown, args: Args, { queries, scope }: GatewayContext) =>
    queries
      .incidents({
        siteId: opt(args.siteId),
        from: opt(args.from),
        to: opt(args.to),
        tenantId: scope.tenantId,
        partnerId: scope.partnerId,
      })
      .filter((incident) => scope.incident(incident)),
  siteCapacity: (_: unknown, args: Args, { queries, now }: GatewayContext) => {
    const at = opt(args.at) ?? now().toISOString();
    const view = queries.siteCapacity(args.siteId as string, at);
    if (view === null) throw notFoundError('site', args.siteId as string);
    return view;
  },
  setAsideEvents: (_: unknown, __: Args, { queries }: GatewayContext) => queries.setAsideEvents(),
  capacityCommitments: (_: unknown, args: Args, { queries, scope, now }: GatewayContext) =>
    queries
      .capacityCommitments({
        partnerId: opt(args.partnerId),
        siteId: opt(args.siteId),
        at: opt(args.at) ?? now().toISOString(),
      })
      .filter((c) => scope.tenant(c.tenantId)),
};
