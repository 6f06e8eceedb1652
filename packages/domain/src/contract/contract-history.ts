import type { ContractEvent, RateCardData } from '../events.js';

/** One field of an event as a reader sees it: a name and its value as the event holds it. */
export type HistoryField = { name: string; value: string };

/** A contract event told to a person: one sentence, and the fields it changed. */
export type ContractEventDescription = { summary: string; fields: HistoryField[] };

const field = (name: string, value: string | number | null): HistoryField[] =>
  value === null ? [] : [{ name, value: String(value) }];

const rateCardFields = (card: RateCardData): HistoryField[] => [
  ...card.gpuRates.flatMap((rate) => [
    ...field(`rateCard.${rate.gpuModel}.reservedPricePerGpuHour`, rate.reservedPricePerGpuHour),
    ...field(`rateCard.${rate.gpuModel}.onDemandPricePerGpuHour`, rate.onDemandPricePerGpuHour),
  ]),
  ...field('rateCard.powerPricePerKwMonth', card.powerPricePerKwMonth),
  ...field('rateCard.energyPricePerKwh', card.energyPricePerKwh),
  ...field('rateCard.pue', card.pue),
  ...field(
    'rateCard.slaSchedule',
    card.slaSchedule
      .map((tier) => `below ${tier.availabilityBelowPercent} %: ${tier.creditPercent} %`)
      .join('; '),
  ),
];

const gpuModels = (card: RateCardData) => card.gpuRates.map((rate) => rate.gpuModel).join(', ');

/** One event of a contract's stream, as its history shows it. */
export type ContractHistoryEvent = ContractEventDescription & {
  type: ContractEvent['type'];
  /** The event's place in the contract's stream, from 0. */
  revision: bigint;
  /** Its place in the whole log. */
  position: bigint;
  recordedAt: string;
  /** Who sent the command (the token's subject), when the metadata says. */
  actor: string | null;
};

export function describeContractEvent(event: ContractEvent): ContractEventDescription {
  switch (event.type) {
    case 'ContractDrafted': {
      const d = event.data;
      return {
        summary:
          `Drafted for tenant ${d.tenantId} at site ${d.siteId}, billed to the ` +
          `${d.billTo === 'PARTNER' ? `partner ${d.partnerId}` : 'tenant'}, from ${d.startsAt}` +
          `${d.endsAt === null ? ', open-ended' : ` to ${d.endsAt}`}; rates for ${gpuModels(d.rateCard)}`,
        fields: [
          ...field('tenantId', d.tenantId),
          ...field('siteId', d.siteId),
          ...field('billTo', d.billTo),
          ...field('partnerId', d.partnerId),
          ...field('startsAt', d.startsAt),
          ...field('endsAt', d.endsAt),
          ...field('billingTimeZone', d.billingTimeZone),
          ...field('paymentTermsDays', d.paymentTermsDays),
          ...field('currency', d.currency),
          ...rateCardFields(d.rateCard),
        ],
      };
    }
    case 'ContractSigned':
      return { summary: 'Signed', fields: field('signedAt', event.data.signedAt) };
    case 'ContractAmended': {
      const d = event.data;
      return {
        summary: `Rate card amended from ${d.effectiveAt}; rates for ${gpuModels(d.rateCard)}`,
        fields: [
          ...field('amendmentId', d.amendmentId),
          ...field('effectiveAt', d.effectiveAt),
          ...rateCardFields(d.rateCard),
        ],
      };
    }
    case 'ContractTerminated': {
      const d = event.data;
      return {
        summary: `Terminated from ${d.effectiveAt}: ${d.reason}`,
        fields: [...field('effectiveAt', d.effectiveAt), ...field('reason', d.reason)],
      };
    }
  }
}
