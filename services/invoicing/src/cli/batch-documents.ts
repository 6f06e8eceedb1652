import { zipSync } from 'fflate';
import type { InvoiceBatchView } from '../invoice-views.js';
import type { InvoicingService } from '../invoicing-service.js';

/** The zip's entries carry this date, not the time of the run: the same batch gives the same zip. */
const ENTRY_DATE = new Date('2000-01-01T00:00:00Z');

/** Every issued invoice's Factur-X PDF and CII XML, in number order, as one zip. */
export async function batchDocuments(service: InvoicingService, batch: InvoiceBatchView) {
  const issued = batch.invoices
    .filter((invoice) => invoice.number !== null)
    .sort((a, b) => (a.number! < b.number! ? -1 : 1));
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const invoice of issued) {
    for (const format of ['FACTURX', 'CII'] as const) {
      const document = await service.document(invoice.number!, format);
      if (document) entries[document.fileName] = [document.bytes, { mtime: ENTRY_DATE }];
    }
  }
  return {
    zip: zipSync(entries, { level: 6 }),
    count: Object.keys(entries).length,
    invoices: issued.length,
  };
}
