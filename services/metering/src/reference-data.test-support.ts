import { streams, toStored, type ContractDrafted, type DomainEvent } from '@cadran/domain';
import {
  drafted,
  siteRegistered,
  signed as contractSigned,
  tempDir as freshTempDir,
  tenantOnboarded,
} from '@cadran/domain/testing';
import type { EventStore } from '@cadran/event-store';

/** Test and benchmark reference data: site bru-1 (GB300 × 13824, H200 × 2048), tenants, contracts. */
export const SITE_ID = 'bru-1';

export const rateCard: ContractDrafted['data']['rateCard'] = {
  gpuRates: [{ gpuModel: 'GB300', reservedPricePerGpuHour: '3.1', onDemandPricePerGpuHour: '4.2' }],
  powerPricePerKwMonth: '145',
  energyPricePerKwh: '0.115',
  pue: '1.2',
  slaSchedule: [],
};

const append = (store: EventStore, stream: string, events: DomainEvent[]) =>
  store.appendToStream(
    stream,
    events.map((event) => toStored(event)),
  );

export async function registerSite(store: EventStore, siteId = SITE_ID): Promise<void> {
  await append(store, streams.site(siteId), [siteRegistered(siteId)]);
}

export async function onboardTenant(store: EventStore, tenantId: string): Promise<void> {
  await append(store, streams.tenant(tenantId), [tenantOnboarded(tenantId)]);
}

export async function signContract(
  store: EventStore,
  contract: {
    contractId: string;
    tenantId: string;
    siteId?: string;
    startsAt: string;
    endsAt: string | null;
  },
  signed = true,
): Promise<void> {
  const siteId = contract.siteId ?? SITE_ID;
  const { contractId, tenantId, startsAt, endsAt } = contract;
  const events: DomainEvent[] = [
    drafted({ contractId, tenantId, siteId, startsAt, endsAt, rateCard }),
  ];
  if (signed) {
    // As the contracts service signs: the tenancy claim first, then the signature.
    await append(store, streams.tenancy(tenantId, siteId), [
      { type: 'ContractActivated', data: { contractId, tenantId, siteId, startsAt, endsAt } },
    ]);
    events.push(contractSigned(contractId));
  }
  await append(store, streams.contract(contractId), events);
}

/** Site bru-1 and tenant mistral with contract c-mistral from 2026-01-01 on. */
export async function seedReferenceData(store: EventStore): Promise<void> {
  await registerSite(store);
  await onboardTenant(store, 'mistral');
  await signContract(store, {
    contractId: 'c-mistral',
    tenantId: 'mistral',
    startsAt: '2026-01-01T00:00:00Z',
    endsAt: null,
  });
}

/** The n-th of a series of valid one-hour GB300 usage records of tenant mistral at bru-1. */
export function usageRecord(n: number, prefix = 'u') {
  const startedAt = new Date(Date.UTC(2026, 2, 1) + (n % 10_000) * 60_000).toISOString();
  const endedAt = new Date(Date.parse(startedAt) + 3_600_000).toISOString();
  return {
    id: `${prefix}-${n}`,
    tenantId: 'mistral',
    siteId: SITE_ID,
    gpuModel: 'GB300',
    startedAt,
    endedAt,
    gpuHours: `${(n % 64) + 0.5}`,
  };
}

export const tempDir = (prefix = 'cadran-metering-') => freshTempDir(prefix);
