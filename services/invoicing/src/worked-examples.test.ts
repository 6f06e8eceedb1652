import { afterEach, describe, expect, it } from 'vitest';
import { recordDigest } from '@cadran/billing';
import {
  exampleOneMarch,
  openHarness,
  reserve,
  workedSetting,
  type Harness,
} from './harness.test-support.js';

let h: Harness;
afterEach(async () => h?.close());

const kinds = (lines: { kind: string; amount: string }[]) =>
  lines.map((line) => `${line.kind} ${line.amount}`);

describe('worked examples end to end through the service', () => {
  it('Example 1: March 2026 billed to the French tenant, issued with every mandatory mention', async () => {
    h = await openHarness();
    await workedSetting(h);
    await exampleOneMarch(h);
    const batch = await h.service.runInvoiceBatch('2026-03');
    expect(batch).toMatchObject({
      id: 'batch-2026-03',
      status: 'DRAFT',
      subtotal: '2742826.88',
      total: '3291392.26',
    });
    const [draft] = batch.invoices;
    expect(kinds(draft!.lines)).toEqual([
      'RESERVED_CAPACITY 2358579.20',
      'ON_DEMAND_USAGE 164505.60',
      'POWER_COMMITMENT 290000.00',
      'ENERGY 165600.00',
      'SLA_CREDIT -235857.92',
    ]);
    expect(draft).toMatchObject({
      status: 'DRAFT',
      number: null,
      taxRatePercent: '20',
      taxAmount: '548565.38',
      taxNote: null,
    });
    const onDemand = draft!.lines[1]!;
    const ids = Array.from({ length: 100 }, (_, i) => `c-mistral-u-${String(i).padStart(5, '0')}`);
    expect(onDemand.sources).toMatchObject({ recordCount: 100, recordDigest: recordDigest(ids) });
    const page = h.service.invoiceLineRecords({ invoiceId: draft!.id, lineIndex: 1, limit: 60 });
    expect(page.records.map((r) => r.recordId)).toEqual(ids.slice(0, 60));
    const rest = h.service.invoiceLineRecords({
      invoiceId: draft!.id,
      lineIndex: 1,
      after: page.next,
      limit: 60,
    });
    expect(rest.records.map((r) => r.recordId)).toEqual(ids.slice(60));
    expect(rest.next).toBeNull();

    h.at('2026-04-02T09:00:00Z');
    const issued = await h.service.issueInvoices(batch.id);
    expect(issued.result.issued).toEqual(['INV-2026-000001']);
    const invoice = h.service.invoice('INV-2026-000001')!;
    expect(invoice).toMatchObject({
      status: 'ISSUED',
      issuedAt: '2026-04-02T09:00:00Z',
      dueAt: '2026-05-02T09:00:00Z',
      total: '3291392.26',
    });
    expect(invoice.mentions).toMatchObject({
      seller: { name: 'Cadran Compute SAS', siren: '912345678', vatId: 'FR74912345678' },
      buyer: {
        name: 'mistral SAS',
        countryCode: 'FR',
        vatId: 'FR12345678901',
        address: '15 rue des Halles, 75001 Paris',
      },
      number: 'INV-2026-000001',
      issueDate: '02/04/2026',
      servicePeriod: { period: '2026-03', from: '01/03/2026', to: '31/03/2026' },
      dueDate: '02/05/2026',
      netByVatRate: [{ ratePercent: '20', net: '2742826.88', vat: '548565.38' }],
      vat: '548565.38',
      total: '3291392.26',
    });
    expect(invoice.mentions!.latePaymentPenalty).toContain('12.15 %');
    expect(invoice.mentions!.recoveryIndemnity).toContain('40.00 €');
  });

  it('Example 2: the same month billed to the partner: VAT 0.00 with the art. 259-1 mention', async () => {
    h = await openHarness();
    await workedSetting(h, { billTo: 'PARTNER' });
    await exampleOneMarch(h);
    const batch = await h.service.runInvoiceBatch('2026-03');
    expect(batch.invoices[0]).toMatchObject({
      billTo: { kind: 'PARTNER', name: 'Fluidstack Ltd', countryCode: 'GB' },
      subtotal: '2742826.88',
      taxAmount: '0.00',
      total: '2742826.88',
      taxNote: 'TVA non applicable – art. 259-1 du CGI',
    });
  });

  it('Example 3: October 2026 has 745 hours in Paris', async () => {
    h = await openHarness();
    await workedSetting(h);
    await reserve(
      h,
      'c-mistral',
      'r-oct',
      'H200',
      256,
      '2026-09-30T22:00:00Z',
      '2026-10-31T23:00:00Z',
    );
    const preview = await h.service.invoicePreview('c-mistral', '2026-10');
    expect(preview.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([
      ['RESERVED_CAPACITY', '190720', '419584.00'],
    ]);
  });

  it('Example 4: a GPU-scoped incident takes 32 H200 down for 10 hours: -40550.40', async () => {
    h = await openHarness();
    await workedSetting(h);
    await reserve(
      h,
      'c-mistral',
      'r-apr',
      'H200',
      256,
      '2026-03-31T22:00:00Z',
      '2026-04-30T22:00:00Z',
    );
    await h.append('incident-i-apr', [
      {
        type: 'IncidentOpened',
        data: {
          incidentId: 'i-apr',
          siteId: 'bru-1',
          scope: 'GPUS',
          startedAt: '2026-04-14T06:00:00Z',
          description: 'PDU failure',
          impacts: [{ contractId: 'c-mistral', gpuModel: 'H200', gpuCount: 32 }],
        },
      },
      {
        type: 'IncidentResolved',
        data: { incidentId: 'i-apr', resolvedAt: '2026-04-14T16:00:00Z' },
      },
    ]);
    const preview = await h.service.invoicePreview('c-mistral', '2026-04');
    expect(kinds(preview.lines)).toEqual(['RESERVED_CAPACITY 405504.00', 'SLA_CREDIT -40550.40']);
    expect(preview.lines[1]!.sources.eventIds.length).toBeGreaterThan(0);
  });

  it('invoicePreview saves nothing', async () => {
    h = await openHarness();
    await workedSetting(h);
    await exampleOneMarch(h);
    const head = await h.store.headPosition();
    const preview = await h.service.invoicePreview('c-mistral', '2026-03');
    expect(preview.total).toBe('3291392.26');
    expect(await h.store.headPosition()).toBe(head);
    expect(h.service.invoices()).toEqual([]);
  });
});
