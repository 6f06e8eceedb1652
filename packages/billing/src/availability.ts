import type Decimal from 'decimal.js';
import { D, ZERO } from './decimal.js';
import { lostGpuHours, type NormalizedIncident } from './incidents.js';
import { reservedGpuHours, type NormalizedReservation } from './reservations.js';
import type { PeriodWindow } from './period.js';

export interface ModelAvailability {
  gpuModel: string;
  /** R: reserved GPU-hours of the model over the whole period. */
  reserved: Decimal;
  /** L: lost GPU-hours, capped at R. */
  lost: Decimal;
  /** A = 1 − L / R. */
  availability: Decimal;
  incidentEventIds: string[];
  reservationEventIds: string[];
}

/** Availability per reserved GPU model, measured over the whole period (not per segment). */
export function availabilityByModel(
  window: PeriodWindow,
  reservations: readonly NormalizedReservation[],
  incidents: readonly NormalizedIncident[],
): Map<string, ModelAvailability> {
  const result = new Map<string, ModelAvailability>();
  const models = [...new Set(reservations.map((r) => r.gpuModel))].sort();
  for (const gpuModel of models) {
    const ofModel = reservations.filter((r) => r.gpuModel === gpuModel);
    const reserved = ofModel.reduce(
      (acc, r) => acc.plus(reservedGpuHours(r, window.startMs, window.endMs)),
      ZERO,
    );
    if (reserved.isZero()) continue;
    let lost = ZERO;
    const incidentEventIds: string[] = [];
    for (const incident of incidents) {
      const cap = incident.scope === 'SITE' ? Infinity : (incident.impacts.get(gpuModel) ?? 0);
      if (cap === 0) continue;
      const from = Math.max(incident.startMs, window.startMs);
      const to = Math.min(incident.endMs, window.endMs);
      const incidentLost = lostGpuHours(ofModel, from, to, cap);
      if (incidentLost.isZero()) continue;
      lost = lost.plus(incidentLost);
      incidentEventIds.push(...incident.eventIds);
    }
    lost = D.min(lost, reserved);
    result.set(gpuModel, {
      gpuModel,
      reserved,
      lost,
      availability: new D(1).minus(lost.div(reserved)),
      incidentEventIds,
      reservationEventIds: ofModel
        .filter((r) => r.endMs > window.startMs && r.startMs < window.endMs)
        .flatMap((r) => r.eventIds),
    });
  }
  return result;
}
