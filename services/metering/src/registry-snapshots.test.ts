import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sqlite } from '@cadran/event-store';
import { fingerprintFilterFor } from './fingerprint-filter.js';
import { createRegistrySnapshots } from './registry-snapshots.js';
import { tempDir } from './reference-data.test-support.js';

let temp: ReturnType<typeof tempDir>;
let db: Database;

beforeEach(() => {
  temp = tempDir();
  db = new Sqlite(temp.file('registry.db'));
});

afterEach(() => {
  db.close();
  temp.remove();
});

/** A deterministic stream of 32-bit numbers. */
function numbers(seed: number) {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state;
  };
}

describe('registry snapshots', () => {
  it('finds every saved fingerprint with its claims, across chunks and shared high halves', () => {
    const next = numbers(7);
    const entries: number[] = [];
    // 3,000 fingerprints of which 1,500 share one high half (more than a chunk holds), and one
    // fingerprint claimed twice.
    for (let i = 0; i < 3_000; i++) entries.push(i % 2 === 0 ? 0xdead_beef : next(), next(), i);
    entries.push(entries[0]!, entries[1]!, 9_999);
    const snapshots = createRegistrySnapshots(db);
    const run = snapshots.save(
      'usage',
      -1,
      9_999,
      new Map([['usage-bru-1', 3_000]]),
      Uint32Array.from(entries),
    );

    for (let i = 1; i < 3_000; i++)
      expect(run.claimsOf(entries[3 * i]!, entries[3 * i + 1]!)).toEqual([i]);
    expect(run.claimsOf(entries[0]!, entries[1]!).sort((a, b) => a - b)).toEqual([0, 9_999]);
    expect(run.claimsOf(0xdead_beef, 12345)).toEqual([]);

    const restored = snapshots.load('usage')!;
    expect(restored.revision).toBe(9_999);
    expect(restored.sites).toEqual(new Map([['usage-bru-1', 3_000]]));
    expect(restored.runs).toHaveLength(1);
    expect(restored.runs[0]!.claimsOf(entries[3 * 41]!, entries[3 * 41 + 1]!)).toEqual([41]);
    expect(snapshots.load('energy')).toBeUndefined();
  });

  it('drops the runs of the earlier layout (one blob of every fingerprint): the claims are folded again', () => {
    db.exec(`CREATE TABLE metering_claim_runs (run INTEGER PRIMARY KEY, kind TEXT NOT NULL,
      after INTEGER NOT NULL, revision INTEGER NOT NULL, sites TEXT NOT NULL, entries BLOB NOT NULL)`);
    db.prepare("INSERT INTO metering_claim_runs VALUES (1, 'usage', -1, 5, '{}', x'00')").run();
    const snapshots = createRegistrySnapshots(db);
    expect(snapshots.load('usage')).toBeUndefined();
    snapshots.save('usage', -1, 0, new Map(), Uint32Array.from([1, 2, 0]));
    expect(snapshots.load('usage')!.revision).toBe(0);
  });
});

describe('fingerprint filter', () => {
  it('never misses a fingerprint it holds, and answers "maybe" for under 0.3 % of the others', () => {
    const next = numbers(11);
    const held = Array.from({ length: 100_000 }, () => [next(), next()] as const);
    const filter = fingerprintFilterFor(held.length);
    for (const [hi, lo] of held) filter.add(hi, lo);
    expect(held.every(([hi, lo]) => filter.mayHold(hi, lo))).toBe(true);
    let maybe = 0;
    for (let i = 0; i < 100_000; i++) if (filter.mayHold(next(), next())) maybe++;
    expect(maybe).toBeLessThan(300);
    expect(filter.words.byteLength).toBe(200_000);
  });
});
