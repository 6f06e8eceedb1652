import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome, startTestPlatform, type Started } from './support/platform.js';

let platform: Started;
let admin: string;

beforeAll(async () => {
  platform = await startTestPlatform({ demo: true, maxWaitMs: 300 });
  admin = await platform.token('ADMIN');
});
afterAll(() => platform?.close());

const MARCH = 'from: "2026-03-01T00:00:00+01:00", to: "2026-04-01T00:00:00+02:00"';

describe('read-your-writes', () => {
  it('a mutation reports the position it wrote, and answers with what it wrote', async () => {
    const result = await platform.gql(
      admin,
      'mutation { registerPartner(input: { id: "nscale", name: "Nscale", countryCode: "GB" }) { id name } }',
    );
    expect(result.body.data).toEqual({ registerPartner: { id: 'nscale', name: 'Nscale' } });
    expect(result.body.extensions?.position).toMatch(/^\d+$/);
    const read = await platform.gql(admin, '{ partner(id: "nscale") { name } }', undefined, {
      'x-cadran-min-position': String(result.body.extensions?.position),
    });
    expect(read.body.data).toEqual({ partner: { name: 'Nscale' } });
  });

  it('usage sent as NDJSON is read back at once with x-cadran-min-position', async () => {
    const metering = await platform.token('METERING');
    const lines = [0, 1, 2].map((hour) =>
      JSON.stringify({
        id: `ryw-${hour}`,
        tenantId: 'mistral',
        siteId: 'bru-1',
        gpuModel: 'H200',
        startedAt: `2026-03-20T0${hour}:00:00Z`,
        endedAt: `2026-03-20T0${hour + 1}:00:00Z`,
        gpuHours: '12.5',
      }),
    );
    const response = await fetch(`${platform.url}/v1/usage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${metering}`, 'content-type': 'application/x-ndjson' },
      body: `${lines.join('\n')}\n`,
    });
    const answer = (await response.json()) as { accepted: number; lastPosition: string };
    expect(answer.accepted).toBe(3);
    const tenant = await platform.token('TENANT', { tenantId: 'mistral' });
    const read = await platform.gql(
      tenant,
      `{ usage(tenantId: "mistral", ${MARCH}, granularity: MONTH, timeZone: "Europe/Paris") { byModel { gpuModel gpuHours } } }`,
      undefined,
      {
        'x-cadran-min-position': answer.lastPosition,
      },
    );
    expect(read.body.data).toEqual({
      usage: {
        byModel: [
          { gpuModel: 'GB300', gpuHours: '800000' },
          { gpuModel: 'H200', gpuHours: '37.5' },
        ],
      },
    });
  });

  it('an empty NDJSON body answers lastPosition "-1", which x-cadran-min-position accepts', async () => {
    const metering = await platform.token('METERING');
    const response = await fetch(`${platform.url}/v1/usage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${metering}`, 'content-type': 'application/x-ndjson' },
      body: '',
    });
    const answer = (await response.json()) as { accepted: number; lastPosition: string };
    expect(answer).toMatchObject({ accepted: 0, lastPosition: '-1' });
    const read = await platform.gql(admin, '{ viewer { role } }', undefined, {
      'x-cadran-min-position': answer.lastPosition,
    });
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual({ viewer: { role: 'ADMIN' } });
  });

  it('a position the read models do not reach in the bounded wait is a clear 503', async () => {
    const result = await platform.gql(admin, '{ viewer { role } }', undefined, {
      'x-cadran-min-position': '9999999999',
    });
    expect(result.status).toBe(503);
    expect(outcome(result)).toBe('READ_MODEL_BEHIND');
    expect(result.body.errors?.[0]?.message).toMatch(
      /not reached position 9999999999 within 300 ms/,
    );
    expect(result.headers.get('retry-after')).toBe('1');
  });
});

describe('rebuild through the platform', () => {
  it('answers every query the same after the read models are rebuilt from the log', async () => {
    const queries = [
      '{ sites { id name powerCapacityKw gpuInventory { gpuModel count } } partners { id name vatId tenants { id } } }',
      '{ tenants { id partner { id } contracts { id status startsAt endsAt rateCard(at: "2026-03-15T00:00:00Z") { gpuRates { gpuModel reservedPricePerGpuHour onDemandPricePerGpuHour } pue powerPricePerKwMonth slaSchedule { availabilityBelowPercent creditPercent } } reservations { id gpuCount cancelled } powerCommitments { id kw } utilisation(period: "2026-03") { gpuModel reservedGpuHours usedGpuHours ratio } } } }',
      `{ usage(tenantId: "mistral", ${MARCH}, granularity: DAY) { totalGpuHours byModel { gpuModel gpuHours } series { bucketStart gpuModel gpuHours } } }`,
      `{ h: usage(tenantId: "mistral", from: "2026-03-10T00:00:00Z", to: "2026-03-11T00:00:00Z", granularity: HOUR) { series { bucketStart gpuHours } } }`,
      '{ incidents { id scope startedAt resolvedAt description impacts { gpuCount } } siteCapacity(siteId: "bru-1", at: "2026-03-15T00:00:00Z") { committedKw gpus { gpuModel installed reserved available } } }',
      '{ capacityCommitments(at: "2026-03-15T00:00:00Z") { site { id } tenant { id } contract { id } reservedGpus { gpuModel count } committedKw } }',
    ];
    const answers = async () =>
      Promise.all(queries.map(async (query) => (await platform.gql(admin, query)).body));
    const before = await answers();
    for (const answer of before) expect(answer.errors).toBeUndefined();
    expect(JSON.stringify(before)).toContain('800000');
    await platform.rebuild();
    expect(await answers()).toEqual(before);
  });
});
