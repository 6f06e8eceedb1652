import { useState } from 'react';
import { useRead } from '../../api/hooks';
import type { Viewer } from '../../api/session';
import { date, money, period as monthName } from '../../format';
import { isCustomer } from '../../roles';
import { DataTable, type Column } from '../../ui/DataTable';
import { StatusBadge } from '../../ui/feedback';
import { MonthField, StatusFilter } from '../../ui/Field';
import { InvoiceLink } from '../../ui/links';
import { Loaded } from '../../ui/Loaded';
import { INVOICE_SUMMARY, type InvoiceSummary } from './invoice-fields';

type WithNotes = InvoiceSummary & {
  creditNotes: { id: string; number: string; issuedAt: string; reason: string; total: string }[];
};
const INVOICES = `query Invoices($period: Period, $status: InvoiceStatus) { invoices(period: $period, status: $status) {
  ${INVOICE_SUMMARY} creditNotes { id number issuedAt reason total } } }`;

const STATUSES = ['ISSUED', 'DRAFT', ''];

type Note = WithNotes['creditNotes'][number] & { invoice: WithNotes };

const INVOICE_COLUMNS: Column<WithNotes>[] = [
  {
    header: 'Invoice',
    cell: (invoice) => (
      <InvoiceLink id={invoice.id}>{invoice.number ?? `draft ${invoice.contract.id}`}</InvoiceLink>
    ),
  },
  { header: 'Month', cell: (invoice) => monthName(invoice.period) },
  { header: 'Contract', cell: (invoice) => invoice.contract.id },
  { header: 'Bill to', cell: (invoice) => invoice.billTo.name },
  { header: 'Issued', cell: (invoice) => date(invoice.issuedAt, invoice.contract.billingTimeZone) },
  { header: 'Due', cell: (invoice) => date(invoice.dueAt, invoice.contract.billingTimeZone) },
  {
    header: 'Total',
    numeric: true,
    className: 'strong',
    cell: (invoice) => money(invoice.total, invoice.currency),
  },
  { header: 'Status', cell: (invoice) => <StatusBadge status={invoice.status} /> },
];

const NOTE_COLUMNS: Column<Note>[] = [
  { header: 'Credit note', cell: (note) => note.number },
  {
    header: 'Invoice',
    cell: (note) => <InvoiceLink id={note.invoice.id}>{note.invoice.number}</InvoiceLink>,
  },
  { header: 'Issued', cell: (note) => date(note.issuedAt, note.invoice.contract.billingTimeZone) },
  { header: 'Reason', cell: (note) => note.reason },
  { header: 'Total', numeric: true, cell: (note) => money(note.total, note.invoice.currency) },
];

export const InvoicesPage = ({ viewer }: { viewer: Viewer }) => {
  const [periodFilter, setPeriodFilter] = useState('');
  const [status, setStatus] = useState(isCustomer(viewer.role) ? '' : 'ISSUED');
  const invoices = useRead<{ invoices: WithNotes[] }>(INVOICES, {
    period: /^\d{4}-\d{2}$/.test(periodFilter) ? periodFilter : undefined,
    status: status || undefined,
  });
  const list = invoices.data?.invoices ?? [];
  const notes: Note[] = list.flatMap((invoice) =>
    invoice.creditNotes.map((note) => ({ ...note, invoice })),
  );
  return (
    <section className="page">
      <div className="page-head">
        <h1>{isCustomer(viewer.role) ? 'Invoices' : 'Invoices & credit notes'}</h1>
      </div>
      <div className="filters">
        <MonthField id="invoice-period" value={periodFilter} onChange={setPeriodFilter} />
        {!isCustomer(viewer.role) ? (
          <StatusFilter value={status} onChange={setStatus} statuses={STATUSES} />
        ) : null}
      </div>
      <Loaded read={invoices} what="Loading invoices">
        {() => <DataTable columns={INVOICE_COLUMNS} rows={list} empty="No invoice." />}
      </Loaded>
      {notes.length > 0 ? (
        <div className="panel">
          <h2>Credit notes</h2>
          <DataTable columns={NOTE_COLUMNS} rows={notes} />
        </div>
      ) : null}
    </section>
  );
};
