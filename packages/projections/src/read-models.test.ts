import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '@cadran/domain';
import { bru1, reservationCancelled } from '@cadran/domain/testing';
import {
  contract,
  partner,
  rateCard,
  reservation,
  site,
  tenant,
  twoTenants,
  type Harness,
  useHarness,
} from './fixtures.test-support.js';

let h!: Harness;
useHarness((opened) => (h = opened));

const amended = (amendmentId: string, effectiveAt: string, price: string): DomainEvent => ({
  type: 'ContractAmended',
  data: {
    contractId: 'c-mistral',
    amendmentId,
    effectiveAt,
    rateCard: { ...rateCard, powerPricePerKwMonth: price },
    amendedAt: '2026-01-15T00:00:00Z',
  },
});

describe('read models fed by events', () => {
  it('sites with their inventory, partners and tenants', async () => {
    await h.record(site(), site('par-2'), partner(), tenant(), tenant('kyutai', null));
    const { siteId, ...registered } = bru1;
    expect(h.queries.site('bru-1')).toEqual({ id: siteId, ...registered });
    expect(h.queries.sites().map((s) => s.id)).toEqual(['bru-1', 'par-2']);
    expect(h.queries.site('nowhere')).toBeNull();
    expect(h.queries.partner('fluidstack')).toEqual({
      id: 'fluidstack',
      name: 'Fluidstack',
      countryCode: 'GB',
      vatId: 'GB123456789',
      address: 'London',
    });
    expect(h.queries.tenants().map((t) => t.id)).toEqual(['kyutai', 'mistral']);
    expect(h.queries.tenants({ partnerId: 'fluidstack' }).map((t) => t.id)).toEqual(['mistral']);
    expect(h.queries.tenant('kyutai')?.partnerId).toBeNull();
  });

  it("when a tenant or partner was onboarded: the time its event's id carries", async () => {
    const before = Date.now();
    await h.record(partner(), tenant());
    const after = Date.now();
    for (const [kind, id] of [
      ['TENANT', 'mistral'],
      ['PARTNER', 'fluidstack'],
    ] as const) {
      const at = h.queries.partyOnboarding(kind, id)?.onboardedAt?.getTime();
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(after);
    }
    expect(h.queries.partyOnboarding('TENANT', 'fluidstack')).toBeNull();
    expect(h.queries.partyOnboarding('PARTNER', 'nobody')).toBeNull();
  });

  it('contracts with their status, rate card history and event ids', async () => {
    await h.record(site(), partner(), tenant(), ...contract());
    expect(h.queries.contract('c-mistral')?.status).toBe('SIGNED');
    await h.record(
      amended('a-1', '2026-03-01T00:00:00Z', '150'),
      amended('a-2', '2026-02-01T00:00:00Z', '140'),
      amended('a-3', '2026-03-01T00:00:00Z', '155'),
      {
        type: 'ContractTerminated',
        data: {
          contractId: 'c-mistral',
          effectiveAt: '2026-06-01T00:00:00Z',
          reason: 'end',
          terminatedAt: '2026-05-01T00:00:00Z',
        },
      },
    );
    const view = h.queries.contract('c-mistral')!;
    const events = await h.store.readStream('contract-c-mistral');
    expect(view.eventIds).toEqual(events.map((e) => e.id));
    expect(view.status).toBe('TERMINATED');
    expect(view.terminatedAt).toBe('2026-06-01T00:00:00Z');
    expect(view.endsAt).toBeNull();
    expect(
      view.rateCards.map((c) => [c.effectiveAt, c.amendmentId, c.powerPricePerKwMonth, c.eventId]),
    ).toEqual([
      ['2025-12-31T23:00:00Z', null, '145', events[0]!.id],
      ['2026-02-01T00:00:00Z', 'a-2', '140', events[3]!.id],
      ['2026-03-01T00:00:00Z', 'a-3', '155', events[4]!.id],
    ]);
    expect(view.rateCards[0]!.gpuRates).toEqual(rateCard.gpuRates);
    expect(h.queries.contracts({ status: 'TERMINATED' }).map((c) => c.id)).toEqual(['c-mistral']);
    expect(h.queries.contracts({ status: 'SIGNED' })).toEqual([]);
    expect(h.queries.contracts({ partnerId: 'fluidstack' }).map((c) => c.id)).toEqual([
      'c-mistral',
    ]);
    expect(h.queries.contracts({ tenantId: 'other' })).toEqual([]);
  });

  it('a draft is DRAFT', async () => {
    await h.record(tenant(), contract('c-draft')[0]!);
    expect(h.queries.contract('c-draft')?.status).toBe('DRAFT');
  });

  it('reservations and power commitments, cancelled and released', async () => {
    await h.record(
      site(),
      tenant(),
      ...contract(),
      reservation('r-1'),
      reservation('r-2', { gpuModel: 'H200', gpuCount: 256 }),
      {
        type: 'PowerCommitted',
        data: {
          commitmentId: 'p-1',
          siteId: 'bru-1',
          contractId: 'c-mistral',
          tenantId: 'mistral',
          kw: '2000',
          startsAt: '2026-02-28T23:00:00Z',
          endsAt: '2026-03-31T22:00:00Z',
        },
      },
    );
    await h.record(reservationCancelled('2026-03-10T00:00:00Z'), {
      type: 'ContractCapacityReleased',
      data: { siteId: 'bru-1', contractId: 'c-mistral', effectiveAt: '2026-03-20T00:00:00Z' },
    });
    const siteEvents = await h.store.readStream('site-bru-1');
    const [, reserved1, reserved2, committed, cancelled, released] = siteEvents.map((e) => e.id);
    expect(h.queries.reservation('r-1')).toMatchObject({
      contractId: 'c-mistral',
      gpuCount: 1024,
      cancelledAt: '2026-03-10T00:00:00Z',
      releasedAt: '2026-03-20T00:00:00Z',
      eventIds: [reserved1, cancelled, released],
    });
    expect(h.queries.reservation('r-2')).toMatchObject({
      cancelledAt: null,
      releasedAt: '2026-03-20T00:00:00Z',
      eventIds: [reserved2, released],
    });
    expect(h.queries.powerCommitment('p-1')).toMatchObject({
      kw: '2000',
      releasedAt: '2026-03-20T00:00:00Z',
      eventIds: [committed, released],
    });
    expect(h.queries.reservations({ contractId: 'c-mistral' }).map((r) => r.id)).toEqual([
      'r-1',
      'r-2',
    ]);
    expect(h.queries.reservations({ siteId: 'elsewhere' })).toEqual([]);
    expect(h.queries.powerCommitments({ siteId: 'bru-1' })).toHaveLength(1);
  });

  it('incidents with impacts, and those that touched a tenant', async () => {
    await h.record(...twoTenants());
    const incident = (
      incidentId: string,
      siteId: string,
      scope: 'SITE' | 'GPUS',
      impacts: { contractId: string; gpuModel: string; gpuCount: number }[],
    ): DomainEvent => ({
      type: 'IncidentOpened',
      data: {
        incidentId,
        siteId,
        scope,
        startedAt: '2026-03-10T08:00:00Z',
        description: `${incidentId} down`,
        impacts,
      },
    });
    await h.record(
      incident('i-site', 'bru-1', 'SITE', []),
      incident('i-gpus', 'par-2', 'GPUS', [
        { contractId: 'c-kyutai', gpuModel: 'H200', gpuCount: 32 },
      ]),
      incident('i-other-site', 'par-2', 'SITE', []),
      {
        type: 'IncidentResolved',
        data: { incidentId: 'i-site', resolvedAt: '2026-03-10T10:30:00Z' },
      },
    );
    const view = h.queries.incident('i-site')!;
    expect(view).toMatchObject({
      siteId: 'bru-1',
      scope: 'SITE',
      resolvedAt: '2026-03-10T10:30:00Z',
      impacts: [],
    });
    expect(view.eventIds).toHaveLength(2);
    expect(h.queries.incident('i-gpus')?.impacts).toEqual([
      { contractId: 'c-kyutai', gpuModel: 'H200', gpuCount: 32 },
    ]);
    const ids = (filter: Parameters<typeof h.queries.incidents>[0]) =>
      h.queries
        .incidents(filter)
        .map((i) => i.id)
        .sort();
    expect(ids({ tenantId: 'mistral' })).toEqual(['i-site']);
    expect(ids({ tenantId: 'kyutai' })).toEqual(['i-gpus', 'i-other-site']);
    expect(ids({ partnerId: 'fluidstack' })).toEqual(['i-site']);
    expect(ids({ siteId: 'par-2' })).toEqual(['i-gpus', 'i-other-site']);
    // Resolved at 10:30: not in [11:00, …); the open ones run on.
    expect(ids({ from: '2026-03-10T11:00:00Z' })).toEqual(['i-gpus', 'i-other-site']);
    expect(ids({ to: '2026-03-10T08:00:00Z' })).toEqual([]);
    expect(() => h.queries.incidents({ from: 'yesterday' })).toThrow(
      /from: expected an RFC 3339 instant/,
    );
  });
});
