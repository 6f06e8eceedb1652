import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createSqliteEventStore,
  type EventStore,
  type SqliteEventStore,
} from '@cadran/event-store';
import { createReferenceView } from './reference-view.js';
import {
  SITE_ID,
  onboardTenant,
  seedReferenceData,
  signContract,
  tempDir,
} from './reference-data.test-support.js';

let temp: ReturnType<typeof tempDir>;
let store: SqliteEventStore;
let reads: { stream: string; fromRevision: bigint | undefined }[];

/** The store as the view sees it: every stream read noted, the global log out of bounds. */
const watched = (): EventStore => ({
  ...store,
  async readStream(stream, options) {
    reads.push({ stream, fromRevision: options?.fromRevision });
    return store.readStream(stream, options);
  },
  readAll: () => Promise.reject(new Error('the view read the global log')),
  subscribeToAll: () => {
    throw new Error('the view followed the global log');
  },
});

beforeEach(async () => {
  temp = tempDir();
  store = createSqliteEventStore({ path: temp.file('cadran.db'), synchronous: 'NORMAL' });
  await seedReferenceData(store);
  reads = [];
});

afterEach(async () => {
  await store.close();
  temp.remove();
});

const march = Date.parse('2026-03-01T00:00:00Z');

it('reads only the streams of the pair, then each again from past its last revision', async () => {
  // Many usage events in the log: the view never reads them.
  await store.appendToStream(
    `usage-${SITE_ID}`,
    Array.from({ length: 500 }, () => ({ type: 'GpuUsageRecorded', data: {} })),
  );
  const view = createReferenceView(watched());
  const first = await view.lookUp({ tenantId: 'mistral', siteId: SITE_ID });
  expect(first.context.tenantKnown).toBe(true);
  expect(first.context.site?.siteId).toBe(SITE_ID);
  expect(first.contractAt(march)).toBe('c-mistral');
  expect(first.contractAt(Date.parse('2025-12-31T23:59:59Z'))).toBeNull();
  expect(reads.map((read) => read.stream).sort()).toEqual([
    'contract-c-mistral',
    `site-${SITE_ID}`,
    'tenancy-mistral.bru-1',
    'tenant-mistral',
  ]);

  reads = [];
  await view.lookUp({ tenantId: 'mistral', siteId: SITE_ID });
  expect(reads.find((read) => read.stream === 'contract-c-mistral')?.fromRevision).toBe(2n);
  expect(reads.find((read) => read.stream === 'tenancy-mistral.bru-1')?.fromRevision).toBe(1n);
});

it('sees a tenant onboarded and a contract signed after its last look', async () => {
  const view = createReferenceView(watched());
  const before = await view.lookUp({ tenantId: 'kyutai', siteId: SITE_ID });
  expect(before.context.tenantKnown).toBe(false);
  expect(before.contractAt(march)).toBeNull();

  await onboardTenant(store, 'kyutai');
  await signContract(store, {
    contractId: 'c-kyutai',
    tenantId: 'kyutai',
    startsAt: '2026-02-01T00:00:00Z',
    endsAt: '2026-04-01T00:00:00Z',
  });
  await signContract(
    store,
    {
      contractId: 'c-kyutai-draft',
      tenantId: 'kyutai',
      startsAt: '2026-04-01T00:00:00Z',
      endsAt: null,
    },
    false,
  );
  const after = await view.lookUp({ tenantId: 'kyutai', siteId: SITE_ID });
  expect(after.context.tenantKnown).toBe(true);
  expect(after.contractAt(march)).toBe('c-kyutai');
  expect(after.contractAt(Date.parse('2026-04-01T00:00:00Z'))).toBeNull();
});

it('keeps nothing for ids that name no stream', async () => {
  const view = createReferenceView(watched());
  for (let n = 0; n < 3; n++) {
    const unknown = await view.lookUp({ tenantId: 'nobody', siteId: 'nowhere' });
    expect(unknown.context).toEqual({ site: null, tenantKnown: false });
  }
  // Read afresh from revision 0 each time: no follower was kept for them.
  expect(
    reads.filter((read) => read.stream === 'site-nowhere').map((read) => read.fromRevision),
  ).toEqual([0n, 0n, 0n]);
});
