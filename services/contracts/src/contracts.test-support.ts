import { bru1, sequentialIds, tempDir, workedRateCard } from '@cadran/domain/testing';
import { createSqliteEventStore, type SqliteEventStore } from '@cadran/event-store';
import { createContractsService } from './contracts-service.js';

/** A real SQLite store in a fresh temp directory, and the service on it, at a fixed clock. */
export function setUp(at = '2026-02-15T00:00:00Z') {
  const { dir, file, remove } = tempDir('cadran-contracts-');
  const path = file('events.db');
  const store: SqliteEventStore = createSqliteEventStore({ path });
  const service = createContractsService({
    store,
    clock: () => new Date(at),
    newId: sequentialIds('gen'),
  });
  return {
    dir,
    path,
    store,
    service,
    async tearDown() {
      await store.close();
      remove();
    },
  };
}

const { siteId: bru1Id, ...bru1Fields } = bru1;
/** Site bru-1 as registerSite takes it. */
export const siteInput = { id: bru1Id, ...bru1Fields };

const { slaSchedule: _defaultTiers, ...workedPrices } = workedRateCard;
/** The worked rate card as draftContract takes it: the SLA schedule left to its default. */
export const rateCardInput = workedPrices;

/** The worked examples' setting: bru-1, fluidstack, mistral and the signed contract c-mistral. */
export async function seed(service: ReturnType<typeof createContractsService>, site = siteInput) {
  await service.registerSite(site);
  await service.registerPartner({
    id: 'fluidstack',
    name: 'Fluidstack',
    countryCode: 'GB',
    vatId: 'GB123456789',
  });
  await service.onboardTenant({
    id: 'mistral',
    name: 'Mistral AI',
    countryCode: 'FR',
    vatId: 'FR12345678901',
    partnerId: 'fluidstack',
  });
  await service.draftContract({
    id: 'c-mistral',
    tenantId: 'mistral',
    siteId: site.id,
    startsAt: '2026-01-01T00:00:00+01:00',
    rateCard: rateCardInput,
  });
  await service.signContract({ id: 'c-mistral' });
}
