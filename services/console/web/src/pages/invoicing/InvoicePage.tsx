import { useState } from 'react';
import { useParams } from 'react-router';
import { download } from '../../api/graphql';
import { useRead, useWrite } from '../../api/hooks';
import { date, money, period as monthName, percent } from '../../format';
import { ActionForm } from '../../ui/ActionForm';
import { Field } from '../../ui/Field';
import { Badge, ErrorNote, Loading, statusTone } from '../../ui/feedback';
import { INVOICE_SUMMARY, type InvoiceSummary } from './invoice-fields';
import { InvoiceLines } from './InvoiceLines';

type Invoice = InvoiceSummary & {
  taxRatePercent: string;
  taxNote: string | null;
  billTo: { name: string; countryCode: string; vatId: string | null; address: string | null };
  settlement: { status: string; paid: string; remaining: string; daysOverdue: number } | null;
  documents: InvoiceDocument[];
  creditNotes: {
    id: string;
    number: string;
    issuedAt: string;
    reason: string;
    subtotal: string;
    taxAmount: string;
    total: string;
  }[];
};
const INVOICE = `query Invoice($id: ID!) { invoice(id: $id) { ${INVOICE_SUMMARY} taxRatePercent taxNote
  billTo { name countryCode vatId address } settlement { status paid remaining daysOverdue } documents { format fileName sha256 size downloadPath }
  creditNotes { id number issuedAt reason subtotal taxAmount total } } }`;
const CREDIT = `mutation Credit($input: IssueCreditNoteInput!) { issueCreditNote(input: $input) { id number total } }`;

type InvoiceDocument = {
  format: 'FACTURX' | 'CII';
  fileName: string;
  sha256: string;
  size: number;
  downloadPath: string;
};

const DOCUMENT_LABEL = { FACTURX: 'Factur-X (PDF/A-3 with its XML)', CII: 'CII XML (EN 16931)' };

/** The legal documents made at issue, downloaded with the session's token. */
const Documents = ({ documents }: { documents: InvoiceDocument[] }) => {
  const [failure, setFailure] = useState<Error | null>(null);
  return (
    <div className="panel">
      <h2>Documents</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Document</th>
            <th scope="col">File</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((doc) => (
            <tr key={doc.format}>
              <th scope="row">{DOCUMENT_LABEL[doc.format]}</th>
              <td>
                <button
                  type="button"
                  className="link"
                  onClick={() => download(doc.downloadPath, doc.fileName).catch(setFailure)}
                >
                  {doc.fileName}
                </button>
              </td>
              <td className="num">
                {new Intl.NumberFormat('fr-FR').format(Math.ceil(doc.size / 1024))} Ko
              </td>
              <td className="mono small" title={doc.sha256}>
                {doc.sha256.slice(0, 16)}…
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {failure ? <ErrorNote error={failure} /> : null}
    </div>
  );
};

const settlementTone = (status: string) =>
  ({ PAID: 'ok', CREDITED: 'ok', OVERDUE: 'warn', PARTIALLY_PAID: 'draft' })[status] ?? 'off';

export const InvoicePage = ({ canCredit }: { canCredit: boolean }) => {
  const { id = '' } = useParams();
  const invoice = useRead<{ invoice: Invoice | null }>(INVOICE, { id });
  if (invoice.isPending) return <Loading what="Loading the invoice" />;
  if (invoice.error) return <ErrorNote error={invoice.error} />;
  const found = invoice.data.invoice;
  if (!found)
    return (
      <section className="page">
        <h1>Invoice not found</h1>
        <p className="muted">No invoice {id} exists among those you may see.</p>
      </section>
    );
  const zone = found.contract.billingTimeZone;
  return (
    <section className="page">
      <div className="page-head">
        <h1>
          {found.number ? `Invoice ${found.number}` : `Draft invoice, ${found.contract.id}`}{' '}
          <Badge tone={statusTone(found.status)}>{found.status.toLowerCase()}</Badge>
        </h1>
      </div>
      <dl className="facts">
        <div>
          <dt>Bill to</dt>
          <dd>
            {found.billTo.name}
            <div className="muted small">
              {found.billTo.address ?? ''} {found.billTo.vatId ? `· VAT ${found.billTo.vatId}` : ''}
            </div>
          </dd>
        </div>
        <div>
          <dt>Contract</dt>
          <dd>
            {found.contract.id} · {found.contract.tenant.name}
          </dd>
        </div>
        <div>
          <dt>Month</dt>
          <dd>{monthName(found.period)}</dd>
        </div>
        <div>
          <dt>Issued</dt>
          <dd>{date(found.issuedAt, zone)}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>{date(found.dueAt, zone)}</dd>
        </div>
        {found.settlement ? (
          <div>
            <dt>Payment</dt>
            <dd>
              <Badge tone={settlementTone(found.settlement.status)}>
                {found.settlement.status.toLowerCase().replace('_', ' ')}
              </Badge>{' '}
              {money(found.settlement.remaining, found.currency)} remaining
              {found.settlement.daysOverdue > 0
                ? `, ${found.settlement.daysOverdue} days overdue`
                : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      <div className="panel">
        <h2>Lines</h2>
        <InvoiceLines invoiceId={found.id} />
        <dl className="facts totals">
          <div>
            <dt>Subtotal</dt>
            <dd>{money(found.subtotal, found.currency)}</dd>
          </div>
          <div>
            <dt>VAT {percent(found.taxRatePercent)}</dt>
            <dd>{money(found.taxAmount, found.currency)}</dd>
          </div>
          <div>
            <dt>Total</dt>
            <dd className="strong">{money(found.total, found.currency)}</dd>
          </div>
        </dl>
        {found.taxNote ? <p className="muted small">{found.taxNote}</p> : null}
      </div>
      {found.creditNotes.length > 0 ? (
        <div className="panel">
          <h2>Credit notes</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Issued</th>
                <th scope="col">Reason</th>
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {found.creditNotes.map((note) => (
                <tr key={note.id}>
                  <th scope="row">{note.number}</th>
                  <td>{date(note.issuedAt, zone)}</td>
                  <td>{note.reason}</td>
                  <td className="num">{money(note.total, found.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {found.documents.length > 0 ? <Documents documents={found.documents} /> : null}
      {canCredit && found.status === 'ISSUED' ? (
        <CreditNoteForm invoiceId={found.id} currency={found.currency} />
      ) : null}
    </section>
  );
};

const CreditNoteForm = ({ invoiceId, currency }: { invoiceId: string; currency: string }) => {
  const credit = useWrite<
    { issueCreditNote: { number: string; total: string } },
    Record<string, unknown>
  >(CREDIT);
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const done = credit.data?.issueCreditNote;
  return (
    <ActionForm
      title="Issue a credit note"
      submitLabel="Issue the credit note"
      onSubmit={() =>
        credit.mutate({
          input: { invoiceId, reason, ...(amount.trim() ? { amount: amount.trim() } : {}) },
        })
      }
      pending={credit.isPending}
      error={credit.error}
      done={done ? `Credit note ${done.number} issued: ${money(done.total, currency)}.` : undefined}
    >
      <div className="row">
        <Field
          id="credit-reason"
          label="Reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
        />
        <Field
          id="credit-amount"
          label="Net amount (€)"
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          hint="empty: all that remains"
        />
      </div>
    </ActionForm>
  );
};
