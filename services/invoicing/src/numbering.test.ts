import { afterEach, describe, expect, it } from 'vitest';
import { billingPeriod } from '@cadran/billing';
import { createSqliteEventStore } from '@cadran/event-store';
import type { DomainEvent } from '@cadran/domain';
import { invoicingStreams, type InvoiceIssued } from './events.js';
import { drafted, runTypeScriptChild, signed, workedRateCard } from '@cadran/domain/testing';
import { openHarness, workedSetting, type Harness } from './harness.test-support.js';

const CHILD = new URL('./issue.child.ts', import.meta.url);
const PERIODS = ['2026-01', '2026-02', '2026-03', '2026-04'];

let h: Harness | undefined;
afterEach(async () => h?.close());

/** One-month contracts, each with a reservation, so every period's batch holds only its own. */
async function monthContracts(harness: Harness, perPeriod: number) {
  for (const period of PERIODS) {
    const { start, end } = billingPeriod(period);
    for (let i = 0; i < perPeriod; i++) {
      const contractId = `c-${period}-${i}`;
      const events: DomainEvent[] = [
        drafted({ contractId, startsAt: start, endsAt: end, rateCard: workedRateCard }),
        signed(contractId),
      ];
      await harness.append(`contract-${contractId}`, events);
    }
    await harness.service.runInvoiceBatch(period);
  }
}

function runChild(dataDir: string, batchIds: string[], onLine?: (line: string) => void) {
  const child = runTypeScriptChild(CHILD, [dataDir, ...batchIds], { onLine });
  return { child: child.process, exited: child.finished };
}

async function issuedLog(path: string) {
  const store = createSqliteEventStore({ path });
  const events = await store.readStream(invoicingStreams.invoiceNumbers);
  await store.close();
  return events.map((e) => (e as unknown as InvoiceIssued).data);
}

function expectGapless(log: InvoiceIssued['data'][], total: number) {
  expect(log.map((i) => i.number)).toEqual(
    Array.from({ length: total }, (_, n) => `INV-2026-${String(n + 1).padStart(6, '0')}`),
  );
  expect(new Set(log.map((i) => i.invoiceId)).size).toBe(total);
  expect(new Set(log.map((i) => `${i.draft.contractId}/${i.draft.period}`)).size).toBe(total);
}

describe('invoice numbering', () => {
  it('two issuers racing in two processes: gapless, no duplicate, each invoice once', async () => {
    h = await openHarness();
    await workedSetting(h, { withoutContract: true });
    await monthContracts(h, 15);
    const batches = PERIODS.map((p) => `batch-${p}`);
    const a = runChild(h.dir, batches);
    const b = runChild(h.dir, [...batches].reverse());
    const [ra, rb] = await Promise.all([a.exited, b.exited]);
    expect(ra, ra.stderr).toMatchObject({ code: 0 });
    expect(rb).toMatchObject({ code: 0 });
    const log = await issuedLog(h.path);
    expectGapless(log, PERIODS.length * 15);
    // Each issue also makes every invoice's Factur-X PDF: slow on a loaded machine.
  }, 120_000);

  it('a child killed with SIGKILL in the middle of issuing leaves nothing half issued; a rerun completes', async () => {
    h = await openHarness();
    await workedSetting(h, { withoutContract: true });
    await monthContracts(h, 40);
    const batches = PERIODS.map((p) => `batch-${p}`);
    let killedAfter = 0;
    const run = runChild(h.dir, batches, () => {
      killedAfter++;
      run.child.kill('SIGKILL');
    });
    const result = await run.exited;
    expect(result.signal).toBe('SIGKILL');
    const partial = await issuedLog(h.path);
    expect(partial.length % 40).toBe(0);
    expect(killedAfter).toBeGreaterThan(0);

    const rerun = runChild(h.dir, batches);
    expect(await rerun.exited).toMatchObject({ code: 0 });
    expectGapless(await issuedLog(h.path), PERIODS.length * 40);
  }, 120_000);
});
