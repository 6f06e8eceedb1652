import { afterEach, describe, expect, it } from 'vitest';
import { billingPeriod, recordDigest } from '@cadran/billing';
import { createReadModelQueries } from '@cadran/projections';
import {
  exampleOneMarch,
  openHarness,
  workedSetting,
  type Harness,
} from './harness.test-support.js';
import { hourlyBuckets } from './hourly-buckets.js';
import { digestRecords, directDigest, type RecordScope } from './record-provenance.js';

let h: Harness;
afterEach(async () => h?.close());

describe('direct reads of the metered read model', () => {
  it('give the buckets and digests the read-model queries give', async () => {
    h = await openHarness();
    await workedSetting(h);
    await exampleOneMarch(h);
    const db = h.store.database;
    const queries = createReadModelQueries(db);
    const { start, end } = billingPeriod('2026-03', 'Europe/Paris');
    const contractId = 'c-mistral';

    const direct = hourlyBuckets(db, queries);
    const usage = queries.usageBuckets(contractId, start, end);
    expect(usage.length).toBeGreaterThan(0);
    expect(direct.usageBuckets(contractId, start, end)).toEqual(usage);
    const energy = queries.energyBuckets(contractId, start, end);
    expect(energy.length).toBeGreaterThan(0);
    expect(direct.energyBuckets(contractId, start, end)).toEqual(energy);
    expect(() => direct.usageBuckets(contractId, end, start)).toThrow(/to/);

    const ids = Array.from({ length: 100 }, (_, i) => `c-mistral-u-${String(i).padStart(5, '0')}`);
    const scope: RecordScope = {
      kind: 'usage',
      contractId,
      from: start,
      to: end,
      gpuModel: usage[0]!.gpuModel,
    };
    const expected = { recordCount: 100, recordDigest: recordDigest(ids) };
    expect(digestRecords(queries, scope)).toEqual(expected);
    for (const chunk of [1, 7, 50, 100, 65_536])
      expect(directDigest(db, chunk)!(scope)).toEqual(expected);
    const energyScope: RecordScope = { kind: 'energy', contractId, from: start, to: end };
    expect(directDigest(db, 3)!(energyScope)).toEqual(digestRecords(queries, energyScope));
    expect(directDigest(db)!({ ...scope, contractId: 'c-unknown' })).toEqual({
      recordCount: 0,
      recordDigest: recordDigest([]),
    });
  });
});
