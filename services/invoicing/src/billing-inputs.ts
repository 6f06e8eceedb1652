import {
  billingPeriod,
  type BillingContract,
  type BillingIncident,
  type BillingPeriod,
  type Period,
  type PricingInput,
  type RateCard,
  type UsageProvenance,
} from '@cadran/billing';
import { notFound } from '@cadran/domain';
import type { ContractView, RateCardView, ReadModelQueries } from '@cadran/projections';
import type { BilledParty } from './events.js';
import type { DigestCache } from './record-provenance.js';
import type { HourlyBuckets } from './hourly-buckets.js';

const toMs = (instant: string) => Date.parse(instant);

/** The earlier of two instants, null standing for "never". */
function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return toMs(a) <= toMs(b) ? a : b;
}

function rateCardOf(view: RateCardView): RateCard {
  return {
    gpuRates: view.gpuRates.map((rate) => ({ ...rate })),
    powerPricePerKwMonth: view.powerPricePerKwMonth,
    energyPricePerKwh: view.energyPricePerKwh,
    pue: view.pue,
    slaSchedule: view.slaSchedule.map((tier) => ({ ...tier })),
  };
}

export function billedParty(queries: ReadModelQueries, contract: ContractView): BilledParty {
  if (contract.billTo === 'PARTNER') {
    const partner = contract.partnerId === null ? null : queries.partner(contract.partnerId);
    if (!partner)
      throw notFound(
        `contract ${contract.id} is billed to partner ${contract.partnerId ?? '(none)'}, which is unknown`,
      );
    const { id, name, countryCode, vatId, address } = partner;
    return { kind: 'PARTNER', partyId: id, name, countryCode, vatId, address };
  }
  const tenant = queries.tenant(contract.tenantId);
  if (!tenant)
    throw notFound(
      `contract ${contract.id} is billed to tenant ${contract.tenantId}, which is unknown`,
    );
  const { id, name, countryCode, vatId, address } = tenant;
  return { kind: 'TENANT', partyId: id, name, countryCode, vatId, address };
}

export function billingContract(contract: ContractView, billTo: BilledParty): BillingContract {
  const [initial, ...amendments] = contract.rateCards;
  if (!initial) throw notFound(`contract ${contract.id} has no rate card in the read models`);
  return {
    id: contract.id,
    status: contract.status,
    billTo: {
      name: billTo.name,
      countryCode: billTo.countryCode,
      vatId: billTo.vatId,
      address: billTo.address,
    },
    startsAt: contract.startsAt,
    endsAt: contract.endsAt,
    billingTimeZone: contract.billingTimeZone,
    paymentTermsDays: contract.paymentTermsDays,
    currency: 'EUR',
    initialRateCard: rateCardOf(initial),
    initialRateCardEventId: initial.eventId,
    amendments: amendments.map((card) => ({
      effectiveAt: card.effectiveAt,
      rateCard: rateCardOf(card),
      eventId: card.eventId,
    })),
    terminatedAt: contract.terminatedAt,
    eventIds: [...contract.eventIds],
  };
}

/** Signed (or terminated) and its term overlaps the period. */
export function billsInPeriod(contract: ContractView, window: BillingPeriod): boolean {
  if (contract.status !== 'SIGNED' && contract.status !== 'TERMINATED') return false;
  const end = earliest(contract.endsAt, contract.terminatedAt);
  return (
    toMs(contract.startsAt) < toMs(window.end) && (end === null || toMs(end) > toMs(window.start))
  );
}

/** The contract's period window (its own billing time zone). */
export function contractWindow(contract: ContractView, period: Period): BillingPeriod {
  return billingPeriod(period, contract.billingTimeZone);
}

/**
 * Everything the engine needs to price a contract's period, from the read models: hourly usage
 * and energy buckets (never raw usage), with the records' count and digest per model.
 */
export function pricingInput(
  {
    queries,
    digests,
    buckets,
  }: { queries: ReadModelQueries; digests: DigestCache; buckets: HourlyBuckets },
  contract: ContractView,
  billTo: BilledParty,
  period: Period,
): PricingInput {
  const window = contractWindow(contract, period);
  const reservations = queries.reservations({ contractId: contract.id }).flatMap((r) => {
    const endsAt = earliest(r.endsAt, r.releasedAt) ?? r.endsAt;
    if (toMs(endsAt) <= toMs(r.startsAt)) return [];
    return [
      {
        id: r.id,
        gpuModel: r.gpuModel,
        gpuCount: r.gpuCount,
        startsAt: r.startsAt,
        endsAt,
        cancelledAt: r.cancelledAt,
        eventIds: r.eventIds,
      },
    ];
  });
  const powerCommitments = queries.powerCommitments({ contractId: contract.id }).flatMap((c) => {
    const endsAt = earliest(c.endsAt, c.releasedAt) ?? c.endsAt;
    if (toMs(endsAt) <= toMs(c.startsAt)) return [];
    return [{ id: c.id, kw: c.kw, startsAt: c.startsAt, endsAt, eventIds: c.eventIds }];
  });

  const usageBuckets = buckets.usageBuckets(contract.id, window.start, window.end);
  const countsByModel = new Map<string, number>();
  for (const bucket of usageBuckets)
    countsByModel.set(
      bucket.gpuModel,
      (countsByModel.get(bucket.gpuModel) ?? 0) + bucket.recordCount,
    );
  const usageProvenance: UsageProvenance[] = [...countsByModel].map(([gpuModel, count]) => ({
    gpuModel,
    ...digests.digest(
      { kind: 'usage', contractId: contract.id, from: window.start, to: window.end, gpuModel },
      count,
    ),
  }));

  const energyBuckets = buckets.energyBuckets(contract.id, window.start, window.end);
  const energyCount = energyBuckets.reduce((n, bucket) => n + bucket.recordCount, 0);
  const energyProvenance =
    energyBuckets.length === 0
      ? null
      : digests.digest(
          { kind: 'energy', contractId: contract.id, from: window.start, to: window.end },
          energyCount,
        );

  const incidents: BillingIncident[] = queries
    .incidents({ siteId: contract.siteId, from: window.start, to: window.end })
    .flatMap((incident) => {
      const impacts = incident.impacts
        .filter((impact) => impact.contractId === contract.id)
        .map((impact) => ({ gpuModel: impact.gpuModel, gpuCount: impact.gpuCount }));
      if (incident.scope === 'GPUS' && impacts.length === 0) return [];
      return [
        {
          id: incident.id,
          scope: incident.scope,
          startedAt: incident.startedAt,
          resolvedAt: incident.resolvedAt,
          impacts,
          eventIds: incident.eventIds,
        },
      ];
    });

  return {
    contract: billingContract(contract, billTo),
    period,
    reservations,
    powerCommitments,
    usage: {
      buckets: usageBuckets.map((b) => ({
        gpuModel: b.gpuModel,
        start: b.hourStart,
        gpuHours: b.gpuHours,
      })),
      provenance: usageProvenance,
    },
    energy: {
      buckets: energyBuckets.map((b) => ({ start: b.hourStart, kwh: b.kwh })),
      provenance: energyProvenance,
    },
    incidents,
  };
}
