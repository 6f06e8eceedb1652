import { randomUUID } from 'node:crypto';
import { SITE_ID } from '../reference-data.test-support.js';

const BASE = Date.UTC(2026, 2, 1);
const instant = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A valid usage record with a random UUID id, as metering systems send them. */
export function randomUsageRecord(n: number) {
  const startedAt = instant(BASE + (n % 40_000) * 60_000);
  const endedAt = instant(BASE + (n % 40_000) * 60_000 + 3_600_000);
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

/** The n-th line of the benchmark's NDJSON body (without its newline). */
export function usageLine(n: number, id: string = randomUUID()): string {
  const startedAt = instant(BASE + (n % 40_000) * 60_000);
  const endedAt = instant(BASE + (n % 40_000) * 60_000 + 3_600_000);
  return `{"id":"${id}","tenantId":"mistral","siteId":"${SITE_ID}","gpuModel":"GB300","startedAt":"${startedAt}","endedAt":"${endedAt}","gpuHours":"${(n % 512) + 0.25}"}`;
}
