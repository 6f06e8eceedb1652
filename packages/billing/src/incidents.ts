import { fail } from './errors.js';
import { overlapMs } from './instant.js';
import {
  parseInstant,
  parseInteger,
  parseList,
  parseOptionalInstant,
  parseText,
  parseTextList,
} from './parse.js';
import type { NormalizedReservation } from './reservations.js';
import type { BillingIncident, IncidentImpact, IncidentScope } from './types.js';

export interface NormalizedIncident {
  id: string;
  scope: IncidentScope;
  startMs: number;
  /** Infinity while unresolved: it then counts up to the end of the period. */
  endMs: number;
  impacts: Map<string, number>;
  eventIds: string[];
}

const SCOPES: readonly IncidentScope[] = ['SITE', 'GPUS'];

export function normalizeIncidents(value: unknown): NormalizedIncident[] {
  return parseList<BillingIncident>(value, 'incidents').map((incident, i) => {
    const at = `incidents[${i}]`;
    if (!SCOPES.includes(incident?.scope)) {
      fail(`${at}.scope`, `expected SITE or GPUS, got ${JSON.stringify(incident?.scope)}`);
    }
    const startMs = parseInstant(incident.startedAt, `${at}.startedAt`);
    const endMs = parseOptionalInstant(incident.resolvedAt, `${at}.resolvedAt`) ?? Infinity;
    if (endMs < startMs) fail(`${at}.resolvedAt`, 'must not be before startedAt');
    const impacts = new Map<string, number>();
    parseList<IncidentImpact>(incident.impacts, `${at}.impacts`).forEach((impact, j) => {
      const model = parseText(impact?.gpuModel, `${at}.impacts[${j}].gpuModel`);
      const count = parseInteger(impact.gpuCount, `${at}.impacts[${j}].gpuCount`, 1);
      impacts.set(model, (impacts.get(model) ?? 0) + count);
    });
    return {
      id: parseText(incident.id, `${at}.id`),
      scope: incident.scope,
      startMs,
      endMs,
      impacts,
      eventIds: parseTextList(incident.eventIds, `${at}.eventIds`),
    };
  });
}

/** ∫ min(cap, GPUs reserved at t) dt over [startMs, endMs), in GPU-milliseconds (exact). */
export function lostGpuMs(
  reservations: readonly NormalizedReservation[],
  startMs: number,
  endMs: number,
  cap: number,
): bigint {
  if (endMs <= startMs) return 0n;
  if (cap === Infinity) {
    let lost = 0n;
    for (const r of reservations)
      lost += BigInt(overlapMs(r.startMs, r.endMs, startMs, endMs)) * BigInt(r.gpuCount);
    return lost;
  }
  const cuts = new Set([startMs, endMs]);
  for (const r of reservations) {
    if (r.startMs > startMs && r.startMs < endMs) cuts.add(r.startMs);
    if (r.endMs > startMs && r.endMs < endMs) cuts.add(r.endMs);
  }
  const points = [...cuts].sort((a, b) => a - b);
  let lost = 0n;
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i]!, points[i + 1]!];
    let reserved = 0;
    for (const r of reservations) if (r.startMs <= from && r.endMs >= to) reserved += r.gpuCount;
    lost += BigInt(to - from) * BigInt(Math.min(cap, reserved));
  }
  return lost;
}
