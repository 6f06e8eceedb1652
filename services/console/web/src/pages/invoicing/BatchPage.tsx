import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { query } from '../../api/graphql';
import { useRead, useWrite } from '../../api/hooks';
import { money, period as monthName, quantity } from '../../format';
import { sumDecimals } from '../../money-sum';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable, type Column } from '../../ui/DataTable';
import { Facts } from '../../ui/Facts';
import { Done, Empty, ErrorNote, Loading, StatusBadge } from '../../ui/feedback';
import { ContractLink, InvoiceLink } from '../../ui/links';
import { INVOICE_SUMMARY, type InvoiceSummary } from './invoice-fields';
import { InvoiceLines } from './InvoiceLines';

type Batch = {
  id: string;
  period: string;
  status: string;
  subtotal: string;
  taxAmount: string;
  total: string;
  invoices: InvoiceSummary[];
};
const BATCH = `query Batch($id: ID!) { invoiceBatch(id: $id) { id period status subtotal taxAmount total invoices { ${INVOICE_SUMMARY} } } }`;
const RUN = `mutation Run($period: Period!) { runInvoiceBatch(period: $period) { id status } }`;
const PROGRESS = `query Progress($period: Period!) { invoiceBatchProgress(period: $period) { priced total running } }`;
const ISSUE = `mutation Issue($batchId: ID!) { issueInvoices(batchId: $batchId) { id status invoices { id number } } }`;

const previousMonth = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
    .toISOString()
    .slice(0, 7);
};

export const BatchPage = () => {
  const [period, setPeriod] = useState(previousMonth);
  const valid = /^\d{4}-\d{2}$/.test(period);
  const batchId = `batch-${period}`;
  const batch = useRead<{ invoiceBatch: Batch | null }>(BATCH, { id: batchId }, valid);
  const run = useWrite<{ runInvoiceBatch: { id: string; status: string } }, { period: string }>(
    RUN,
  );
  const issue = useWrite<
    { issueInvoices: { invoices: { number: string | null }[] } },
    { batchId: string }
  >(ISSUE);
  const [confirming, setConfirming] = useState(false);
  const found = batch.data?.invoiceBatch ?? null;
  const drafts = found?.invoices.filter((invoice) => invoice.status === 'DRAFT') ?? [];
  const draftTotal = sumDecimals(drafts.map((invoice) => invoice.total));
  const currency = found?.invoices[0]?.currency ?? 'EUR';

  return (
    <section className="page">
      <div className="page-head">
        <h1>Invoicing batches</h1>
      </div>
      <div className="panel">
        <div className="panel-head">
          <h2>Bill a month</h2>
          <div className="inline">
            <label htmlFor="period">Month</label>
            <input
              id="period"
              type="month"
              value={period}
              onChange={(event) => setPeriod(event.target.value)}
            />
            <button
              type="button"
              onClick={() => run.mutate({ period })}
              disabled={!valid || run.isPending}
            >
              {found ? 'Run again' : 'Run the batch'}
            </button>
          </div>
        </div>
        <p className="muted small">
          Running prices every contract active in {valid ? monthName(period) : 'the month'} as
          drafts; running again re-prices the drafts with what arrived since. Nothing is numbered
          until you issue.
        </p>
        {run.isPending ? <BatchProgress period={period} /> : null}
        <ErrorNote error={run.error} />
      </div>
      {batch.isPending && valid ? <Loading what="Loading the batch" /> : null}
      <ErrorNote error={batch.error} />
      {batch.data && !found ? <Empty>No batch for {monthName(period)} yet: run it.</Empty> : null}
      {found ? (
        <div className="panel">
          <div className="panel-head">
            <h2>
              Batch {found.id} <StatusBadge status={found.status} />
            </h2>
            {drafts.length > 0 ? (
              <button type="button" onClick={() => setConfirming(true)}>
                Issue {drafts.length} invoice{drafts.length > 1 ? 's' : ''}…
              </button>
            ) : null}
          </div>
          <Facts
            totals
            facts={[
              { term: 'Invoices', value: found.invoices.length },
              { term: 'Subtotal', value: money(found.subtotal, currency) },
              { term: 'VAT', value: money(found.taxAmount, currency) },
              { term: 'Total', value: money(found.total, currency), strong: true },
            ]}
          />
          {issue.data ? (
            <Done>
              Issued:{' '}
              {issue.data.issueInvoices.invoices
                .map((invoice) => invoice.number)
                .filter(Boolean)
                .join(', ')}
            </Done>
          ) : null}
          <ErrorNote error={issue.error} />
          <BatchInvoices invoices={found.invoices} />
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title="Issue the invoices?"
        confirmLabel={`Issue ${drafts.length} invoice${drafts.length > 1 ? 's' : ''}`}
        busy={issue.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => issue.mutate({ batchId }, { onSettled: () => setConfirming(false) })}
      >
        <p>
          This numbers and freezes{' '}
          <strong>
            {drafts.length} invoice{drafts.length > 1 ? 's' : ''}
          </strong>{' '}
          of {monthName(period)} for a total of <strong>{money(draftTotal, currency)}</strong> (VAT
          included). Issued invoices cannot be changed: corrections go through credit notes.
        </p>
      </ConfirmDialog>
    </section>
  );
};

type Progress = { priced: number; total: number; running: boolean };
/** How often the progress of a run is asked while it runs. */
const POLL_MS = 500;

/**
 * A batch run is one request, answered when every contract is priced: meanwhile the page asks the
 * instance running it how far it has come, and shows it with the time spent.
 */
const BatchProgress = ({ period }: { period: string }) => {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setSeconds((value) => value + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  const progress = useQuery({
    queryKey: [PROGRESS, { period }],
    queryFn: () => query<{ invoiceBatchProgress: Progress | null }>(PROGRESS, { period }),
    refetchInterval: POLL_MS,
    gcTime: 0,
  });
  // Until this run has counted its contracts, the last one's figures would mislead.
  const run = progress.data?.invoiceBatchProgress;
  const counted = run?.running === true && run.total > 0 ? run : undefined;
  return (
    <div className="progress" role="status" aria-live="polite">
      {counted ? (
        <div
          className="progress-bar determinate"
          role="progressbar"
          aria-label={`Contracts of ${monthName(period)} priced`}
          aria-valuemin={0}
          aria-valuemax={counted.total}
          aria-valuenow={counted.priced}
        >
          <div
            className="progress-fill"
            style={{ width: `${(100 * counted.priced) / counted.total}%` }}
          />
        </div>
      ) : (
        <div className="progress-bar" aria-hidden="true" />
      )}
      <span>
        {counted
          ? `Priced ${quantity(counted.priced)} of ${quantity(counted.total)} contract${counted.total > 1 ? 's' : ''} of ${monthName(period)}`
          : `Finding the contracts of ${monthName(period)}`}
        … {seconds} s
      </span>
    </div>
  );
};

const invoiceColumns = (
  open: string | undefined,
  toggle: (id: string) => void,
): Column<InvoiceSummary>[] => [
  {
    header: 'Contract',
    cell: (invoice) => (
      <>
        <ContractLink id={invoice.contract.id} />
        <div className="muted small">{invoice.contract.tenant.name}</div>
      </>
    ),
  },
  { header: 'Bill to', cell: (invoice) => invoice.billTo.name },
  { header: 'Status', cell: (invoice) => <StatusBadge status={invoice.status} /> },
  {
    header: 'Number',
    className: 'nowrap',
    cell: (invoice) => (invoice.number ? <InvoiceLink id={invoice.number} /> : '—'),
  },
  { header: 'Subtotal', numeric: true, cell: (row) => money(row.subtotal, row.currency) },
  { header: 'VAT', numeric: true, cell: (row) => money(row.taxAmount, row.currency) },
  {
    header: 'Total',
    numeric: true,
    className: 'strong',
    cell: (row) => money(row.total, row.currency),
  },
  {
    header: <span className="sr-only">Lines</span>,
    cell: (invoice) => (
      <button
        type="button"
        className="secondary small"
        aria-expanded={open === invoice.id}
        onClick={() => toggle(invoice.id)}
      >
        {open === invoice.id ? 'Hide lines' : 'Review lines'}
      </button>
    ),
  },
];

const BatchInvoices = ({ invoices }: { invoices: InvoiceSummary[] }) => {
  const [open, setOpen] = useState<string>();
  return (
    <DataTable
      className="expandable"
      columns={invoiceColumns(open, (id) => setOpen(open === id ? undefined : id))}
      rows={invoices}
      empty="No contract was active that month."
      detail={(invoice) => (open === invoice.id ? <InvoiceLines invoiceId={invoice.id} /> : null)}
    />
  );
};
