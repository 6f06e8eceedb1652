import { describe, expect, it } from 'vitest';
import { join } from 'node:path';

import { toStored, type DomainEvent } from '@cadran/domain';
import { reservationCancelled } from '@cadran/domain/testing';
import { createSqliteCheckpointStore, Sqlite } from '@cadran/event-store';
import { createProjectionRunner } from './projection-runner.js';
import { createReadModelProjections } from './read-model-projections.js';
import { createReadModelQueries } from './create-read-model-queries.js';
import type { Projection } from './projection.js';
import {
  contract,
  dumpTables,
  energy,
  partner,
  reservation,
  site,
  streamOf,
  tenant,
  usage,
  twoTenants,
  type Harness,
  useHarness,
} from './fixtures.test-support.js';

let h!: Harness;
useHarness((opened) => (h = opened));

const MARCH = ['2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'] as const;

/** A projection that fails on the record named "boom" while `armed`. */
function tripwire(): Projection & { armed: boolean } {
  return {
    name: 'tripwire',
    eventTypes: ['GpuUsageRecorded'],
    tables: [],
    armed: true,
    setup() {},
    reset() {},
    apply(event) {
      if (this.armed && (event.data as { recordId: string }).recordId === 'boom')
        throw new Error('tripwire');
    },
  };
}

describe('projection runner', () => {
  it('waitForPosition: true once applied, false on timeout, true when a later write lands', async () => {
    const position = await h.append(site(), tenant());
    expect(await h.runner.waitForPosition(position, 5_000)).toBe(true);
    expect(h.runner.position).toBeGreaterThanOrEqual(position);
    expect(h.queries.tenant('mistral')).not.toBeNull();
    expect(await h.runner.waitForPosition(position + 10n, 20)).toBe(false);
    const waiting = h.runner.waitForPosition(position + 1n, 10_000);
    await h.append(partner());
    expect(await waiting).toBe(true);
    expect(h.queries.partner('fluidstack')).not.toBeNull();
  });

  it('an event a read model cannot apply is set aside (position, reason, logged); the rest goes on; a retry after the fix applies it', async () => {
    await h.runner.stop();
    const before = await h.append(
      site(),
      tenant(),
      ...contract(),
      usage('u-0', '2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z', '1'),
    );
    const wire = tripwire();
    const projections = [...createReadModelProjections(), wire];
    const logged: string[] = [];
    const runner = createProjectionRunner({
      store: h.store,
      db: h.db,
      projections,
      onSetAside: (entry) => logged.push(`${entry.position} ${entry.projection}: ${entry.reason}`),
    });
    await runner.start();
    expect(runner.position).toBe(before);
    // One append, one batch: a good record, the one that fails, another good one.
    const events = [
      usage('u-1', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', '1'),
      usage('boom', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', '4'),
      usage('u-2', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', '2'),
    ];
    const after = (
      await h.store.appendToStream(
        streamOf(events[0]!),
        events.map((e) => toStored(e)),
      )
    ).lastPosition;
    expect(await runner.waitForPosition(after, 5_000)).toBe(true);
    expect(runner.failure).toBeUndefined();
    expect(createSqliteCheckpointStore(h.db).load('read-models')).toBe(after);
    const boomAt = after - 1n;
    expect(runner.setAside()).toMatchObject([
      {
        runner: 'read-models',
        position: boomAt.toString(),
        eventType: 'GpuUsageRecorded',
        projection: 'tripwire',
        reason: 'tripwire',
      },
    ]);
    expect(logged).toEqual([`${boomAt} tripwire: tripwire`]);
    // Nothing of the set-aside event reached any read model: the usage read model counts u-1 and u-2.
    expect(h.queries.usageBuckets('c-mistral', ...MARCH).map((b) => b.gpuHours)).toEqual([
      '1',
      '3',
    ]);

    expect(await runner.retrySetAside()).toMatchObject({
      applied: [],
      stillSetAside: [{ position: boomAt.toString() }],
    });
    wire.armed = false;
    expect(await runner.retrySetAside()).toMatchObject({
      applied: [{ position: boomAt.toString() }],
      stillSetAside: [],
    });
    expect(runner.setAside()).toEqual([]);
    expect(
      h.queries
        .usageBuckets('c-mistral', ...MARCH)
        .map((b) => [b.hourStart, b.gpuHours, b.recordCount]),
    ).toEqual([
      ['2026-03-02T09:00:00Z', '1', 1],
      ['2026-03-02T10:00:00Z', '7', 3],
    ]);
    await runner.stop();
  });

  it('the database failing (not an event) stops the runner: neither output nor checkpoint, applied once after restart', async () => {
    await h.runner.stop();
    const before = await h.append(site(), tenant(), ...contract());
    const wire = tripwire();
    wire.apply = function (event) {
      if (this.armed && (event.data as { recordId: string }).recordId === 'boom')
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    const projections = [...createReadModelProjections(), wire];
    let failure: Error | undefined;
    const failing = createProjectionRunner({
      store: h.store,
      db: h.db,
      projections,
      onError: (e) => (failure = e),
    });
    await failing.start();
    const after = await h.append(
      usage('u-1', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', '1'),
      usage('boom', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', '4'),
    );
    expect(await failing.waitForPosition(after, 300)).toBe(false);
    expect(failure?.message).toBe('database or disk is full');
    expect(failing.setAside()).toEqual([]);
    expect(createSqliteCheckpointStore(h.db).load('read-models')).toBeLessThan(after);
    await failing.stop();

    wire.armed = false;
    const healed = createProjectionRunner({ store: h.store, db: h.db, projections });
    await healed.start();
    expect(healed.position).toBe(after);
    expect(before).toBeLessThan(after);
    expect(h.queries.usageBuckets('c-mistral', ...MARCH).map((b) => b.gpuHours)).toEqual(['5']);
    await healed.stop();
  });

  it('a usage or energy record the log could not have accepted (10¹⁰ kWh written straight to the log) is set aside by its read model', async () => {
    await h.record(site(), tenant(), ...contract());
    const huge = energy('e-huge', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', '1');
    (huge.data as { kwh: string }).kwh = '10000000000';
    const position = await h.append(
      huge,
      energy('e-1', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', '12'),
    );
    expect(await h.runner.waitForPosition(position, 5_000)).toBe(true);
    expect(h.runner.failure).toBeUndefined();
    expect(h.runner.setAside()).toMatchObject([
      {
        position: (position - 1n).toString(),
        eventType: 'EnergyRecorded',
        projection: 'energy',
        reason:
          'kwh: "10000000000" is not a quantity a record may hold (a plain decimal from 0 to 7440000000)',
      },
    ]);
    expect(h.queries.energyBuckets('c-mistral', ...MARCH).map((b) => b.kwh)).toEqual(['12']);
  });

  it('stop keeps the checkpoint: a new runner resumes after it, counting nothing twice', async () => {
    await h.record(
      site(),
      tenant(),
      ...contract(),
      usage('u-1', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', '1'),
    );
    await h.runner.stop();
    const stoppedAt = h.runner.position;
    expect(createSqliteCheckpointStore(h.db).load('read-models')).toBe(stoppedAt);
    await h.append(usage('u-2', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', '2'));
    expect(h.queries.usageBuckets('c-mistral', ...MARCH)[0]!.gpuHours).toBe('1');
    await h.runner.start();
    expect(h.queries.usageBuckets('c-mistral', ...MARCH)[0]).toMatchObject({
      gpuHours: '3',
      recordCount: 2,
    });
  });

  it('rebuild equality: read models built live while appending equal those rebuilt from the log', async () => {
    const setting = twoTenants();
    await h.append(...setting);
    const writes: Promise<bigint>[] = [];
    for (let day = 1; day <= 6; day++) {
      const batch: DomainEvent[] = [];
      for (let hour = 0; hour < 24; hour++) {
        const at = Date.parse(`2026-03-0${day}T00:00:00Z`) + hour * 3_600_000 + 17 * 60_000;
        const from = new Date(at).toISOString();
        const to = new Date(at + 90 * 60_000).toISOString();
        batch.push(
          usage(`m-${day}-${hour}`, from, to, `${hour}.${day}0001`, {
            gpuModel: hour % 2 ? 'GB300' : 'H200',
          }),
        );
        batch.push(
          usage(`k-${day}-${hour}`, from, to, '2.5', {
            tenantId: 'kyutai',
            siteId: 'par-2',
            contractId: 'c-kyutai',
          }),
        );
        batch.push(usage(`x-${day}-${hour}`, from, to, '0.3333333', { contractId: null }));
        batch.push(energy(`e-${day}-${hour}`, from, to, '1234.5'));
      }
      writes.push(h.append(...batch));
    }
    writes.push(
      h.append(
        reservation('r-1'),
        reservation('r-2', { gpuModel: 'H200', gpuCount: 64 }),
        reservationCancelled('2026-03-03T00:00:00Z', 'x', 'r-2'),
        {
          type: 'IncidentOpened',
          data: {
            incidentId: 'i-1',
            siteId: 'bru-1',
            scope: 'SITE',
            startedAt: '2026-03-02T08:00:00Z',
            description: 'down',
            impacts: [],
          },
        },
        {
          type: 'IncidentResolved',
          data: { incidentId: 'i-1', resolvedAt: '2026-03-02T10:30:00Z' },
        },
        {
          type: 'ContractTerminated',
          data: {
            contractId: 'c-kyutai',
            effectiveAt: '2026-03-20T00:00:00Z',
            reason: 'end',
            terminatedAt: '2026-03-05T00:00:00Z',
          },
        },
        {
          type: 'ContractCapacityReleased',
          data: { siteId: 'par-2', contractId: 'c-kyutai', effectiveAt: '2026-03-20T00:00:00Z' },
        },
      ),
    );
    const head = (await Promise.all(writes)).reduce((a, b) => (a > b ? a : b));
    expect(await h.runner.waitForPosition(head, 10_000)).toBe(true);
    const projections = createReadModelProjections();
    const live = dumpTables(h.db, projections);
    expect(live.rm_usage_records).toHaveLength(6 * 24 * 3);
    expect(live.rm_incidents).toHaveLength(1);

    // Replayed into a fresh database, in batches of another size.
    const fresh = new Sqlite(join(h.dir, 'rebuilt.db'));
    const replay = createProjectionRunner({ store: h.store, db: fresh, projections, batchSize: 7 });
    await replay.start();
    await replay.stop();
    expect(dumpTables(fresh, projections)).toEqual(live);
    expect(
      createReadModelQueries(fresh).usageReport({
        tenantId: 'mistral',
        from: MARCH[0],
        to: MARCH[1],
        granularity: 'DAY',
      }),
    ).toEqual(
      h.queries.usageReport({
        tenantId: 'mistral',
        from: MARCH[0],
        to: MARCH[1],
        granularity: 'DAY',
      }),
    );
    fresh.close();

    // And rebuilt in place.
    await h.runner.rebuild();
    expect(h.runner.position).toBe(head);
    expect(dumpTables(h.db, projections)).toEqual(live);
  });
});
