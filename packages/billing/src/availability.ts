import { lostGpuMs, type NormalizedIncident } from './incidents.js';
import { hoursOfMs, Ratio } from './ratio.js';
import { reservedGpuMs, type NormalizedReservation } from './reservations.js';
import type { PeriodWindow } from './period.js';

export interface ModelAvailability {
  gpuModel: string;
  /** R: reserved GPU-hours of the model over the whole period. */
  reserved: Ratio;
  /** L: lost GPU-hours, capped at R. */
  lost: Ratio;
  /** A = 1 − L / R, exact. */
  availability: Ratio;
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
      (acc, r) => acc + reservedGpuMs(r, window.startMs, window.endMs),
      0n,
    );
    if (reserved === 0n) continue;
    let lost = 0n;
    const incidentEventIds: string[] = [];
    for (const incident of incidents) {
      const cap = incident.scope === 'SITE' ? Infinity : (incident.impacts.get(gpuModel) ?? 0);
      if (cap === 0) continue;
      const from = Math.max(incident.startMs, window.startMs);
      const to = Math.min(incident.endMs, window.endMs);
      const incidentLost = lostGpuMs(ofModel, from, to, cap);
      if (incidentLost === 0n) continue;
      lost += incidentLost;
      incidentEventIds.push(...incident.eventIds);
    }
    if (lost > reserved) lost = reserved;
    result.set(gpuModel, {
      gpuModel,
      reserved: hoursOfMs(reserved),
      lost: hoursOfMs(lost),
      availability: Ratio.of(reserved - lost, reserved),
      incidentEventIds,
      reservationEventIds: ofModel
        .filter((r) => r.endMs > window.startMs && r.startMs < window.endMs)
        .flatMap((r) => r.eventIds),
    });
  }
  return result;
}
