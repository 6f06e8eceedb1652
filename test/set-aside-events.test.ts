import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTypeScriptChild } from '@cadran/domain/testing';
import { createSqliteEventStore } from '@cadran/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Started } from './support/platform.js';

/**
 * Finding 1 of issue 8: one record of 10¹⁰ kWh in the log stopped the read models for good (503,
 * READ_MODEL_BEHIND, a restart failing). Now the write side refuses it at the door, and a data
 * directory that already holds one (written straight to the log) starts, sets it aside and goes on.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'cadran-set-aside-'));
let platform: Started;
let huge: bigint;

const energy = (recordId: string, kwh: string) => ({
  type: 'EnergyRecorded',
  data: {
    recordId,
    tenantId: 'mistral',
    siteId: 'bru-1',
    startedAt: '2026-03-02T10:00:00Z',
    endedAt: '2026-03-02T11:00:00Z',
    kwh,
    contractId: null,
  },
});

beforeAll(async () => {
  const store = createSqliteEventStore({ path: join(dataDir, 'cadran.db') });
  huge = (await store.appendToStream('energy-bru-1', [energy('e-huge', '10000000000')]))
    .lastPosition;
  await store.appendToStream('energy-bru-1', [energy('e-fine', '12')]);
  await store.close();
  platform = await startTestPlatform({ dataDir });
});
afterAll(() => platform?.close());

const cli = (...args: string[]) =>
  runTypeScriptChild('services/platform/src/cli.ts', args, {
    env: { ...process.env, CADRAN_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
  }).finished;

describe('an event the read models cannot apply', () => {
  it('a data directory holding one starts; /healthz is ok and shows it (the list to ADMIN only)', async () => {
    const anyone = await fetch(`${platform.url}/healthz`);
    expect(anyone.status).toBe(200);
    expect(await anyone.json()).toMatchObject({ status: 'ok', setAsideEvents: 1 });
    const admin = await fetch(`${platform.url}/healthz`, {
      headers: { authorization: `Bearer ${await platform.token('ADMIN')}` },
    });
    expect(await admin.json()).toMatchObject({
      status: 'ok',
      setAsideEvents: [
        {
          runner: 'read-models',
          position: huge.toString(),
          eventType: 'EnergyRecorded',
          streamName: 'energy-bru-1',
          projection: 'energy',
          reason:
            'kwh: "10000000000" is not a quantity a record may hold (a plain decimal from 0 to 7440000000)',
        },
      ],
    });
  });

  it('ADMIN sees it through GraphQL; other roles may not', async () => {
    const query = '{ setAsideEvents { position eventType projection reason } }';
    const admin = await platform.gql(await platform.token('ADMIN'), query);
    expect(admin.body).toEqual({
      data: {
        setAsideEvents: [
          {
            position: huge.toString(),
            eventType: 'EnergyRecorded',
            projection: 'energy',
            reason: expect.stringMatching(/^kwh: "10000000000" is not a quantity/),
          },
        ],
      },
    });
    const finance = await platform.gql(await platform.token('FINANCE'), query);
    expect(finance.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the rest goes on: mutations are answered and new records are read back', async () => {
    const admin = await platform.token('ADMIN');
    const site = await platform.gql(
      admin,
      'mutation { registerSite(input: { id: "par-9", name: "Paris 9", countryCode: "FR", timeZone: "Europe/Paris", powerCapacityKw: "1000", gpuInventory: [] }) { id } }',
    );
    expect(site.body).toMatchObject({ data: { registerSite: { id: 'par-9' } } });
    expect(site.body.errors).toBeUndefined();
  });

  it('the same record is refused at the door, saying the ceiling', async () => {
    const admin = await platform.token('ADMIN');
    await platform.gql(
      admin,
      'mutation { onboardTenant(input: { id: "t-door", name: "Door", countryCode: "FR" }) { id } }',
    );
    const answer = await fetch(`${platform.url}/v1/energy`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-ndjson' },
      body: `${JSON.stringify({ id: 'e-door', tenantId: 't-door', siteId: 'par-9', startedAt: '2026-03-02T10:00:00Z', endedAt: '2026-03-02T11:00:00Z', kwh: '10000000000' })}\n`,
    });
    expect(await answer.json()).toMatchObject({
      accepted: 0,
      rejected: 1,
      rejections: [
        {
          line: 1,
          code: 'BAD_USER_INPUT',
          message:
            'kwh: expected at most 1000 (1000 kW of power capacity at site par-9 × 1 h), got "10000000000"',
        },
      ],
    });
  });

  it('`cadran read-models list` and `retry` name it; retry leaves it aside while it still fails', async () => {
    await platform.stop();
    const list = await cli('read-models', 'list');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toBe(
      `${huge}\tEnergyRecorded\tenergy-bru-1\tenergy: kwh: "10000000000" is not a quantity a record may hold (a plain decimal from 0 to 7440000000)\n`,
    );
    const retry = await cli('read-models', 'retry');
    expect(retry.code).toBe(1);
    expect(retry.stdout).toMatch(/^applied 0 set-aside events; 1 still set aside\n/);
  });
});
