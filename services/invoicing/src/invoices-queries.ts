import Decimal from 'decimal.js';
import type { Database } from 'better-sqlite3';
import { badInput, clip, notFound } from '@cadran/domain';
import type { ReadModelQueries } from '@cadran/projections';
import { periodOfBatchId } from './batch-state.js';
import { checkPeriod } from './errors.js';
import type {
  CreditNoteView,
  DocumentView,
  InvoiceBatchStatus,
  InvoiceBatchView,
  InvoiceView,
} from './invoice-views.js';
import { pageRecords, type RecordPage } from './record-provenance.js';
import type { DocumentFile } from './events.js';

type DocumentRow = DocumentFile & { documentOf: 'INVOICE' | 'CREDIT_NOTE' };

/** Where the HTTP API serves a document: `/v1/invoices/INV-2026-000001.pdf`, `/v1/credit-notes/….xml`. */
export const downloadPath = (documentOf: 'INVOICE' | 'CREDIT_NOTE', fileName: string) =>
  `/v1/${documentOf === 'INVOICE' ? 'invoices' : 'credit-notes'}/${fileName}`;

export type InvoicesFilter = {
  tenantId?: string | null;
  period?: string | null;
  status?: 'DRAFT' | 'ISSUED' | null;
};

export type InvoicesQueries = ReturnType<typeof createInvoicesQueries>;

const money = (values: string[]) =>
  values.reduce((acc, v) => acc.plus(v), new Decimal(0)).toFixed(2);

/** The invoices read model's questions; synchronous reads of the read-side database. */
export function createInvoicesQueries(db: Database, queries: ReadModelQueries) {
  const byId = db.prepare<[string, string], { doc: string }>(
    'SELECT doc FROM invoicing_invoices WHERE id = ? OR number = ?',
  );
  const notesOf = db.prepare<[string], { doc: string }>(
    'SELECT doc FROM invoicing_credit_notes WHERE invoice_id = ? ORDER BY number',
  );
  const noteById = db.prepare<[string, string], { doc: string }>(
    'SELECT doc FROM invoicing_credit_notes WHERE id = ? OR number = ?',
  );
  const batchRow = db.prepare<[string], { id: string; period: string }>(
    'SELECT id, period FROM invoicing_batches WHERE id = ?',
  );
  const ofBatch = db.prepare<[string], { doc: string }>(
    'SELECT doc FROM invoicing_invoices WHERE batch_id = ? ORDER BY contract_id',
  );

  const documentRows = db.prepare<[string], DocumentRow>(
    'SELECT format, media_type AS mediaType, file_name AS fileName, sha256, size, document_of AS documentOf FROM invoicing_documents WHERE number = ? ORDER BY format DESC',
  );
  function documentFiles(number: string): DocumentFile[] {
    return documentRows.all(number).map(({ documentOf: _of, ...file }) => file);
  }
  function documents(number: string | null): DocumentView[] {
    if (number === null) return [];
    return documentRows.all(number).map(({ documentOf, ...file }) => ({
      ...file,
      downloadPath: downloadPath(documentOf, file.fileName),
    }));
  }
  const withNotes = (doc: string): InvoiceView => {
    const invoice = JSON.parse(doc) as InvoiceView;
    invoice.creditNotes = creditNotes(invoice.id);
    invoice.documents = documents(invoice.number);
    return invoice;
  };
  const noteView = (doc: string): CreditNoteView => {
    const note = JSON.parse(doc) as CreditNoteView;
    note.documents = documents(note.number);
    return note;
  };
  function creditNotes(invoiceId: string): CreditNoteView[] {
    return notesOf.all(invoiceId).map((row) => noteView(row.doc));
  }
  function creditNote(idOrNumber: string): CreditNoteView | null {
    const row = noteById.get(idOrNumber, idOrNumber);
    return row ? noteView(row.doc) : null;
  }
  function invoice(idOrNumber: string): InvoiceView | null {
    const row = byId.get(idOrNumber, idOrNumber);
    return row ? withNotes(row.doc) : null;
  }
  function invoices(filter: InvoicesFilter = {}): InvoiceView[] {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.tenantId) {
      where.push('tenant_id = ?');
      params.push(filter.tenantId);
    }
    if (filter.period) {
      where.push('period = ?');
      params.push(checkPeriod(filter.period));
    }
    if (filter.status) {
      if (filter.status !== 'DRAFT' && filter.status !== 'ISSUED')
        throw badInput('status', 'DRAFT or ISSUED', filter.status);
      where.push('status = ?');
      params.push(filter.status);
    }
    const sql = `SELECT doc FROM invoicing_invoices ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY period, number IS NULL, number, contract_id`;
    return db
      .prepare<string[], { doc: string }>(sql)
      .all(...params)
      .map((row) => withNotes(row.doc));
  }
  function invoiceBatch(id: string): InvoiceBatchView | null {
    const row = batchRow.get(id);
    if (!row) return null;
    const list = ofBatch.all(id).map((r) => withNotes(r.doc));
    const issuedCount = list.filter((i) => i.status === 'ISSUED').length;
    const status: InvoiceBatchStatus =
      list.length === 0
        ? 'EMPTY'
        : issuedCount === 0
          ? 'DRAFT'
          : issuedCount === list.length
            ? 'ISSUED'
            : 'PARTIALLY_ISSUED';
    return {
      id: row.id,
      period: row.period,
      status,
      invoices: list,
      subtotal: money(list.map((i) => i.subtotal)),
      taxAmount: money(list.map((i) => i.taxAmount)),
      total: money(list.map((i) => i.total)),
    };
  }
  /**
   * The usage or energy records behind a line, sorted by id, `limit` at a time: pass the returned
   * `next` as `after` for the following page. Lines without records give an empty page.
   */
  function invoiceLineRecords(query: {
    invoiceId: string;
    lineIndex: number;
    after?: string | null;
    limit?: number;
  }): RecordPage {
    const found = invoice(query.invoiceId);
    if (!found) throw notFound(`no invoice ${clip(query.invoiceId)}`, 'invoiceId');
    const line = found.lines[query.lineIndex];
    if (!Number.isInteger(query.lineIndex) || !line) {
      throw badInput(
        'lineIndex',
        `a line index from 0 to ${found.lines.length - 1}`,
        query.lineIndex,
      );
    }
    const limit = query.limit ?? 1000;
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
      throw badInput('limit', 'an integer from 1 to 10000', limit);
    const kind = line.kind === 'ADJUSTMENT' ? line.adjustsKind : line.kind;
    const scope = {
      contractId: found.contractId,
      from: line.kind === 'ADJUSTMENT' ? line.segmentStart : found.periodStart,
      to: line.kind === 'ADJUSTMENT' ? line.segmentEnd : found.periodEnd,
    };
    if (kind === 'ON_DEMAND_USAGE') {
      return pageRecords(
        queries,
        { kind: 'usage', ...scope, gpuModel: line.gpuModel ?? undefined },
        query.after ?? undefined,
        limit,
      );
    }
    if (kind === 'ENERGY')
      return pageRecords(queries, { kind: 'energy', ...scope }, query.after ?? undefined, limit);
    return { records: [], next: null };
  }
  return {
    invoice,
    invoices,
    invoiceBatch,
    creditNotes,
    creditNote,
    documentFiles,
    invoiceLineRecords,
    batchExists: (id: string) =>
      periodOfBatchId(id) !== undefined && batchRow.get(id) !== undefined,
  };
}
