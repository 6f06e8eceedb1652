import { afterEach, describe, expect, it } from 'vitest';
import { billingPeriod, recordDigest } from '@cadran/billing';
import { createReadModelQueries } from '@cadran/projections';
import {
  exampleOneMarch,
  openHarness,
  workedSetting,
  type Harness,
} from './harness.test-support.js';
import { digestRecords, type RecordScope } from './record-provenance.js';

let h: Harness;
afterEach(async () => h?.close());

describe('record digests through the projections', () => {
  it('hash the sorted ids of the scope, whatever the chunk', async () => {
    h = await openHarness();
    await workedSetting(h);
    await exampleOneMarch(h);
    const queries = createReadModelQueries(h.db);
    const { start, end } = billingPeriod('2026-03', 'Europe/Paris');
    const contractId = 'c-mistral';
    const usage = queries.usageBuckets(contractId, start, end);
    expect(usage.length).toBeGreaterThan(0);

    const ids = Array.from({ length: 100 }, (_, i) => `c-mistral-u-${String(i).padStart(5, '0')}`);
    const scope: RecordScope = {
      kind: 'usage',
      contractId,
      from: start,
      to: end,
      gpuModel: usage[0]!.gpuModel,
    };
    const expected = { recordCount: 100, recordDigest: recordDigest(ids) };
    for (const chunk of [1, 7, 50, 100, 65_536])
      expect(digestRecords(queries, scope, chunk)).toEqual(expected);
    const energyScope: RecordScope = { kind: 'energy', contractId, from: start, to: end };
    const energyIds = queries
      .energyRecords({ contractId, from: start, to: end, limit: 1000 })
      .map((r) => r.recordId);
    expect(digestRecords(queries, energyScope, 3)).toEqual({
      recordCount: energyIds.length,
      recordDigest: recordDigest(energyIds),
    });
    expect(digestRecords(queries, { ...scope, contractId: 'c-unknown' })).toEqual({
      recordCount: 0,
      recordDigest: recordDigest([]),
    });
  });
});
