import { notFound } from '@cadran/domain';
import type { InvoicingContext } from '../context.js';
import {
  invoicingStreams,
  storedInvoicingEvent,
  type DocumentsRecorded,
  type DocumentFile,
} from '../events.js';
import type { CreditNote, IssuedInvoice } from '../issued-invoices.js';
import { creditNoteSource, invoiceSource } from './document-sources.js';
import { makeFiles, type DocumentFormat } from './document-files.js';

/** An issued invoice or credit note whose documents are to be made. */
export type DocumentSubject =
  | { documentOf: 'INVOICE'; invoice: IssuedInvoice }
  | { documentOf: 'CREDIT_NOTE'; note: CreditNote; invoice: IssuedInvoice };

const idOf = (s: DocumentSubject) =>
  s.documentOf === 'INVOICE' ? s.invoice.invoiceId : s.note.creditNoteId;
const numberOf = (s: DocumentSubject) =>
  s.documentOf === 'INVOICE' ? s.invoice.number : s.note.number;
const sourceOf = (s: DocumentSubject) =>
  s.documentOf === 'INVOICE' ? invoiceSource(s.invoice) : creditNoteSource(s.note, s.invoice);

/**
 * Makes the documents of issued invoices or credit notes from their issued events, stores the
 * bytes and records their SHA-256 in `invoice-documents` (one DocumentsRecorded each). Those
 * already recorded are skipped; making them twice would give the same bytes anyway.
 */
export async function recordDocuments(
  ctx: InvoicingContext,
  subjects: DocumentSubject[],
): Promise<bigint | null> {
  const events: DocumentsRecorded[] = [];
  for (const subject of subjects) {
    if (ctx.documents.recorded(numberOf(subject)).length > 0) continue;
    const files = await makeFiles(sourceOf(subject));
    ctx.documents.files.put(files);
    events.push({
      type: 'DocumentsRecorded',
      data: {
        documentOf: subject.documentOf,
        id: idOf(subject),
        number: numberOf(subject),
        files: files.map(({ bytes: _bytes, ...file }) => file),
        recordedAt: ctx.clock(),
      },
    });
  }
  if (events.length === 0) return null;
  const result = await ctx.store.appendToStream(
    invoicingStreams.documents,
    events.map(storedInvoicingEvent),
  );
  await ctx.projection.reached(result.lastPosition);
  return result.lastPosition;
}

export type DocumentDownload = DocumentFile & { bytes: Buffer };

/**
 * A document's file by the invoice's or credit note's number: as recorded, its bytes from the
 * store or made again (and checked against the recorded SHA-256); made and recorded now when the
 * issuing process stopped before it could. Null when no issued invoice or credit note has that
 * number.
 */
export async function documentFile(
  ctx: InvoicingContext,
  number: string,
  format: DocumentFormat,
): Promise<DocumentDownload | null> {
  const [{ state: issued }, { state: credits }] = await Promise.all([
    ctx.issued.catchUp(),
    ctx.credits.catchUp(),
  ]);
  const invoice = issued.byNumber.get(number);
  const note = invoice ? undefined : [...credits.byId.values()].find((n) => n.number === number);
  let subject: DocumentSubject;
  if (invoice) subject = { documentOf: 'INVOICE', invoice };
  else if (note) {
    const credited = issued.byId.get(note.invoiceId);
    if (!credited) throw new Error(`credit note ${number} credits an unknown invoice`);
    subject = { documentOf: 'CREDIT_NOTE', note, invoice: credited };
  } else return null;

  if (ctx.documents.recorded(number).length === 0) await recordDocuments(ctx, [subject]);
  const file = ctx.documents.recorded(number).find((f) => f.format === format);
  if (!file) throw notFound(`no ${format} document for ${number}`, 'format');
  let bytes = ctx.documents.files.get(file.sha256);
  if (bytes === undefined) {
    const made = (await makeFiles(sourceOf(subject))).find((f) => f.format === format)!;
    if (made.sha256 !== file.sha256)
      throw new Error(
        `${file.fileName} made again does not match the SHA-256 recorded at issue (${file.sha256})`,
      );
    ctx.documents.files.put([made]);
    bytes = made.bytes;
  }
  return { ...file, bytes };
}
