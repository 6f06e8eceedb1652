import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore, type SqliteEventStore } from '@cadran/event-store';
import { createContractsService } from './contracts-service.js';

/** A real SQLite store in a fresh temp directory, and the service on it, at a fixed clock. */
export function setUp(at = '2026-02-15T00:00:00Z') {
  const dir = mkdtempSync(join(tmpdir(), 'cadran-contracts-'));
  const path = join(dir, 'events.db');
  const store: SqliteEventStore = createSqliteEventStore({ path });
  let n = 0;
  const service = createContractsService({ store, clock: () => new Date(at), newId: () => `gen-${++n}` });
  return {
    dir,
    path,
    store,
    service,
    async tearDown() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const siteInput = {
  id: 'bru-1',
  name: 'Bruyères-le-Châtel',
  countryCode: 'FR',
  timeZone: 'Europe/Paris',
  powerCapacityKw: '44000',
  gpuInventory: [
    { gpuModel: 'GB300', count: 13824 },
    { gpuModel: 'H200', count: 2048 },
  ],
};

export const rateCardInput = {
  gpuRates: [
    { gpuModel: 'GB300', reservedPricePerGpuHour: '3.10', onDemandPricePerGpuHour: '4.20' },
    { gpuModel: 'H200', reservedPricePerGpuHour: '2.20', onDemandPricePerGpuHour: '3.00' },
  ],
  powerPricePerKwMonth: '145',
  energyPricePerKwh: '0.115',
  pue: '1.20',
};

/** The worked examples' setting: bru-1, fluidstack, mistral and the signed contract c-mistral. */
export async function seed(service: ReturnType<typeof createContractsService>, site = siteInput) {
  await service.registerSite(site);
  await service.registerPartner({ id: 'fluidstack', name: 'Fluidstack', countryCode: 'GB', vatId: 'GB123456789' });
  await service.onboardTenant({ id: 'mistral', name: 'Mistral AI', countryCode: 'FR', vatId: 'FR12345678901', partnerId: 'fluidstack' });
  await service.draftContract({ id: 'c-mistral', tenantId: 'mistral', siteId: site.id, startsAt: '2026-01-01T00:00:00+01:00', rateCard: rateCardInput });
  await service.signContract({ id: 'c-mistral' });
}
