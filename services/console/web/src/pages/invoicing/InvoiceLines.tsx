import { useState } from 'react';
import { useRead } from '../../api/hooks';
import { dateTime, money, percent, price, quantity } from '../../format';
import { DataTable, type Column } from '../../ui/DataTable';
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
  const columns: Column<Line>[] = [
    {
      header: 'Line',
      cell: (line) => (
        <>
          {KINDS[line.kind] ?? line.kind}
          <div className="muted small">{line.description}</div>
        </>
      ),
    },
    {
      header: 'Period',
      className: 'small',
      cell: (line) => `${dateTime(line.segmentStart, zone)} → ${dateTime(line.segmentEnd, zone)}`,
    },
    {
      header: 'Quantity',
      numeric: true,
      cell: (line) =>
        line.unit === invoice.currency
          ? money(line.quantity, invoice.currency)
          : `${quantity(line.quantity)} ${line.unit}`,
    },
    { header: 'Unit price', numeric: true, cell: (line) => unitPriceOf(line, invoice.currency) },
    {
      header: 'Amount',
      numeric: true,
      className: 'strong',
      cell: (line) => money(line.amount, invoice.currency),
    },
    {
      header: 'Provenance',
      className: 'small',
      cell: (line) => (
        <Provenance
          line={line}
          open={records === line.index}
          onToggle={() => setRecords(records === line.index ? undefined : line.index)}
        />
      ),
    },
  ];
  return (
    <DataTable
      className="lines"
      columns={columns}
      rows={invoice.lines}
      rowKey={(line) => line.index}
      detail={(line) =>
        records === line.index ? (
          <LineRecords invoiceId={invoiceId} lineIndex={line.index} zone={zone} />
        ) : null
      }
    />
  );
};

/** Where a line's amount comes from: the metered records (opened on demand) or the events. */
const Provenance = ({
  line,
  open,
  onToggle,
}: {
  line: Line;
  open: boolean;
  onToggle: () => void;
}) => (
  <>
    {line.sources.recordCount > 0 ? (
      <button type="button" className="link" aria-expanded={open} onClick={onToggle}>
        {quantity(line.sources.recordCount)} records
      </button>
    ) : (
      <span>
        {line.sources.eventIds.length} event{line.sources.eventIds.length === 1 ? '' : 's'}
      </span>
    )}
    {line.sources.recordDigest ? (
      <div className="muted mono" title={line.sources.recordDigest}>
        digest {line.sources.recordDigest.slice(0, 12)}…
      </div>
    ) : null}
  </>
);

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

const recordColumns = (zone: string): Column<RecordPage['records'][number]>[] => [
  { header: 'Record', className: 'mono', cell: (record) => record.id },
  { header: 'GPU', cell: (record) => record.gpuModel ?? '—' },
  { header: 'From', cell: (record) => dateTime(record.startedAt, zone) },
  { header: 'To', cell: (record) => dateTime(record.endedAt, zone) },
  { header: 'Quantity', numeric: true, cell: (record) => quantity(record.quantity) },
  { header: 'Event', className: 'mono small', cell: (record) => record.eventId },
];

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
      <DataTable
        caption={`Metered records behind this line, page ${cursors.length} (20 a page)`}
        columns={recordColumns(zone)}
        rows={found.records}
      />
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
