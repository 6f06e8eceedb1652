/**
 * SIMULATION: invoicing on the EventStoreDB adapter against a SIMULATED EventStoreDB node
 * (@cadran/event-store/simulation), not EventStoreDB, with a small maximum append size so that a
 * month's drafts and invoices do not fit one append, as 600+ contracts do not fit the server's
 * default 1 MiB (finding 7 of the EventStoreDB review).
 */
import { startSimulatedEsdb, type SimulatedEsdbNode } from '@cadran/event-store/simulation';
import { afterEach, describe, expect, it } from 'vitest';
import {
  openHarness,
  reserve,
  workedContract,
  workedSetting,
  type Harness,
} from './harness.test-support.js';

const MAX_APPEND_SIZE = 8 * 1024;
let h: Harness | undefined;
let node: SimulatedEsdbNode | undefined;
afterEach(async () => {
  await h?.close();
  await node?.stop();
});

describe('SIMULATION: invoicing batches larger than the maximum append size', () => {
  it('drafts and issues every contract of the month in appends that each fit, numbers gapless', async () => {
    node = await startSimulatedEsdb({ maxAppendSize: MAX_APPEND_SIZE });
    h = await openHarness(undefined, {
      esdb: {
        connectionString: node.connectionString,
        maxAppendSize: MAX_APPEND_SIZE,
      },
    });
    await workedSetting(h);
    const contracts = Array.from({ length: 14 }, (_, i) => `c-${String(i).padStart(2, '0')}`);
    for (const contractId of contracts) {
      await workedContract(h, contractId, `tenant-${contractId}`);
      await reserve(
        h,
        contractId,
        `r-${contractId}`,
        'H200',
        2,
        '2026-02-28T23:00:00Z',
        '2026-03-31T22:00:00Z',
      );
    }
    const batch = await h.service.runInvoiceBatch('2026-03');
    expect(batch.invoices).toHaveLength(15);
    const drafts = node.records.filter((record) => record.type === 'InvoiceDrafted');
    expect(drafts.reduce((total, record) => total + record.data.length, 0)).toBeGreaterThan(
      MAX_APPEND_SIZE,
    );

    const issued = await h.service.issueInvoices('batch-2026-03');
    expect(issued.result.issued).toEqual(
      Array.from({ length: 15 }, (_, i) => `INV-2026-${String(i + 1).padStart(6, '0')}`),
    );
    expect(issued.status).toBe('ISSUED');
    expect((await h.service.runInvoiceBatch('2026-03')).position).toBeNull();
    expect((await h.service.issueInvoices('batch-2026-03')).result.issued).toEqual([]);
  });
});
