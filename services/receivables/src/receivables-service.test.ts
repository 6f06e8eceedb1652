import { readFileSync } from 'node:fs';
import { tempDir } from '@cadran/domain/testing';
import { createSqliteEventStore } from '@cadran/event-store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReceivablesService, type ReceivablesService } from './receivables-service.js';

const camt = readFileSync(
  new URL('../../../packages/receivables/fixtures/camt053-2026-05-02.xml', import.meta.url),
  'utf8',
);

/**
 * `InvoiceIssued` as invoicing appends it to `invoice-numbers` (the fields receivables reads): the
 * events are the contract between the two services; the platform test issues real ones.
 */
const issued = (
  number: string,
  total: string,
  billTo: { kind: string; partyId: string; name: string },
) => ({
  type: 'InvoiceIssued',
  data: {
    invoiceId: `id-${number}`,
    number,
    issuedAt: '2026-04-01T08:00:00Z',
    dueAt: '2026-04-30T22:00:00Z',
    operator: { timeZone: 'Europe/Paris', latePaymentPenaltyRatePercent: '12.15' },
    draft: { tenantId: 'mistral', total, billTo },
  },
  metadata: { schemaVersion: 1 },
});

describe('receivables service on a real SQLite log', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: ReturnType<typeof createSqliteEventStore>;
  let service: ReceivablesService;
  let now = '2026-05-03T08:00:00Z';

  beforeEach(async () => {
    dir = tempDir('cadran-receivables-');
    store = createSqliteEventStore({ path: dir.file('cadran.db'), synchronous: 'NORMAL' });
    await store.appendToStream(
      'invoice-numbers',
      [
        issued('INV-2026-000001', '2400.00', {
          kind: 'TENANT',
          partyId: 'mistral',
          name: 'Mistral AI',
        }),
        issued('INV-2026-000002', '600.00', {
          kind: 'PARTNER',
          partyId: 'fluidstack',
          name: 'Fluidstack',
        }),
      ],
      { expectedRevision: 'no_stream' },
    );
    service = createReceivablesService({
      store,
      readDb: store.database,
      clock: () => now,
      timeZone: 'Europe/Paris',
      newId: () => 'doc-1',
    });
  });
  afterEach(async () => {
    await service.close();
    await store.close();
    dir.remove();
  });

  it('imports a camt.053 once: matched entries allocated, the rest waiting; again writes nothing', async () => {
    const first = await service.importStatement({ format: 'CAMT053', content: camt });
    expect(first.newPayments).toHaveLength(5);
    expect(first.position).toBeGreaterThan(0n);
    const head = await store.headPosition();
    const again = await service.importStatement({ format: 'CAMT053', content: camt });
    expect(again.position).toBe(-1n);
    expect(await store.headPosition()).toBe(head);

    expect(service.invoice('INV-2026-000001')).toMatchObject({
      status: 'OVERDUE',
      paid: '1500.00',
      remaining: '900.00',
    });
    expect(service.invoice('INV-2026-000002')).toMatchObject({ status: 'PAID', remaining: '0.00' });
    expect(service.payments(null).map((p) => [p.id, p.state])).toEqual([
      ['bank-2612200145873003', 'UNMATCHED'],
      ['bank-2612200145873006-B', 'UNMATCHED'],
    ]);
  });

  it('allocates an unmatched payment by hand, and a returned payment reopens its invoice', async () => {
    await service.importStatement({ format: 'CAMT053', content: camt });
    await service.allocatePayment({
      paymentId: 'bank-2612200145873003',
      invoices: [{ invoice: 'INV-2026-000001' }],
    });
    expect(service.payments(null).map((p) => p.id)).toEqual(['bank-2612200145873006-B']);
    expect(service.invoice('INV-2026-000001')).toMatchObject({ remaining: '650.00' });

    now = '2026-05-06T08:00:00Z';
    await service.returnPayment({
      paymentId: 'bank-2612200145873001',
      reason: 'AC04 account closed',
      returnDate: '2026-05-06',
    });
    expect(service.invoice('INV-2026-000001')).toMatchObject({
      paid: '750.00',
      remaining: '1650.00',
    });
    expect(service.payment('bank-2612200145873001')).toMatchObject({
      state: 'RETURNED',
      allocations: [{ reversed: true }],
    });
    expect(
      service.statement({ kind: 'TENANT', partyId: 'mistral' }, '2026-05-01', '2026-05-31'),
    ).toMatchObject({
      openingBalance: '2400.00',
      closingBalance: '1650.00',
    });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const head = await store.headPosition();
    await expect(
      service.recordPayment({
        amount: '12.345',
        valueDate: '2026-05-02',
        payerName: 'X',
        id: 'p1',
      }),
    ).rejects.toThrow(/amount: expected a positive amount/);
    await expect(service.importStatement({ format: 'CAMT053', content: '<x/>' })).rejects.toThrow(
      /statement: expected/,
    );
    expect(await store.headPosition()).toBe(head);
  });
});
