import { Fragment, useState } from 'react';
import { useRead } from '../../api/hooks';
import { dateTime, money, percent, price, quantity } from '../../format';
import { ErrorNote, Loading } from '../../ui/feedback';

type Line = {
  index: number;
  kind: string;
  description: string;
  gpuModel: string | null;
  segmentStart: string;
  segmentEnd: string;
  quantity: string;
  unit: string;
  unitPrice: string | null;
  amount: string;
  correctsPeriod: string | null;
  sources: { eventIds: string[]; recordCount: number; recordDigest: string | null };
};
const LINES = `query Lines($id: ID!) { invoice(id: $id) { id currency contract { billingTimeZone }
  lines { index kind description gpuModel segmentStart segmentEnd quantity unit unitPrice amount correctsPeriod
    sources { eventIds recordCount recordDigest } } } }`;

const KINDS: Record<string, string> = {
  RESERVED_CAPACITY: 'Reserved capacity',
  ON_DEMAND_USAGE: 'On-demand usage',
  POWER_COMMITMENT: 'Power commitment',
  ENERGY: 'Energy',
  SLA_CREDIT: 'SLA credit',
  ADJUSTMENT: 'Adjustment',
};

/** A line priced on an amount (an SLA credit on the reserved capacity) has a rate, not a price. */
const unitPriceOf = (line: Line, currency: string) => {
  if (!line.unitPrice) return '—';
  if (line.unit === currency) return percent(String(Number(line.unitPrice) * 100));
  return price(line.unitPrice, currency);
};

/** An invoice's lines with where each amount comes from, and the records behind it on demand. */
export const InvoiceLines = ({ invoiceId }: { invoiceId: string }) => {
  const lines = useRead<{
    invoice: { currency: string; contract: { billingTimeZone: string }; lines: Line[] } | null;
  }>(LINES, { id: invoiceId });
  const [records, setRecords] = useState<number>();
  if (lines.isPending) return <Loading what="Loading lines" />;
  if (lines.error) return <ErrorNote error={lines.error} />;
  const invoice = lines.data.invoice;
  if (!invoice) return <p className="muted">This invoice is not visible.</p>;
  const zone = invoice.contract.billingTimeZone;
  return (
    <table className="lines">
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col">Period</th>
          <th scope="col" className="num">
            Quantity
          </th>
          <th scope="col" className="num">
            Unit price
          </th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col">Provenance</th>
        </tr>
      </thead>
      <tbody>
        {invoice.lines.map((line) => (
          <Fragment key={line.index}>
            <tr>
              <th scope="row">
                {KINDS[line.kind] ?? line.kind}
                <div className="muted small">{line.description}</div>
              </th>
              <td className="small">
                {dateTime(line.segmentStart, zone)} → {dateTime(line.segmentEnd, zone)}
              </td>
              <td className="num">
                {line.unit === invoice.currency
                  ? money(line.quantity, invoice.currency)
                  : `${quantity(line.quantity)} ${line.unit}`}
              </td>
              <td className="num">{unitPriceOf(line, invoice.currency)}</td>
              <td className="num strong">{money(line.amount, invoice.currency)}</td>
              <td className="small">
                {line.sources.recordCount > 0 ? (
                  <button
                    type="button"
                    className="link"
                    aria-expanded={records === line.index}
                    onClick={() => setRecords(records === line.index ? undefined : line.index)}
                  >
                    {quantity(line.sources.recordCount)} records
                  </button>
                ) : (
                  <span>
                    {line.sources.eventIds.length} event
                    {line.sources.eventIds.length === 1 ? '' : 's'}
                  </span>
                )}
                {line.sources.recordDigest ? (
                  <div className="muted mono" title={line.sources.recordDigest}>
                    digest {line.sources.recordDigest.slice(0, 12)}…
                  </div>
                ) : null}
              </td>
            </tr>
            {records === line.index ? (
              <tr className="detail">
                <td colSpan={6}>
                  <LineRecords invoiceId={invoiceId} lineIndex={line.index} zone={zone} />
                </td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
};

type RecordPage = {
  records: {
    id: string;
    gpuModel: string | null;
    startedAt: string;
    endedAt: string;
    quantity: string;
    eventId: string;
  }[];
  nextCursor: string | null;
};
const RECORDS = `query Records($id: ID!, $line: Int!, $after: String) { invoice(id: $id) {
  lineRecords(lineIndex: $line, after: $after, first: 20) { records { id gpuModel startedAt endedAt quantity eventId } nextCursor } } }`;

const LineRecords = ({
  invoiceId,
  lineIndex,
  zone,
}: {
  invoiceId: string;
  lineIndex: number;
  zone: string;
}) => {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const page = useRead<{ invoice: { lineRecords: RecordPage } | null }>(RECORDS, {
    id: invoiceId,
    line: lineIndex,
    after,
  });
  if (page.isPending) return <Loading what="Loading records" />;
  if (page.error) return <ErrorNote error={page.error} />;
  const found = page.data.invoice?.lineRecords;
  if (!found) return null;
  return (
    <div className="records">
      <table>
        <caption className="muted small">
          Metered records behind this line, page {cursors.length} (20 a page)
        </caption>
        <thead>
          <tr>
            <th scope="col">Record</th>
            <th scope="col">GPU</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col">Event</th>
          </tr>
        </thead>
        <tbody>
          {found.records.map((record) => (
            <tr key={record.id}>
              <th scope="row" className="mono">
                {record.id}
              </th>
              <td>{record.gpuModel ?? '—'}</td>
              <td>{dateTime(record.startedAt, zone)}</td>
              <td>{dateTime(record.endedAt, zone)}</td>
              <td className="num">{quantity(record.quantity)}</td>
              <td className="mono small">{record.eventId}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button
          type="button"
          className="secondary small"
          disabled={cursors.length === 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          Previous
        </button>
        <button
          type="button"
          className="secondary small"
          disabled={!found.nextCursor}
          onClick={() => found.nextCursor && setCursors([...cursors, found.nextCursor])}
        >
          Next
        </button>
      </div>
    </div>
  );
};
