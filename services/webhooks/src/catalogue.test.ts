import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@cadran/event-store';
import { notificationsOf, type CatalogueLookups } from './catalogue.js';

const none: CatalogueLookups = {
  contract: () => undefined,
  contractsAtSite: () => [],
  incidentAudience: () => undefined,
  issuedFor: () => undefined,
};
const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: '0190f0a0-0000-7000-8000-000000000001',
  streamName: 'receivables',
  type,
  data: data as RecordedEvent['data'],
  metadata: {},
  streamRevision: 0n,
  globalPosition: 42n,
});

describe('catalogue', () => {
  it('tells a partner billed for late charges, and nobody else', () => {
    const [notice] = notificationsOf(
      recorded('LateChargesInvoiced', {
        documentId: 'lpc-1',
        number: 'LPC-2026-000001',
        invoiceId: 'inv-1',
        invoiceNumber: 'INV-2026-000001',
        party: { kind: 'PARTNER', partyId: 'fluidstack' },
        interest: '5.71',
        indemnity: '40.00',
        total: '45.71',
        issuedAt: '2026-06-01T09:00:00Z',
      }),
      none,
    );
    expect(notice).toMatchObject({
      id: 'late_charges.invoiced:lpc-1',
      type: 'late_charges.invoiced',
      position: 42n,
      audience: { tenantIds: [], partnerIds: ['fluidstack'] },
      data: { number: 'LPC-2026-000001', total: '45.71' },
    });
  });

  it('links a credit note to its documents when the platform serves them', () => {
    const [notice] = notificationsOf(
      recorded('CreditNoteIssued', {
        creditNoteId: 'cn-1',
        number: 'CN-2026-000001',
        invoiceId: 'inv-1',
        invoiceNumber: 'INV-2026-000001',
        contractId: 'c-mistral',
        tenantId: 'mistral',
        subtotal: '10.00',
        taxAmount: '2.00',
        total: '12.00',
        issuedAt: '2026-04-10T09:00:00Z',
      }),
      none,
      { documentLinks: (of, number) => ({ facturx: `/${of}/${number}.pdf` }) },
    );
    expect(notice!.data.documents).toEqual({ facturx: '/CREDIT_NOTE/CN-2026-000001.pdf' });
    expect(notice!.audience).toEqual({ tenantIds: ['mistral'], partnerIds: [] });
  });
});
