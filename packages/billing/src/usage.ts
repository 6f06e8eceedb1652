import { parseBucket, amountWithin, type SpreadAmount } from './buckets.js';
import type { NormalizedContract } from './contract.js';
import { Ratio } from './ratio.js';
import { fail, within } from './errors.js';
import { pricedLine } from './line.js';
import { parseList, parseText } from './parse.js';
import { parseProvenance, NO_RECORDS, type NormalizedProvenance } from './provenance.js';
import type { ReservedModel } from './reservations.js';
import type { NormalizedSegment } from './segments.js';
import type { InvoiceLine, UsageBucket, UsageInput, UsageProvenance } from './types.js';

export interface NormalizedUsage {
  byModel: Map<string, SpreadAmount[]>;
  provenance: Map<string, NormalizedProvenance>;
}

export function normalizeUsage(usage: UsageInput | undefined): NormalizedUsage {
  const byModel = new Map<string, SpreadAmount[]>();
  const provenance = new Map<string, NormalizedProvenance>();
  if (usage === undefined || usage === null) return { byModel, provenance };
  parseList<UsageBucket>(usage.buckets, 'usage.buckets').forEach((bucket, i) =>
    within(
      () => `usage.buckets[${i}]`,
      () => {
        const spread = parseBucket(bucket, bucket?.gpuHours, 'gpuHours');
        const model = parseText(bucket?.gpuModel, 'gpuModel');
        const list = byModel.get(model);
        if (list) list.push(spread);
        else byModel.set(model, [spread]);
      },
    ),
  );
  parseList<UsageProvenance>(usage.provenance, 'usage.provenance').forEach((p, i) => {
    const model = parseText(p?.gpuModel, `usage.provenance[${i}].gpuModel`);
    if (provenance.has(model)) fail(`usage.provenance[${i}].gpuModel`, `${model} is given twice`);
    provenance.set(model, parseProvenance(p, `usage.provenance[${i}]`));
  });
  return { byModel, provenance };
}

/** ON_DEMAND_USAGE: per model, max(0, used − reserved) GPU-hours of the segment. */
export function onDemandLines(
  segment: NormalizedSegment,
  usage: NormalizedUsage,
  reserved: ReadonlyMap<string, ReservedModel>,
  contract: NormalizedContract,
): InvoiceLine[] {
  const lines: InvoiceLine[] = [];
  for (const model of [...usage.byModel.keys()].sort()) {
    const used = amountWithin(usage.byModel.get(model)!, segment.startMs, segment.endMs);
    const reservedModel = reserved.get(model);
    const reservedHours = reservedModel?.gpuHours ?? Ratio.ZERO;
    const quantity = used.minus(reservedHours);
    if (quantity.sign() <= 0) continue;
    const rate = segment.card.gpuRates.get(model);
    if (!rate)
      fail(
        'usage.buckets',
        `the rate card in force (event ${segment.eventId}) has no price for ${model}`,
      );
    const provenance = usage.provenance.get(model) ?? NO_RECORDS;
    lines.push(
      pricedLine({
        kind: 'ON_DEMAND_USAGE',
        description: `On-demand usage ${model}: ${used.round(6).toFixed()} GPU-h used − ${reservedHours.round(6).toFixed()} GPU-h reserved`,
        gpuModel: model,
        startMs: segment.startMs,
        endMs: segment.endMs,
        quantity,
        unit: 'GPU-hour',
        unitPrice: rate.onDemand,
        eventIds: [...contract.eventIds, segment.eventId, ...(reservedModel?.eventIds ?? [])],
        ...provenance,
      }).line,
    );
  }
  return lines;
}
