import Decimal from 'decimal.js';
import { billingPeriod, periodContaining } from '@cadran/billing';
import type { AlertRuleDefined } from '@cadran/domain';
import type { ReadModelQueries } from '@cadran/projections';

type Rule = AlertRuleDefined['data'];

/** What the evaluator reads: the read models, and the month-to-date total that finance's preview gives. */
export type AlertSources = {
  queries: ReadModelQueries;
  monthToDateTotal(contractId: string, period: string): Promise<string>;
};

export type Measure = { period: string; value: string; breached: boolean };

const MS_PER_HOUR = 3_600_000;
const PERCENT_DECIMALS = 2;
const ZERO = new Decimal(0);

const heldUntilMs = (h: {
  endsAt: string;
  releasedAt: string | null;
  cancelledAt?: string | null;
}) =>
  Math.min(
    Date.parse(h.endsAt),
    h.releasedAt ? Date.parse(h.releasedAt) : Infinity,
    h.cancelledAt ? Date.parse(h.cancelledAt) : Infinity,
  );

const percent = (part: Decimal, whole: Decimal) =>
  part.div(whole).times(100).toDecimalPlaces(PERCENT_DECIMALS, Decimal.ROUND_HALF_UP);

/**
 * The value a rule watches at `nowMs`, in the billing period (of the contract's time zone, or the
 * site's) that holds it:
 * - UTILISATION_BELOW: used / reserved GPU-hours over the trailing window, in percent;
 * - POWER_ABOVE_COMMITMENT: the highest hourly energy of the period so far (kWh in one hour is the
 *   hour's average kW) as a percent of the kW committed at that hour;
 * - CHARGES_ABOVE: the total the invoice preview gives now;
 * - UNBILLED_USAGE: GPU-hours recorded at the site with no contract to take them.
 */
export async function measure(rule: Rule, nowMs: number, sources: AlertSources): Promise<Measure> {
  const { queries } = sources;
  const contract = rule.contractId === null ? null : queries.contract(rule.contractId);
  const timeZone = contract?.billingTimeZone ?? queries.site(rule.siteId)?.timeZone ?? 'UTC';
  const now = new Date(nowMs).toISOString();
  const period = periodContaining(now, timeZone);
  const threshold = new Decimal(rule.threshold);

  switch (rule.kind) {
    case 'UTILISATION_BELOW': {
      const fromMs = nowMs - (rule.windowHours ?? 24) * MS_PER_HOUR;
      const reserved = queries.reservations({ contractId: rule.contractId! }).reduce((sum, r) => {
        const from = Math.max(Date.parse(r.startsAt), fromMs);
        const to = Math.min(heldUntilMs(r), nowMs);
        return to > from
          ? sum.plus(new Decimal(to - from).div(MS_PER_HOUR).times(r.gpuCount))
          : sum;
      }, ZERO);
      if (reserved.isZero()) return { period, value: '100', breached: false };
      const used = queries
        .usageBuckets(rule.contractId!, new Date(fromMs).toISOString(), now)
        .reduce((sum, b) => sum.plus(b.gpuHours), ZERO);
      const value = percent(used, reserved);
      return { period, value: value.toFixed(), breached: value.lt(threshold) };
    }
    case 'POWER_ABOVE_COMMITMENT': {
      const start = billingPeriod(period, timeZone).start;
      const commitments = queries.powerCommitments({ contractId: rule.contractId! });
      let peak = ZERO;
      for (const bucket of queries.energyBuckets(rule.contractId!, start, now)) {
        const at = Date.parse(bucket.hourStart);
        const committed = commitments
          .filter((c) => Date.parse(c.startsAt) <= at && heldUntilMs(c) > at)
          .reduce((sum, c) => sum.plus(c.kw), ZERO);
        if (committed.isZero()) continue;
        peak = Decimal.max(peak, percent(new Decimal(bucket.kwh), committed));
      }
      return { period, value: peak.toFixed(), breached: peak.gt(threshold) };
    }
    case 'CHARGES_ABOVE': {
      const total = new Decimal(await sources.monthToDateTotal(rule.contractId!, period));
      return { period, value: total.toFixed(2), breached: total.gt(threshold) };
    }
    case 'UNBILLED_USAGE': {
      const unbilled = queries
        .unbilledUsage({ siteId: rule.siteId })
        .reduce((sum, u) => sum.plus(u.gpuHours), ZERO);
      return { period, value: unbilled.toFixed(), breached: unbilled.gt(threshold) };
    }
  }
}
