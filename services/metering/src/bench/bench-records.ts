import { randomUUID } from 'node:crypto';
import { SITE_ID } from '../testing/reference-data.js';

/** A valid usage record with a random UUID id, as metering systems send them. */
export function randomUsageRecord(n: number) {
  const startedAt = new Date(Date.UTC(2026, 2, 1) + (n % 40_000) * 60_000)
    .toISOString()
    .replace('.000Z', 'Z');
  const endedAt = new Date(Date.parse(startedAt) + 3_600_000).toISOString().replace('.000Z', 'Z');
  return {
    id: randomUUID(),
    tenantId: 'mistral',
    siteId: SITE_ID,
    gpuModel: 'GB300',
    startedAt,
    endedAt,
    gpuHours: `${(n % 512) + 0.25}`,
  };
}
