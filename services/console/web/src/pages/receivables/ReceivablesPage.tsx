import { useRead } from '../../api/hooks';
import { localDate, money, OPERATOR_TIME_ZONE, wallClockOf } from '../../format';
import { DataTable, type Column } from '../../ui/DataTable';
import { StatusBadge } from '../../ui/feedback';
import { Loaded } from '../../ui/Loaded';
import { TypedDateField, useTypedDate } from '../../ui/TypedDateField';
import { AllocatePaymentForm } from './AllocatePaymentForm';
import type { UnmatchedPayment } from './unmatched-payment';

/** The ageing's columns, in the API's names; the query asks for these and nothing else. */
const BUCKETS = [
  { key: 'notYetDue', label: 'Not yet due' },
  { key: 'days1To30', label: '1–30 days' },
  { key: 'days31To60', label: '31–60 days' },
  { key: 'days61To90', label: '61–90 days' },
  { key: 'over90', label: 'Over 90 days' },
  { key: 'total', label: 'Outstanding' },
] as const;
const AMOUNTS = BUCKETS.map((bucket) => bucket.key).join(' ');
/** Decimal strings, one a bucket. */
type Amounts = Record<(typeof BUCKETS)[number]['key'], string>;
type AgeingRow = Amounts & { party: { kind: string; id: string }; partyName: string };
type Receivables = {
  receivablesAgeing: { asOf: string; parties: AgeingRow[]; total: Amounts };
  payments: UnmatchedPayment[];
  tenants: { id: string; name: string }[];
  partners: { id: string; name: string }[];
};

const RECEIVABLES = `query Receivables($asOf: String) {
  receivablesAgeing(asOf: $asOf) { asOf parties { party { kind id } partyName ${AMOUNTS} } total { ${AMOUNTS} } }
  payments(unmatched: true) { id amount currency valueDate payerName bankReference remittance unallocated state }
  tenants { id name } partners { id name } }`;

const AGEING_COLUMNS: Column<AgeingRow>[] = [
  {
    header: 'Bill to',
    cell: (row) => (
      <>
        {row.partyName}{' '}
        <span className="muted small">
          {row.party.kind.toLowerCase()} {row.party.id}
        </span>
      </>
    ),
  },
  ...BUCKETS.map((bucket): Column<AgeingRow> => ({
    header: bucket.label,
    numeric: true,
    className: bucket.key === 'total' ? 'strong' : undefined,
    cell: (row) => money(row[bucket.key]),
  })),
];

const TotalRow = ({ total }: { total: Amounts }) => (
  <tr className="total-row">
    <th scope="row">Total</th>
    {BUCKETS.map((bucket) => (
      <td key={bucket.key} className="num strong">
        {money(total[bucket.key])}
      </td>
    ))}
  </tr>
);

const PAYMENT_COLUMNS: Column<UnmatchedPayment>[] = [
  { header: 'Payment', className: 'mono', cell: (payment) => payment.bankReference ?? payment.id },
  { header: 'Value date', cell: (payment) => localDate(payment.valueDate) },
  { header: 'Payer', cell: (payment) => payment.payerName },
  { header: 'Remittance', cell: (payment) => payment.remittance || '—' },
  { header: 'Amount', numeric: true, cell: (payment) => money(payment.amount, payment.currency) },
  {
    header: 'Unallocated',
    numeric: true,
    className: 'strong',
    cell: (payment) => money(payment.unallocated, payment.currency),
  },
  { header: 'State', cell: (payment) => <StatusBadge status={payment.state} tone="warn" /> },
];

/** Finance's receivables: what each party owes by days past due, and the payments nobody claimed yet. */
export const ReceivablesPage = () => {
  const asOf = useTypedDate(
    'date',
    OPERATOR_TIME_ZONE,
    wallClockOf(new Date(), OPERATOR_TIME_ZONE).slice(0, 10),
  );
  const receivables = useRead<Receivables>(RECEIVABLES, { asOf: asOf.settled });
  return (
    <section className="page">
      <div className="page-head">
        <h1>Receivables</h1>
        <TypedDateField id="as-of" label="As of" when={asOf} inline />
      </div>
      <Loaded read={receivables} what="Loading receivables">
        {({ receivablesAgeing: ageing, payments, tenants, partners }) => (
          <>
            <div className="panel">
              <h2>Ageing of issued invoices</h2>
              <p className="muted small">
                At the end of {localDate(ageing.asOf)}, {OPERATOR_TIME_ZONE}.
              </p>
              <DataTable
                columns={AGEING_COLUMNS}
                rows={ageing.parties}
                rowKey={(row) => `${row.party.kind}-${row.party.id}`}
                empty="Nothing outstanding."
                footer={<TotalRow total={ageing.total} />}
              />
            </div>
            <div className="panel">
              <h2>Unmatched payments</h2>
              <DataTable
                columns={PAYMENT_COLUMNS}
                rows={payments}
                empty="Every payment received is matched to its payer."
              />
            </div>
            <AllocatePaymentForm payments={payments} tenants={tenants} partners={partners} />
          </>
        )}
      </Loaded>
    </section>
  );
};
