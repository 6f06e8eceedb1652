import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '@cadran/domain';
import {
  openHarness,
  reserve,
  usage,
  workedContract,
  workedSetting,
  type Harness,
} from './harness.test-support.js';

let h: Harness;
afterEach(async () => h?.close());

const refusal = (code: string, field?: string) =>
  expect.objectContaining({ code, ...(field ? { field } : {}) });

describe('invoice batches', () => {
  it('running a batch again changes nothing, issued invoices are never drafted again', async () => {
    h = await openHarness();
    await workedSetting(h);
    await workedContract(h, 'c-two', 'tenant-two');
    await reserve(h, 'c-mistral', 'r1', 'H200', 10, '2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z');
    await reserve(h, 'c-two', 'r2', 'H200', 5, '2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z');
    const first = await h.service.runInvoiceBatch('2026-03');
    expect(first.invoices.map((i) => [i.contractId, i.total])).toEqual([
      ['c-mistral', '19615.20'],
      ['c-two', '9807.60'],
    ]);
    const head = await h.store.headPosition();
    const { position, ...firstView } = first;
    expect(position).toBe(head);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 }), async (runs) => {
        for (let i = 0; i < runs; i++)
          expect((await h.service.runInvoiceBatch('2026-03')).position).toBeNull();
        expect(await h.store.headPosition()).toBe(head);
        expect(h.service.invoiceBatch('batch-2026-03')).toEqual(firstView);
      }),
      { numRuns: 3 },
    );

    const issued = await h.service.issueInvoices('batch-2026-03');
    expect(issued.result.issued).toEqual(['INV-2026-000001', 'INV-2026-000002']);
    expect(issued.status).toBe('ISSUED');
    const again = await h.service.issueInvoices('batch-2026-03');
    expect(again.result).toMatchObject({ issued: [], alreadyIssued: 2 });
    expect(again.result.message).toContain('already issued');

    await h.service.runInvoiceBatch('2026-03');
    expect(h.service.invoices({ period: '2026-03' }).map((i) => i.number)).toEqual([
      'INV-2026-000001',
      'INV-2026-000002',
    ]);
    expect(h.service.invoices({ status: 'DRAFT' })).toEqual([]);
    expect(h.service.invoices({ tenantId: 'tenant-two' }).map((i) => i.number)).toEqual([
      'INV-2026-000002',
    ]);
  });

  it('keeps the progress of a run: seen mid-run through the pricing loop, at the total at the end', async () => {
    h = await openHarness();
    await workedSetting(h);
    await workedContract(h, 'c-two', 'tenant-two');
    expect(await h.service.invoiceBatchProgress('2026-03')).toBeNull();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let paused!: () => void;
    const firstPriced = new Promise<void>((resolve) => (paused = resolve));
    const reports: string[] = [];
    const run = h.service.runInvoiceBatch('2026-03', async (done, total) => {
      reports.push(`${done}/${total}`);
      if (done === 1) {
        paused();
        await held;
      }
    });
    await firstPriced;
    expect(await h.service.invoiceBatchProgress('2026-03')).toEqual({
      period: '2026-03',
      priced: 1,
      total: 2,
      running: true,
      startedAt: '2026-04-02T09:00:00Z',
      finishedAt: null,
    });
    h.at('2026-04-02T09:00:05Z');
    release();
    expect((await run).invoices).toHaveLength(2);
    expect(reports).toEqual(['0/2', '1/2', '2/2']);
    expect(await h.service.invoiceBatchProgress('2026-03')).toMatchObject({
      priced: 2,
      total: 2,
      running: false,
      finishedAt: '2026-04-02T09:00:05Z',
    });
    expect(await h.service.invoiceBatchProgress('2026-04')).toBeNull();
    await expect(h.service.invoiceBatchProgress('2026-3')).rejects.toThrow(
      refusal('BAD_USER_INPUT', 'period'),
    );
  });

  it('refuses bad input with clear errors', async () => {
    h = await openHarness();
    await workedSetting(h);
    await expect(h.service.runInvoiceBatch('2026-13')).rejects.toEqual(
      refusal('BAD_USER_INPUT', 'period'),
    );
    await expect(h.service.runInvoiceBatch('March')).rejects.toThrow(
      /expected a month as "YYYY-MM"/,
    );
    // The years the API's Period takes, the command line's too (1999 passed a ≥ 1970 check before).
    await expect(h.service.runInvoiceBatch('1999-12')).rejects.toThrow(
      /period: expected a month as "YYYY-MM" from 2000-01 to 2999-12/,
    );
    expect(() => h.service.invoices({ period: '3000-01' })).toThrow(
      /period: expected a month as "YYYY-MM" from 2000-01 to 2999-12/,
    );
    await expect(h.service.issueInvoices('batch-2026-05')).rejects.toEqual(
      refusal('NOT_FOUND', 'batchId'),
    );
    await expect(h.service.issueInvoices('nope')).rejects.toEqual(
      refusal('BAD_USER_INPUT', 'batchId'),
    );
    await expect(h.service.invoicePreview('c-nobody', '2026-03')).rejects.toEqual(
      refusal('NOT_FOUND', 'contractId'),
    );
    await expect(
      h.service.issueCreditNote({ invoiceId: 'INV-2026-000009', reason: 'x' }),
    ).rejects.toEqual(refusal('NOT_FOUND', 'invoiceId'));
  });

  it('credit notes: VAT at the invoice rate, never more than what remains, idempotent by id', async () => {
    h = await openHarness();
    await workedSetting(h);
    await reserve(h, 'c-mistral', 'r1', 'H200', 10, '2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z');
    await h.service.runInvoiceBatch('2026-03');
    await h.service.issueInvoices('batch-2026-03');
    // 10 × 743 × 2.20 = 16346.00 net, 3269.20 VAT
    const first = await h.service.issueCreditNote({
      id: 'cn-a',
      invoiceId: 'INV-2026-000001',
      reason: 'goodwill',
      amount: '1000.05',
    });
    expect(first).toMatchObject({
      number: 'CN-2026-000001',
      subtotal: '1000.05',
      taxAmount: '200.01',
      total: '1200.06',
      taxRatePercent: '20',
    });
    expect(first.position).toBe(await h.store.headPosition());
    expect(
      await h.service.issueCreditNote({
        id: 'cn-a',
        invoiceId: 'INV-2026-000001',
        reason: 'goodwill',
        amount: '1000.05',
      }),
    ).toEqual({ ...first, position: null });
    expect(h.service.creditNote('CN-2026-000001')).toMatchObject({ id: 'cn-a', total: '1200.06' });
    await expect(
      h.service.issueCreditNote({
        id: 'cn-a',
        invoiceId: 'INV-2026-000001',
        reason: 'other',
        amount: '1',
      }),
    ).rejects.toEqual(refusal('CONFLICT', 'id'));
    const before = await h.store.headPosition();
    await expect(
      h.service.issueCreditNote({
        invoiceId: 'INV-2026-000001',
        reason: 'too much',
        amount: '15345.96',
      }),
    ).rejects.toThrow(/more than what remains of the invoice: at most 15345.95 net/);
    expect(await h.store.headPosition()).toBe(before);
    const rest = await h.service.issueCreditNote({
      invoiceId: 'INV-2026-000001',
      reason: 'cancel the rest',
    });
    expect(rest).toMatchObject({
      number: 'CN-2026-000002',
      subtotal: '15345.95',
      taxAmount: '3069.19',
    });
    await expect(
      h.service.issueCreditNote({ invoiceId: 'INV-2026-000001', reason: 'more' }),
    ).rejects.toEqual(refusal('BAD_USER_INPUT', 'amount'));
    expect(h.service.invoice('INV-2026-000001')!.creditNotes.map((c) => c.number)).toEqual([
      'CN-2026-000001',
      'CN-2026-000002',
    ]);
    expect(first).not.toBeInstanceOf(DomainError);
  });

  it('usage recorded for an issued month becomes an ADJUSTMENT line naming it on the next invoice', async () => {
    h = await openHarness();
    await workedSetting(h);
    await reserve(h, 'c-mistral', 'r1', 'H200', 10, '2026-02-28T23:00:00Z', '2026-04-30T22:00:00Z');
    await usage(h, 'c-mistral', 'mar', 10, '1', '2026-03-05T00:00:00Z', 'H200');
    await h.service.runInvoiceBatch('2026-03');
    await h.service.issueInvoices('batch-2026-03');
    const march = h.service.invoice('INV-2026-000001')!;
    expect(march.lines.map((l) => l.kind)).toEqual(['RESERVED_CAPACITY']);

    // 8000 late H200 GPU-hours: 8010 used, 7430 reserved, 580 on demand at 3.00 = 1740.00
    await usage(h, 'c-mistral', 'late', 8, '1000', '2026-03-20T00:00:00Z', 'H200');
    h.at('2026-05-02T09:00:00Z');
    const april = await h.service.runInvoiceBatch('2026-04');
    const adjustments = april.invoices[0]!.lines.filter((l) => l.kind === 'ADJUSTMENT');
    expect(adjustments).toHaveLength(1);
    expect(adjustments[0]).toMatchObject({
      correctsPeriod: '2026-03',
      adjustsKind: 'ON_DEMAND_USAGE',
      amount: '1740.00',
    });
    expect(adjustments[0]!.description).toContain('2026-03');
    expect(adjustments[0]!.sources.recordCount).toBe(18);
    await h.service.issueInvoices('batch-2026-04');

    // Once billed, the adjustment is part of what March was billed: May corrects nothing more.
    h.at('2026-06-02T09:00:00Z');
    const may = await h.service.runInvoiceBatch('2026-05');
    expect(may.invoices.flatMap((i) => i.lines).filter((l) => l.kind === 'ADJUSTMENT')).toEqual([]);
  });

  it('a draft priced before an earlier invoice of its contract was issued must be re-run', async () => {
    h = await openHarness();
    await workedSetting(h);
    await reserve(h, 'c-mistral', 'r1', 'H200', 10, '2026-02-28T23:00:00Z', '2026-04-30T22:00:00Z');
    h.at('2026-05-02T09:00:00Z');
    await h.service.runInvoiceBatch('2026-03');
    await h.service.runInvoiceBatch('2026-04');
    await h.service.issueInvoices('batch-2026-03');
    await expect(h.service.issueInvoices('batch-2026-04')).rejects.toEqual(refusal('CONFLICT'));
    await h.service.runInvoiceBatch('2026-04');
    expect((await h.service.issueInvoices('batch-2026-04')).result.issued).toEqual([
      'INV-2026-000002',
    ]);
  });
});

describe('the months a batch may be run and issued for (operator time zone Europe/Paris)', () => {
  it('runs a month once it has started there, and issues it once it has ended there', async () => {
    h = await openHarness();
    await workedSetting(h);
    await reserve(h, 'c-mistral', 'r1', 'H200', 10, '2026-02-28T23:00:00Z', '2026-05-31T22:00:00Z');
    // 22:00 UTC on 30 April is midnight on 1 May in Paris.
    h.at('2026-04-30T21:59:59Z');
    await expect(h.service.runInvoiceBatch('2026-05')).rejects.toThrow(
      'period: expected a month that has started in Europe/Paris (the current month there is 2026-04), got "2026-05"',
    );
    await expect(h.service.runInvoiceBatch('2026-05')).rejects.toEqual(
      refusal('BAD_USER_INPUT', 'period'),
    );
    const april = await h.service.runInvoiceBatch('2026-04');
    expect(april.invoices).toHaveLength(1);
    await expect(h.service.issueInvoices('batch-2026-04')).rejects.toThrow(
      'batchId: expected the batch of a month that has ended in Europe/Paris (the current month there is 2026-04; 2026-04 can be issued from 2026-04-30T22:00:00Z, its end), got "batch-2026-04"',
    );
    expect(h.service.invoices({ status: 'ISSUED' })).toEqual([]);

    h.at('2026-04-30T22:00:00Z');
    expect((await h.service.runInvoiceBatch('2026-05')).invoices).toHaveLength(1);
    expect((await h.service.issueInvoices('batch-2026-04')).result.issued).toEqual([
      'INV-2026-000001',
    ]);
    await expect(h.service.issueInvoices('batch-2026-05')).rejects.toEqual(
      refusal('BAD_USER_INPUT', 'batchId'),
    );
    await expect(h.service.runInvoiceBatch('2026-06')).rejects.toEqual(
      refusal('BAD_USER_INPUT', 'period'),
    );
  });
});
