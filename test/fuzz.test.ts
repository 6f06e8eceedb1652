import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Started } from './support/platform.js';

/**
 * Hostile and careless clients, generated: thousands of GraphQL documents and variables and NDJSON
 * lines against the started platform. Whatever comes in, no answer is a 500, the process stays up
 * and /healthz is ok after.
 */
let platform: Started;
let admin: string;
const statuses = new Map<number, number>();
const fiveHundreds: string[] = [];

beforeAll(async () => {
  platform = await startTestPlatform();
  admin = await platform.token('ADMIN');
});
afterAll(() => platform?.close());

const FIELDS = [
  'viewer { role }',
  'sites { id name gpuInventory { gpuModel count } }',
  'tenants { id }',
  'contracts { id status }',
  'usage(tenantId: $t, from: $f, to: $u, granularity: $g) { totalGpuHours }',
  'siteCapacity(siteId: $s, at: $f) { siteId }',
  'invoices(period: $p) { id }',
  'setAsideEvents { position }',
];
const MUTATIONS = [
  'registerSite(input: $i) { id }',
  'onboardTenant(input: $i) { id }',
  'recordGpuUsage(records: $r) { accepted }',
  'recordEnergy(records: $r) { accepted }',
  'runInvoiceBatch(period: $p) { id }',
];
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    '\u0000',
    '\u202e',
    '=cmd',
    '9'.repeat(400),
    '-1',
    '1e309',
    'NaN',
    '2099-01-01T00:00:00Z',
    '1000-01',
    '9999-12-31T23:59:59-23:59',
    '0000-00-00T00:00:00Z',
    '10000000000',
    '{',
    '"',
    '\\',
  ),
);
const value = fc.oneof(hostileText, fc.jsonValue({ maxDepth: 3 }));
const variables = fc.dictionary(
  fc.constantFrom('t', 'f', 'u', 'g', 's', 'p', 'i', 'r', 'x'),
  value,
  {
    maxKeys: 6,
  },
);
const selection = fc.array(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: 3 });
const document = fc.oneof(
  selection.map(
    (fields) =>
      `query Q($t: ID!, $f: DateTime!, $u: DateTime!, $g: UsageGranularity, $s: ID!, $p: Period) { ${fields.join(' ')} }`,
  ),
  fc
    .constantFrom(...MUTATIONS)
    .map(
      (field) =>
        `mutation M($i: ${field.startsWith('registerSite') ? 'RegisterSiteInput!' : 'OnboardTenantInput!'}, $r: [GpuUsageInput!]!, $p: Period!) { ${field} }`,
    ),
  fc.string({ maxLength: 200 }),
  fc.nat({ max: 600 }).map((depth) => `${'{ viewer '.repeat(depth)}${'}'.repeat(depth)}`),
  fc.constantFrom(
    'subscription { x }',
    '{ __schema { types { name } } }',
    'query { a: viewer { role } b: viewer { role } }',
  ),
);
const graphqlBody = fc.oneof(
  { weight: 8, arbitrary: fc.record({ query: document, variables }).map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
);
const record = fc.record(
  {
    id: value,
    tenantId: value,
    siteId: value,
    gpuModel: value,
    startedAt: value,
    endedAt: value,
    gpuHours: value,
    kwh: value,
  },
  { requiredKeys: [] },
);
const ndjsonLine = fc.oneof(
  record.map((r) => JSON.stringify(r)),
  fc.string({ maxLength: 100 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
);

const note = (status: number, what: string) => {
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  if (status >= 500) fiveHundreds.push(`${status}: ${what.slice(0, 300)}`);
};

describe('fuzz: generated hostile input against the started platform', { timeout: 120_000 }, () => {
  it('GraphQL: 2,000 documents and variables, none answered 500', async () => {
    const bodies = fc.sample(graphqlBody, { numRuns: 2000, seed: 8 });
    for (let at = 0; at < bodies.length; at += 16) {
      await Promise.all(
        bodies.slice(at, at + 16).map(async (body) => {
          const response = await fetch(platform.graphqlUrl, {
            method: 'POST',
            headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
            body,
          });
          await response.arrayBuffer();
          note(response.status, body);
        }),
      );
    }
    expect(fiveHundreds).toEqual([]);
  });

  it('NDJSON: 4,000 lines to /v1/usage and /v1/energy, none answered 500', async () => {
    const lines = fc.sample(ndjsonLine, { numRuns: 4000, seed: 15 });
    for (let at = 0; at < lines.length; at += 250) {
      for (const path of ['/v1/usage', '/v1/energy']) {
        const body = `${lines.slice(at, at + 250).join('\n')}\n`;
        const response = await fetch(`${platform.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-ndjson' },
          body,
        });
        await response.arrayBuffer();
        note(response.status, `${path} ${body}`);
      }
    }
    expect(fiveHundreds).toEqual([]);
  });

  it('the platform is healthy after', async () => {
    const health = await fetch(`${platform.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect([...statuses.keys()].every((status) => status < 500)).toBe(true);
  });
});
