import {
  bru1,
  workedPartnerDetails,
  workedRateCardInput,
  workedTenantDetails,
} from '@cadran/domain';
import type { EventStore } from '@cadran/event-store';
import type { CommandServices } from './write-side.js';

/** The setting of the worked examples (design/worked-examples.md, example 1): March 2026 at bru-1 for mistral. */
export const DEMO = {
  siteId: bru1.siteId,
  partnerId: 'fluidstack',
  tenantId: 'mistral',
  contractId: 'c-mistral',
  incidentId: 'inc-bru-1-2026-03-10',
  /** March 2026 in Europe/Paris: 743 hours (the clocks go forward on the 29th). */
  monthStart: '2026-02-28T23:00:00Z',
  monthEnd: '2026-03-31T22:00:00Z',
  usageGpuHours: '800000',
  energyKwh: '1200000',
} as const;

const HOUR_MS = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** `total` spread over `hours` whole-number records: the first `total mod hours` get one more. */
export const spread = (total: number, hours: number): number[] => {
  const base = Math.floor(total / hours);
  const extra = total - base * hours;
  return Array.from({ length: hours }, (_, hour) => (hour < extra ? base + 1 : base));
};

export class DemoRefusedError extends Error {
  override readonly name = 'DemoRefusedError';
}

/** Loads the demo through the real command services; refuses a store that already holds events. */
export const loadDemo = async (store: EventStore, services: CommandServices): Promise<bigint> => {
  const head = await store.headPosition();
  if (head >= 0n) {
    throw new DemoRefusedError(
      `--demo loads the worked examples on an EMPTY store, and this one already holds events (up to position ${head}); ` +
        'start without --demo, or point CADRAN_DATA_DIR at an empty directory',
    );
  }
  const { contracts, sla, metering } = services;
  const meta = { actor: 'cadran-demo' };
  const { siteId, ...site } = bru1;
  await contracts.registerSite({ ...site, id: siteId, name: 'Bruyères-le-Châtel 1' }, meta);
  await contracts.registerPartner(
    {
      id: DEMO.partnerId,
      name: 'Fluidstack',
      countryCode: 'GB',
      vatId: 'GB123456789',
      address: '1 Canada Square, London E14 5AB, United Kingdom',
    },
    meta,
  );
  await contracts.onboardTenant(
    {
      id: DEMO.tenantId,
      name: 'Mistral AI',
      countryCode: 'FR',
      vatId: 'FR12345678901',
      address: '15 rue des Halles, 75001 Paris, France',
      partnerId: DEMO.partnerId,
    },
    meta,
  );
  await contracts.updatePartyDetails(
    { kind: 'PARTNER', partyId: DEMO.partnerId, ...workedPartnerDetails },
    meta,
  );
  await contracts.updatePartyDetails(
    { kind: 'TENANT', partyId: DEMO.tenantId, ...workedTenantDetails },
    meta,
  );
  await contracts.draftContract(
    {
      id: DEMO.contractId,
      tenantId: DEMO.tenantId,
      billTo: 'TENANT',
      siteId: DEMO.siteId,
      startsAt: '2026-01-01T00:00:00+01:00',
      billingTimeZone: 'Europe/Paris',
      paymentTermsDays: 30,
      rateCard: workedRateCardInput,
    },
    meta,
  );
  await contracts.signContract({ id: DEMO.contractId }, meta);
  const month = { startsAt: DEMO.monthStart, endsAt: DEMO.monthEnd };
  await contracts.reserveCapacity(
    {
      id: 'r-mistral-2026-03',
      contractId: DEMO.contractId,
      gpuModel: 'GB300',
      gpuCount: 1024,
      ...month,
    },
    meta,
  );
  await contracts.commitPower(
    { id: 'p-mistral-2026-03', contractId: DEMO.contractId, kw: '2000', ...month },
    meta,
  );

  const start = Date.parse(DEMO.monthStart);
  const hours = (Date.parse(DEMO.monthEnd) - start) / HOUR_MS;
  const hour = (index: number) => ({
    startedAt: iso(start + index * HOUR_MS),
    endedAt: iso(start + (index + 1) * HOUR_MS),
  });
  const where = { tenantId: DEMO.tenantId, siteId: DEMO.siteId };
  const usage = spread(Number(DEMO.usageGpuHours), hours).map((gpuHours, index) => ({
    id: `demo-usage-gb300-${index}`,
    ...where,
    gpuModel: 'GB300',
    ...hour(index),
    gpuHours: String(gpuHours),
  }));
  const energy = spread(Number(DEMO.energyKwh), hours).map((kwh, index) => ({
    id: `demo-energy-${index}`,
    ...where,
    ...hour(index),
    kwh: String(kwh),
  }));
  for (const result of [
    await metering.recordGpuUsage(usage),
    await metering.recordEnergy(energy),
  ]) {
    if (result.rejected.length > 0)
      throw new Error(`demo records refused: ${JSON.stringify(result.rejected.slice(0, 3))}`);
  }

  await sla.openIncident(
    {
      id: DEMO.incidentId,
      siteId: DEMO.siteId,
      scope: 'SITE',
      startedAt: '2026-03-10T08:00:00Z',
      description: 'Site-wide power distribution failure in hall 1',
    },
    meta,
  );
  await sla.resolveIncident({ id: DEMO.incidentId, resolvedAt: '2026-03-10T10:30:00Z' }, meta);
  return store.headPosition();
};
