import { useState } from 'react';
import { useRead } from '../../api/hooks';
import { money, OPERATOR_TIME_ZONE, wallClockOf } from '../../format';
import { Badge, Empty, ErrorNote, Loading } from '../../ui/feedback';

type Amounts = {
  notYetDue: string;
  days1To30: string;
  days31To60: string;
  days61To90: string;
  over90: string;
  total: string;
};
type Receivables = {
  receivablesAgeing: {
    asOf: string;
    parties: (Amounts & { party: { kind: string; id: string }; partyName: string })[];
    total: Amounts;
  };
  payments: {
    id: string;
    amount: string;
    currency: string;
    valueDate: string;
    payerName: string;
    bankReference: string | null;
    remittance: string;
    unallocated: string;
    state: string;
  }[];
};
const RECEIVABLES = `query Receivables($asOf: String) {
  receivablesAgeing(asOf: $asOf) { asOf parties { party { kind id } partyName notYetDue days1To30 days31To60 days61To90 over90 total }
    total { notYetDue days1To30 days31To60 days61To90 over90 total } }
  payments(unmatched: true) { id amount currency valueDate payerName bankReference remittance unallocated state } }`;

const BUCKETS: { key: keyof Amounts; label: string }[] = [
  { key: 'notYetDue', label: 'Not yet due' },
  { key: 'days1To30', label: '1–30 days' },
  { key: 'days31To60', label: '31–60 days' },
  { key: 'days61To90', label: '61–90 days' },
  { key: 'over90', label: 'Over 90 days' },
  { key: 'total', label: 'Outstanding' },
];

/** Finance's receivables: what each party owes by days past due, and the payments nobody claimed yet. */
export const ReceivablesPage = () => {
  const [asOf, setAsOf] = useState(() => wallClockOf(new Date(), OPERATOR_TIME_ZONE).slice(0, 10));
  const receivables = useRead<Receivables>(RECEIVABLES, {
    asOf: /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : undefined,
  });
  const ageing = receivables.data?.receivablesAgeing;
  const unmatched = receivables.data?.payments ?? [];
  return (
    <section className="page">
      <div className="page-head">
        <h1>Receivables</h1>
        <div className="inline">
          <label htmlFor="as-of">As of ({OPERATOR_TIME_ZONE})</label>
          <input
            id="as-of"
            type="date"
            value={asOf}
            onChange={(event) => setAsOf(event.target.value)}
          />
        </div>
      </div>
      {receivables.isPending ? <Loading what="Loading receivables" /> : null}
      <ErrorNote error={receivables.error} />
      {ageing ? (
        <div className="panel">
          <h2>Ageing of issued invoices</h2>
          {ageing.parties.length === 0 ? (
            <Empty>Nothing outstanding.</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Bill to</th>
                  {BUCKETS.map((bucket) => (
                    <th key={bucket.key} scope="col" className="num">
                      {bucket.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ageing.parties.map((row) => (
                  <tr key={`${row.party.kind}-${row.party.id}`}>
                    <th scope="row">
                      {row.partyName}{' '}
                      <span className="muted small">
                        {row.party.kind.toLowerCase()} {row.party.id}
                      </span>
                    </th>
                    {BUCKETS.map((bucket) => (
                      <td
                        key={bucket.key}
                        className={`num${bucket.key === 'total' ? ' strong' : ''}`}
                      >
                        {money(row[bucket.key])}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr className="total-row">
                  <th scope="row">Total</th>
                  {BUCKETS.map((bucket) => (
                    <td key={bucket.key} className="num strong">
                      {money(ageing.total[bucket.key])}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          )}
        </div>
      ) : null}
      {receivables.data ? (
        <div className="panel">
          <h2>Unmatched payments</h2>
          {unmatched.length === 0 ? (
            <Empty>Every payment received is matched to its payer.</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Payment</th>
                  <th scope="col">Value date</th>
                  <th scope="col">Payer</th>
                  <th scope="col">Remittance</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col" className="num">
                    Unallocated
                  </th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {unmatched.map((payment) => (
                  <tr key={payment.id}>
                    <th scope="row" className="mono">
                      {payment.bankReference ?? payment.id}
                    </th>
                    <td>{payment.valueDate.split('-').reverse().join('/')}</td>
                    <td>{payment.payerName}</td>
                    <td>{payment.remittance || '—'}</td>
                    <td className="num">{money(payment.amount, payment.currency)}</td>
                    <td className="num strong">{money(payment.unallocated, payment.currency)}</td>
                    <td>
                      <Badge tone="warn">{payment.state.toLowerCase().replace('_', ' ')}</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="muted small">
            Allocating a payment to its payer is done with the API's allocatePayment
            (docs/receivables.md).
          </p>
        </div>
      ) : null}
    </section>
  );
};
