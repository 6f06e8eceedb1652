import { parseBucket, amountWithin, type SpreadAmount } from './buckets.js';
import type { NormalizedContract } from './contract.js';
import { within } from './errors.js';
import { pricedLine } from './line.js';
import { parseList } from './parse.js';
import { parseProvenance, type NormalizedProvenance } from './provenance.js';
import type { NormalizedSegment } from './segments.js';
import type { EnergyBucket, EnergyInput, InvoiceLine } from './types.js';

export interface NormalizedEnergy {
  buckets: SpreadAmount[];
  provenance: NormalizedProvenance;
}

export function normalizeEnergy(energy: EnergyInput | undefined): NormalizedEnergy {
  return {
    buckets: parseList<EnergyBucket>(energy?.buckets, 'energy.buckets').map((bucket, i) =>
      within(
        () => `energy.buckets[${i}]`,
        () => parseBucket(bucket, bucket?.kwh, 'kwh'),
      ),
    ),
    provenance: parseProvenance(energy?.provenance, 'energy.provenance'),
  };
}

/** ENERGY: metered kWh of the segment × PUE. No line when nothing was metered or energy is not priced. */
export function energyLines(
  segment: NormalizedSegment,
  energy: NormalizedEnergy,
  contract: NormalizedContract,
): InvoiceLine[] {
  const price = segment.card.energyPricePerKwh;
  if (price === null) return [];
  const kwh = amountWithin(energy.buckets, segment.startMs, segment.endMs);
  if (kwh.isZero()) return [];
  const { pue } = segment.card;
  return [
    pricedLine({
      kind: 'ENERGY',
      description: `Energy: ${kwh.round(6).toFixed()} kWh metered × PUE ${pue.toFixed()}`,
      startMs: segment.startMs,
      endMs: segment.endMs,
      quantity: kwh.times(pue),
      unit: 'kWh',
      unitPrice: price,
      eventIds: [...contract.eventIds, segment.eventId],
      ...energy.provenance,
    }).line,
  ];
}
