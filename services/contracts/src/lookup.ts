import type { EventStore } from '@cadran/event-store';

/**
 * What the contracts service must find without knowing the stream: the contracts of a tenant at
 * a site (for the one-active-contract rule) and the site of a reservation or commitment id.
 * Kept in memory from the global log and caught up before each use, so it sees every write
 * made before the command started, by this process or any other.
 */
export type Lookup = {
  contractsOf(tenantId: string, siteId: string): Promise<string[]>;
  siteOfReservation(reservationId: string): Promise<string | undefined>;
  siteOfCommitment(commitmentId: string): Promise<string | undefined>;
};

const PAGE = 1000;

export function createLookup(store: Pick<EventStore, 'readAll'>): Lookup {
  let after: bigint | undefined;
  const contracts = new Map<string, Set<string>>();
  const reservations = new Map<string, string>();
  const commitments = new Map<string, string>();
  let pending: Promise<void> = Promise.resolve();

  const key = (tenantId: string, siteId: string) => `${tenantId}\u0000${siteId}`;

  async function catchUp(): Promise<void> {
    for (;;) {
      const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: PAGE });
      for (const event of page) {
        const data = event.data as Record<string, string>;
        if (event.type === 'ContractDrafted') {
          const k = key(data.tenantId!, data.siteId!);
          contracts.set(k, (contracts.get(k) ?? new Set()).add(data.contractId!));
        } else if (event.type === 'CapacityReserved') {
          reservations.set(data.reservationId!, data.siteId!);
        } else if (event.type === 'PowerCommitted') {
          commitments.set(data.commitmentId!, data.siteId!);
        }
        after = event.globalPosition;
      }
      if (page.length < PAGE) return;
    }
  }

  /** One catch-up at a time; callers arriving meanwhile wait for the next one. */
  function refresh(): Promise<void> {
    pending = pending.then(catchUp, catchUp);
    return pending;
  }

  return {
    async contractsOf(tenantId, siteId) {
      await refresh();
      return [...(contracts.get(key(tenantId, siteId)) ?? [])];
    },
    async siteOfReservation(reservationId) {
      await refresh();
      return reservations.get(reservationId);
    },
    async siteOfCommitment(commitmentId) {
      await refresh();
      return commitments.get(commitmentId);
    },
  };
}
