import { afterEach, describe, expect, it } from 'vitest';
import { drafted, signed, usageRecorded, workedRateCard } from '@cadran/domain/testing';
import {
  invoicingStreams,
  storedInvoicingEvent,
  type InvoiceDrafted,
  type InvoiceDraftData,
} from './events.js';
import { openHarness, workedSetting, type Harness } from './harness.test-support.js';
import { DEMO_OPERATOR_ENV, operatorFromEnv } from './operator.js';

let h: Harness;
afterEach(async () => h?.close());

const usageRecord = (
  recordId: string,
  startedAt: string,
  endedAt: string,
  gpuHours: string,
  contractId = 'c-mistral',
) => usageRecorded(recordId, startedAt, endedAt, gpuHours, { contractId });

const lines = (invoice: { lines: { kind: string; segmentStart: string; amount: string }[] }) =>
  invoice.lines.map((l) => `${l.kind} ${l.segmentStart} ${l.amount}`);

/** Contract c-kolkata (Asia/Kolkata: March ends 2026-03-31T18:30Z) and a record from 18:10 to 18:40. */
async function kolkata() {
  h = await openHarness();
  await workedSetting(h, { withoutContract: true });
  await h.append('contract-c-kolkata', [
    drafted({ contractId: 'c-kolkata', billingTimeZone: 'Asia/Kolkata' }),
    signed('c-kolkata'),
  ]);
  await h.append('usage-bru-1', [
    usageRecord('u-1', '2026-03-31T18:10:00Z', '2026-03-31T18:40:00Z', '30', 'c-kolkata'),
  ]);
}

describe('a boundary inside an hour (cause 1)', () => {
  it('an amendment at 21:30 takes 5/59 of a record from 20:36 to 21:35, not half of the hour', async () => {
    h = await openHarness();
    await workedSetting(h);
    const amendedAt = '2026-03-10T21:30:00Z';
    await h.append('contract-c-mistral', [
      {
        type: 'ContractAmended',
        data: {
          contractId: 'c-mistral',
          amendmentId: 'a-1',
          effectiveAt: amendedAt,
          rateCard: {
            ...workedRateCard,
            gpuRates: workedRateCard.gpuRates.map((rate) =>
              rate.gpuModel === 'GB300' ? { ...rate, onDemandPricePerGpuHour: '5.00' } : rate,
            ),
          },
          amendedAt: '2026-03-01T00:00:00Z',
        },
      },
    ]);
    await h.append('usage-bru-1', [
      usageRecord('u-1', '2026-03-10T20:36:00Z', '2026-03-10T21:35:00Z', '100'),
    ]);
    const invoice = await h.service.invoicePreview('c-mistral', '2026-03');
    // 100 × 54/59 = 91.525424 GPU-h × 4.20; 100 × 5/59 = 8.474576 × 5.00
    // (hourly buckets gave 70.338983 and 29.661017: €295.42 and €148.31)
    expect(lines(invoice)).toEqual([
      'ON_DEMAND_USAGE 2026-02-28T23:00:00Z 384.41',
      `ON_DEMAND_USAGE ${amendedAt} 42.37`,
    ]);
    expect(invoice.lines.map((l) => l.quantity)).toEqual(['91.525424', '8.474576']);
  });

  it('in Asia/Kolkata, March ends at 18:30 UTC: a record from 18:10 to 18:40 puts 2/3 in March', async () => {
    await kolkata();
    const march = await h.service.invoicePreview('c-kolkata', '2026-03');
    const april = await h.service.invoicePreview('c-kolkata', '2026-04');
    // 20 GPU-h × 4.20 in March, 10 in April (the hourly bucket split it 15/15)
    expect(lines(march)).toEqual(['ON_DEMAND_USAGE 2026-02-28T18:30:00Z 84.00']);
    expect(lines(april)).toEqual(['ON_DEMAND_USAGE 2026-03-31T18:30:00Z 42.00']);
  });
});

describe('records cut at the contract end (cause 2)', () => {
  it("an energy record running 54 h past the term is billed on the contract's next invoice", async () => {
    h = await openHarness();
    await workedSetting(h, { withoutContract: true });
    const endsAt = '2026-03-31T22:00:00Z';
    await h.append('contract-c-ending', [
      drafted({ contractId: 'c-ending', endsAt }),
      signed('c-ending'),
    ]);
    await h.append('energy-bru-1', [
      {
        type: 'EnergyRecorded',
        data: {
          recordId: 'e-1',
          tenantId: 'mistral',
          siteId: 'bru-1',
          startedAt: '2026-03-31T13:00:00Z',
          endedAt: '2026-04-03T04:00:00Z',
          kwh: '63000',
          contractId: 'c-ending',
        },
      },
    ]);
    const march = await h.service.runInvoiceBatch('2026-03');
    expect(lines(march.invoices[0]!)).toEqual(['ENERGY 2026-02-28T23:00:00Z 1242.00']);
    const april = await h.service.runInvoiceBatch('2026-04');
    expect(april.invoices.map((i) => i.contractId)).toEqual(['c-ending']);
    // 54000 kWh × 1.20 × 0.115, with the record among the line's records
    expect(lines(april.invoices[0]!)).toEqual([`ENERGY ${endsAt} 7452.00`]);
    expect(april.invoices[0]!.lines[0]!.sources.recordCount).toBe(1);
  });
});

describe('issued invoices are never re-priced', () => {
  it('an invoice issued with the old engine keeps its figures; the next invoice adjusts them', async () => {
    await kolkata();
    // March as the hourly engine priced it (15 GPU-h, €63.00), issued before this change.
    await h.service.runInvoiceBatch('2026-03');
    const drafts = await h.store.readStream(invoicingStreams.batch('2026-03'));
    const draft = (drafts.findLast((e) => e.type === 'InvoiceDrafted') as unknown as InvoiceDrafted)
      .data;
    const old: InvoiceDraftData = {
      ...draft,
      lines: [{ ...draft.lines[0]!, quantity: '15', amount: '63.00' }],
      subtotal: '63.00',
      taxAmount: '12.60',
      total: '75.60',
    };
    await h.store.appendToStream(invoicingStreams.invoiceNumbers, [
      storedInvoicingEvent({
        type: 'InvoiceIssued',
        data: {
          invoiceId: draft.invoiceId,
          number: 'INV-2026-000001',
          issuedAt: '2026-04-02T09:00:00Z',
          dueAt: '2026-05-02T09:00:00Z',
          operator: operatorFromEnv(DEMO_OPERATOR_ENV).operator,
          draft: old,
        },
      }),
    ]);

    h.at('2026-05-02T09:00:00Z');
    const april = await h.service.runInvoiceBatch('2026-04');
    const march = await h.service.runInvoiceBatch('2026-03');
    const issued = h.service.invoice('INV-2026-000001')!;
    expect(issued).toMatchObject({ status: 'ISSUED', subtotal: '63.00', total: '75.60' });
    expect(lines(issued)).toEqual(['ON_DEMAND_USAGE 2026-02-28T18:30:00Z 63.00']);
    expect(march.invoices.map((i) => [i.status, i.total])).toEqual([['ISSUED', '75.60']]);
    // April: its own 10 GPU-h, and March's correction (84.00 − 63.00) as an ADJUSTMENT line
    const adjustment = april.invoices[0]!.lines.find((l) => l.kind === 'ADJUSTMENT');
    expect(lines(april.invoices[0]!)).toEqual([
      'ON_DEMAND_USAGE 2026-03-31T18:30:00Z 42.00',
      'ADJUSTMENT 2026-02-28T18:30:00Z 21.00',
    ]);
    expect(adjustment).toMatchObject({ correctsPeriod: '2026-03', adjustsKind: 'ON_DEMAND_USAGE' });
  });
});
