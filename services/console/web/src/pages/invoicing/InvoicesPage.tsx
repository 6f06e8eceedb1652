import { useState } from 'react';
import { Link } from 'react-router';
import { useRead } from '../../api/hooks';
import type { Viewer } from '../../api/session';
import { date, money, period as monthName } from '../../format';
import { isCustomer } from '../../roles';
import { SelectField } from '../../ui/Field';
import { Badge, Empty, ErrorNote, Loading, statusTone } from '../../ui/feedback';
import { INVOICE_SUMMARY, type InvoiceSummary } from './invoice-fields';

type WithNotes = InvoiceSummary & {
  creditNotes: { id: string; number: string; issuedAt: string; reason: string; total: string }[];
};
const INVOICES = `query Invoices($period: Period, $status: InvoiceStatus) { invoices(period: $period, status: $status) {
  ${INVOICE_SUMMARY} creditNotes { id number issuedAt reason total } } }`;

export const InvoicesPage = ({ viewer }: { viewer: Viewer }) => {
  const [periodFilter, setPeriodFilter] = useState('');
  const [status, setStatus] = useState(isCustomer(viewer.role) ? '' : 'ISSUED');
  const invoices = useRead<{ invoices: WithNotes[] }>(INVOICES, {
    period: /^\d{4}-\d{2}$/.test(periodFilter) ? periodFilter : undefined,
    status: status || undefined,
  });
  const list = invoices.data?.invoices ?? [];
  const notes = list.flatMap((invoice) =>
    invoice.creditNotes.map((note) => ({ ...note, invoice })),
  );
  return (
    <section className="page">
      <div className="page-head">
        <h1>{isCustomer(viewer.role) ? 'Invoices' : 'Invoices & credit notes'}</h1>
      </div>
      <div className="filters">
        <div className="field">
          <label htmlFor="invoice-period">Month</label>
          <input
            id="invoice-period"
            type="month"
            value={periodFilter}
            onChange={(event) => setPeriodFilter(event.target.value)}
          />
        </div>
        {!isCustomer(viewer.role) ? (
          <SelectField
            id="invoice-status"
            label="Status"
            value={status}
            onChange={setStatus}
            options={[
              { value: 'ISSUED', label: 'Issued' },
              { value: 'DRAFT', label: 'Drafts' },
              { value: '', label: 'All' },
            ]}
          />
        ) : null}
      </div>
      {invoices.isPending ? <Loading what="Loading invoices" /> : null}
      <ErrorNote error={invoices.error} />
      {invoices.data && list.length === 0 ? <Empty>No invoice.</Empty> : null}
      {list.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col">Month</th>
              <th scope="col">Contract</th>
              <th scope="col">Bill to</th>
              <th scope="col">Issued</th>
              <th scope="col">Due</th>
              <th scope="col" className="num">
                Total
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {list.map((invoice) => {
              const zone = invoice.contract.billingTimeZone;
              return (
                <tr key={invoice.id}>
                  <th scope="row">
                    <Link to={`/invoices/${encodeURIComponent(invoice.id)}`}>
                      {invoice.number ?? `draft ${invoice.contract.id}`}
                    </Link>
                  </th>
                  <td>{monthName(invoice.period)}</td>
                  <td>{invoice.contract.id}</td>
                  <td>{invoice.billTo.name}</td>
                  <td>{date(invoice.issuedAt, zone)}</td>
                  <td>{date(invoice.dueAt, zone)}</td>
                  <td className="num strong">{money(invoice.total, invoice.currency)}</td>
                  <td>
                    <Badge tone={statusTone(invoice.status)}>{invoice.status.toLowerCase()}</Badge>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {notes.length > 0 ? (
        <div className="panel">
          <h2>Credit notes</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Credit note</th>
                <th scope="col">Invoice</th>
                <th scope="col">Issued</th>
                <th scope="col">Reason</th>
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {notes.map((note) => (
                <tr key={note.id}>
                  <th scope="row">{note.number}</th>
                  <td>
                    <Link to={`/invoices/${encodeURIComponent(note.invoice.id)}`}>
                      {note.invoice.number}
                    </Link>
                  </td>
                  <td>{date(note.issuedAt, note.invoice.contract.billingTimeZone)}</td>
                  <td>{note.reason}</td>
                  <td className="num">{money(note.total, note.invoice.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
};
