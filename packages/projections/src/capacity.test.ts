import { beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '@cadran/domain';
import {
  reservation,
  usage,
  twoTenants,
  type Harness,
  useHarness,
} from './fixtures.test-support.js';

let h!: Harness;
useHarness(
  (opened) => (h = opened),
  () => twoTenants('bru-1'),
);

const power = (
  commitmentId: string,
  kw: string,
  contractId = 'c-mistral',
  tenantId = 'mistral',
): DomainEvent => ({
  type: 'PowerCommitted',
  data: {
    commitmentId,
    siteId: 'bru-1',
    contractId,
    tenantId,
    kw,
    startsAt: '2026-02-28T23:00:00Z',
    endsAt: '2026-03-31T22:00:00Z',
  },
});

describe('capacity', () => {
  beforeEach(async () => {
    await h.record(
      reservation('r-gb', { gpuCount: 1024 }),
      reservation('r-h', {
        gpuModel: 'H200',
        gpuCount: 256,
        startsAt: '2026-03-10T00:00:00Z',
        endsAt: '2026-03-20T00:00:00Z',
      }),
      reservation('r-k', { contractId: 'c-kyutai', tenantId: 'kyutai', gpuCount: 100 }),
      power('p-1', '2000'),
      power('p-2', '0.5'),
      power('p-k', '300.25', 'c-kyutai', 'kyutai'),
      {
        type: 'ReservationCancelled',
        data: {
          reservationId: 'r-k',
          siteId: 'bru-1',
          contractId: 'c-kyutai',
          reason: 'x',
          cancelledAt: '2026-03-15T00:00:00Z',
        },
      },
      {
        type: 'ContractCapacityReleased',
        data: { siteId: 'bru-1', contractId: 'c-kyutai', effectiveAt: '2026-03-25T00:00:00Z' },
      },
    );
  });

  it('siteCapacity: installed, reserved and available GPUs and committed kW at an instant', () => {
    expect(h.queries.siteCapacity('bru-1', '2026-03-12T00:00:00Z')).toEqual({
      siteId: 'bru-1',
      at: '2026-03-12T00:00:00Z',
      powerCapacityKw: '44000',
      committedKw: '2300.75',
      gpus: [
        { gpuModel: 'GB300', installed: 13824, reserved: 1124, available: 12700 },
        { gpuModel: 'H200', installed: 2048, reserved: 256, available: 1792 },
      ],
    });
    // r-k cancelled, r-h ended (its end is exclusive), p-k released.
    const later = h.queries.siteCapacity('bru-1', '2026-03-25T00:00:00Z')!;
    expect(later.gpus.map((g) => [g.gpuModel, g.reserved])).toEqual([
      ['GB300', 1024],
      ['H200', 0],
    ]);
    expect(later.committedKw).toBe('2000.5');
    expect(h.queries.siteCapacity('bru-1', '2026-04-01T00:00:00Z')!.committedKw).toBe('0');
    expect(h.queries.siteCapacity('nowhere', '2026-03-12T00:00:00Z')).toBeNull();
    expect(() => h.queries.siteCapacity('bru-1', 'noon')).toThrow(/at: expected/);
  });

  it('capacityCommitments per contract, by site and by partner', () => {
    const at = '2026-03-12T00:00:00Z';
    expect(h.queries.capacityCommitments({ at })).toEqual([
      {
        siteId: 'bru-1',
        partnerId: null,
        tenantId: 'kyutai',
        contractId: 'c-kyutai',
        reservedGpus: [{ gpuModel: 'GB300', count: 100 }],
        committedKw: '300.25',
      },
      {
        siteId: 'bru-1',
        partnerId: 'fluidstack',
        tenantId: 'mistral',
        contractId: 'c-mistral',
        reservedGpus: [
          { gpuModel: 'GB300', count: 1024 },
          { gpuModel: 'H200', count: 256 },
        ],
        committedKw: '2000.5',
      },
    ]);
    expect(
      h.queries.capacityCommitments({ at, partnerId: 'fluidstack' }).map((c) => c.contractId),
    ).toEqual(['c-mistral']);
    expect(h.queries.capacityCommitments({ at, siteId: 'par-2' })).toEqual([]);
    expect(
      h.queries.capacityCommitments({ at, siteId: 'bru-1', partnerId: 'fluidstack' }),
    ).toHaveLength(1);
    // c-kyutai: reservation cancelled, commitment still held until the release.
    expect(
      h.queries
        .capacityCommitments({ at: '2026-03-20T00:00:00Z' })
        .find((c) => c.contractId === 'c-kyutai'),
    ).toMatchObject({
      reservedGpus: [],
      committedKw: '300.25',
    });
  });

  it('utilisation: used over reserved GPU-hours per model in the billing period', async () => {
    // March 2026 in Paris: 743 hours; 1024 GB300 → 760832 reserved GPU-hours. H200: 256 × 240 h.
    await h.record(
      usage('u-1', '2026-03-05T00:00:00Z', '2026-03-06T00:00:00Z', '800000'),
      usage('u-2', '2026-03-11T00:00:00Z', '2026-03-11T01:00:00Z', '1000', { gpuModel: 'H200' }),
      usage('u-feb', '2026-02-28T22:00:00Z', '2026-02-28T23:00:00Z', '5'),
    );
    expect(h.queries.utilisation('c-mistral', '2026-03')).toEqual([
      { gpuModel: 'GB300', reservedGpuHours: '760832', usedGpuHours: '800000', ratio: '1.05148' },
      { gpuModel: 'H200', reservedGpuHours: '61440', usedGpuHours: '1000', ratio: '0.016276' },
    ]);
    // Cancelled on the 15th: 100 × 14 days × 24 h (from 1 March 00:00 Paris = 28 Feb 23:00 UTC, plus that hour).
    expect(h.queries.utilisation('c-kyutai', '2026-03')).toEqual([
      { gpuModel: 'GB300', reservedGpuHours: '33700', usedGpuHours: '0', ratio: '0' },
    ]);
    // Usage with nothing reserved: ratio "0".
    await h.record(usage('u-apr', '2026-04-02T00:00:00Z', '2026-04-02T01:00:00Z', '3'));
    expect(h.queries.utilisation('c-mistral', '2026-04')).toEqual([
      { gpuModel: 'GB300', reservedGpuHours: '0', usedGpuHours: '3', ratio: '0' },
    ]);
    expect(h.queries.utilisation('nobody', '2026-03')).toEqual([]);
    expect(() => h.queries.utilisation('c-mistral', 'March')).toThrow(/period/);
  });
});
