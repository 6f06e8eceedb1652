import { useState } from 'react';
import { useParams } from 'react-router';
import { download } from '../../api/graphql';
import { useRead } from '../../api/hooks';
import { date, money, period as monthName, percent } from '../../format';
import { DataTable, type Column } from '../../ui/DataTable';
import { Facts } from '../../ui/Facts';
import { ErrorNote, StatusBadge } from '../../ui/feedback';
import { LoadedOne } from '../../ui/Loaded';
import { DecimalField, Field } from '../../ui/Field';
import { filledIn, useFormValues } from '../../ui/form-values';
import { MutationForm } from '../../ui/MutationForm';
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

const documentColumns = (onFailure: (failure: Error) => void): Column<InvoiceDocument>[] => [
  { header: 'Document', cell: (doc) => DOCUMENT_LABEL[doc.format] },
  {
    header: 'File',
    cell: (doc) => (
      <button
        type="button"
        className="link"
        onClick={() => download(doc.downloadPath, doc.fileName).catch(onFailure)}
      >
        {doc.fileName}
      </button>
    ),
  },
  {
    header: 'Size',
    numeric: true,
    cell: (doc) => `${new Intl.NumberFormat('fr-FR').format(Math.ceil(doc.size / 1024))} Ko`,
  },
  {
    header: 'SHA-256',
    className: 'mono small',
    cell: (doc) => <span title={doc.sha256}>{doc.sha256.slice(0, 16)}…</span>,
  },
];

/** The legal documents made at issue, downloaded with the session's token. */
const Documents = ({ documents }: { documents: InvoiceDocument[] }) => {
  const [failure, setFailure] = useState<Error | null>(null);
  return (
    <div className="panel">
      <h2>Documents</h2>
      <DataTable
        columns={documentColumns(setFailure)}
        rows={documents}
        rowKey={(doc) => doc.format}
      />
      {failure ? <ErrorNote error={failure} /> : null}
    </div>
  );
};

const settlementTone = (status: string) =>
  ({ PAID: 'ok', CREDITED: 'ok', OVERDUE: 'warn', PARTIALLY_PAID: 'draft' })[status] ?? 'off';

const BillTo = ({ party }: { party: Invoice['billTo'] }) => (
  <>
    {party.name}
    <div className="muted small">
      {party.address ?? ''} {party.vatId ? `· VAT ${party.vatId}` : ''}
    </div>
  </>
);

const Settlement = ({
  settlement,
  currency,
}: {
  settlement: NonNullable<Invoice['settlement']>;
  currency: string;
}) => (
  <>
    <StatusBadge status={settlement.status} tone={settlementTone(settlement.status)} />{' '}
    {money(settlement.remaining, currency)} remaining
    {settlement.daysOverdue > 0 ? `, ${settlement.daysOverdue} days overdue` : ''}
  </>
);

const CreditNotes = ({
  notes,
  currency,
  zone,
}: {
  notes: Invoice['creditNotes'];
  currency: string;
  zone: string;
}) => (
  <DataTable
    columns={[
      { header: 'Number', cell: (note) => note.number },
      { header: 'Issued', cell: (note) => date(note.issuedAt, zone) },
      { header: 'Reason', cell: (note) => note.reason },
      { header: 'Total', numeric: true, cell: (note) => money(note.total, currency) },
    ]}
    rows={notes}
  />
);

export const InvoicePage = ({ canCredit }: { canCredit: boolean }) => {
  const { id = '' } = useParams();
  const invoice = useRead<{ invoice: Invoice | null }>(INVOICE, { id });
  return (
    <LoadedOne read={invoice} what="Invoice" id={id} pick={(data) => data.invoice}>
      {(found) => <InvoiceView found={found} canCredit={canCredit} />}
    </LoadedOne>
  );
};

const InvoiceView = ({ found, canCredit }: { found: Invoice; canCredit: boolean }) => {
  const zone = found.contract.billingTimeZone;
  return (
    <section className="page">
      <div className="page-head">
        <h1>
          {found.number ? `Invoice ${found.number}` : `Draft invoice, ${found.contract.id}`}{' '}
          <StatusBadge status={found.status} />
        </h1>
      </div>
      <Facts
        facts={[
          { term: 'Bill to', value: <BillTo party={found.billTo} /> },
          { term: 'Contract', value: `${found.contract.id} · ${found.contract.tenant.name}` },
          { term: 'Month', value: monthName(found.period) },
          { term: 'Issued', value: date(found.issuedAt, zone) },
          { term: 'Due', value: date(found.dueAt, zone) },
          found.settlement && {
            term: 'Payment',
            value: <Settlement settlement={found.settlement} currency={found.currency} />,
          },
        ]}
      />
      <div className="panel">
        <h2>Lines</h2>
        <InvoiceLines invoiceId={found.id} />
        <Facts
          totals
          facts={[
            { term: 'Subtotal', value: money(found.subtotal, found.currency) },
            {
              term: `VAT ${percent(found.taxRatePercent)}`,
              value: money(found.taxAmount, found.currency),
            },
            { term: 'Total', value: money(found.total, found.currency), strong: true },
          ]}
        />
        {found.taxNote ? <p className="muted small">{found.taxNote}</p> : null}
      </div>
      {found.creditNotes.length > 0 ? (
        <div className="panel">
          <h2>Credit notes</h2>
          <CreditNotes notes={found.creditNotes} currency={found.currency} zone={zone} />
        </div>
      ) : null}
      {found.documents.length > 0 ? <Documents documents={found.documents} /> : null}
      {canCredit && found.status === 'ISSUED' ? (
        <CreditNoteForm invoiceId={found.id} currency={found.currency} />
      ) : null}
    </section>
  );
};

/** What the net amount of a credit note is when left empty. */
const ALL = 'empty: all that remains';

const CreditNoteForm = ({ invoiceId, currency }: { invoiceId: string; currency: string }) => {
  const form = useFormValues({ reason: '', amount: '' });
  return (
    <MutationForm<{ issueCreditNote: { number: string; total: string } }>
      title="Issue a credit note"
      submitLabel="Issue the credit note"
      mutation={CREDIT}
      variables={() => ({ input: { invoiceId, ...filledIn(form.values) } })}
      done={({ issueCreditNote: done }) =>
        `Credit note ${done.number} issued: ${money(done.total, currency)}.`
      }
    >
      <div className="row">
        <Field id="credit-reason" label="Reason" {...form.bind('reason')} required />
        <DecimalField
          id="credit-amount"
          label="Net amount (€)"
          {...form.bind('amount')}
          hint={ALL}
        />
      </div>
    </MutationForm>
  );
};
