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

/**
 * Signed (or terminated), and its term overlaps the period, or a record it took runs on into the
 * period after the term (a record belongs whole to the contract active when it starts).
 */
export function billsInPeriod(
  queries: Pick<ReadModelQueries, 'hasMeteredRecords'>,
  contract: ContractView,
  window: BillingPeriod,
): boolean {
  if (contract.status !== 'SIGNED' && contract.status !== 'TERMINATED') return false;
  if (toMs(contract.startsAt) >= toMs(window.end)) return false;
  const end = earliest(contract.endsAt, contract.terminatedAt);
  if (end === null || toMs(end) > toMs(window.start)) return true;
  return queries.hasMeteredRecords(contract.id, window.start, window.end);
}

/** The instants inside the period where the contract's segments start or end: raw records there. */
function segmentCuts(contract: ContractView, window: BillingPeriod): string[] {
  const end = earliest(contract.endsAt, contract.terminatedAt);
  return [
    contract.startsAt,
    ...(end === null ? [] : [end]),
    ...contract.rateCards.slice(1).map((card) => card.effectiveAt),
  ].filter((instant) => toMs(instant) > toMs(window.start) && toMs(instant) < toMs(window.end));
}

/** The contract's period window (its own billing time zone). */
export function contractWindow(contract: ContractView, period: Period): BillingPeriod {
  return billingPeriod(period, contract.billingTimeZone);
}

/**
 * Everything the engine needs to price a contract's period, from the read models: for usage and
 * energy, the hourly sums of the hours no boundary falls inside and the raw records of the others
 * (`meteredForBilling`), with the records' count and digest per model.
 */
export function pricingInput(
  { queries, digests }: { queries: ReadModelQueries; digests: DigestCache },
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

  const scope = { contractId: contract.id, from: window.start, to: window.end };
  const cuts = segmentCuts(contract, window);
  const usage = queries.meteredForBilling({ kind: 'usage', ...scope, cuts });
  const usageProvenance: UsageProvenance[] = usage.recordCounts.map(
    ({ gpuModel, recordCount }) => ({
      gpuModel: gpuModel!,
      ...digests.digest({ kind: 'usage', ...scope, gpuModel: gpuModel! }, recordCount),
    }),
  );
  const energy = queries.meteredForBilling({ kind: 'energy', ...scope, cuts });
  const energyCount = energy.recordCounts.reduce((n, c) => n + c.recordCount, 0);
  const energyProvenance =
    energy.recordCounts.length === 0
      ? null
      : digests.digest({ kind: 'energy', ...scope }, energyCount);

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
      buckets: [
        ...usage.hours.map((h) => ({
          gpuModel: h.gpuModel!,
          start: h.hourStart,
          gpuHours: h.quantity,
        })),
        ...usage.records.map((r) => ({
          gpuModel: r.gpuModel!,
          start: r.startedAt,
          end: r.endedAt,
          gpuHours: r.quantity,
        })),
      ],
      provenance: usageProvenance,
    },
    energy: {
      buckets: [
        ...energy.hours.map((h) => ({ start: h.hourStart, kwh: h.quantity })),
        ...energy.records.map((r) => ({ start: r.startedAt, end: r.endedAt, kwh: r.quantity })),
      ],
      provenance: energyProvenance,
    },
    incidents,
  };
}
