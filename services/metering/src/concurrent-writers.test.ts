import { afterEach, beforeEach, expect, it } from 'vitest';
import { runTypeScriptChild } from '@cadran/domain/testing';
import { createSqliteEventStore, type SqliteEventStore } from '@cadran/event-store';
import { SITE_ID, seedReferenceData, tempDir } from './reference-data.test-support.js';

const CHILD = new URL('./ingest.child.ts', import.meta.url);

let temp: ReturnType<typeof tempDir>;
let store: SqliteEventStore;

beforeEach(async () => {
  temp = tempDir();
  store = createSqliteEventStore({ path: temp.file('cadran.db'), synchronous: 'NORMAL' });
  await seedReferenceData(store);
});

afterEach(async () => {
  await store.close();
  temp.remove();
});

type Totals = { accepted: number; duplicates: number; rejected: number };

function startWriter(from: number, to: number) {
  const child = runTypeScriptChild(
    CHILD,
    [temp.file('cadran.db'), String(from), String(to), '250'],
    { stderr: 'inherit' },
  );
  return {
    ready: child.nextLine(),
    go: () => child.process.stdin!.end('go\n'),
    totals: async () => {
      const totals = JSON.parse(await child.nextLine()) as Totals;
      expect((await child.exited).code).toBe(0);
      return totals;
    },
  };
}

it('two processes sending overlapping records at once: each record is in the log once, each told the truth', async () => {
  const a = startWriter(0, 10_000);
  const b = startWriter(2_000, 12_000);
  expect([await a.ready, await b.ready]).toEqual(['ready', 'ready']);
  a.go();
  b.go();
  const [totalsA, totalsB] = await Promise.all([a.totals(), b.totals()]);

  const events = await store.readStream(`usage-${SITE_ID}`);
  const ids = events.map((e) => e.data.recordId);
  expect({ a: totalsA, b: totalsB, logged: ids.length }).toMatchObject({
    a: { rejected: 0 },
    b: { rejected: 0 },
    logged: 12_000,
  });
  expect(new Set(ids).size).toBe(12_000);
  expect(totalsA.accepted + totalsB.accepted).toBe(12_000);
  expect(totalsA.duplicates + totalsB.duplicates).toBe(8_000);
  expect(totalsA.accepted + totalsA.duplicates).toBe(10_000);
});
