import { useRead } from '../../api/hooks';
import { instantOf, money, quantity } from '../../format';
import { DataTable, type Column } from '../../ui/DataTable';
import { Facts } from '../../ui/Facts';
import { Empty, ErrorNote, Loading, StatusBadge } from '../../ui/feedback';
import { InvoiceLink } from '../../ui/links';
import { bars, Chart, limitLine } from '../../ui/Chart';
import { EnergyPanel } from './EnergyPanel';
import type { TenantContracts } from './UsagePage';

type Usage = {
  usage: {
    totalGpuHours: string;
    byModel: { gpuModel: string; gpuHours: string }[];
    series: { bucketStart: string; gpuModel: string; gpuHours: string }[];
  };
  invoices: {
    id: string;
    number: string | null;
    status: string;
    total: string;
    currency: string;
    lines: { kind: string; quantity: string; unit: string; amount: string }[];
  }[];
};
const USAGE = `query Usage($tenantId: ID!, $from: DateTime!, $to: DateTime!, $zone: String!, $period: Period!) {
  usage(tenantId: $tenantId, from: $from, to: $to, granularity: DAY, timeZone: $zone) {
    totalGpuHours byModel { gpuModel gpuHours } series { bucketStart gpuModel gpuHours } }
  invoices(tenantId: $tenantId, period: $period) { id number status total currency lines { kind quantity unit amount } } }`;

type MonthInvoice = Usage['invoices'][number];

const energyOf = (invoice: MonthInvoice) =>
  invoice.lines
    .filter((line) => line.kind === 'ENERGY')
    .map(
      (line) => `${quantity(line.quantity)} ${line.unit} · ${money(line.amount, invoice.currency)}`,
    )
    .join(', ') || '—';

const INVOICE_COLUMNS: Column<MonthInvoice>[] = [
  {
    header: 'Invoice',
    cell: (invoice) => <InvoiceLink id={invoice.id}>{invoice.number ?? 'draft'}</InvoiceLink>,
  },
  { header: 'Energy', cell: energyOf },
  {
    header: 'Total',
    numeric: true,
    className: 'strong',
    cell: (invoice) => money(invoice.total, invoice.currency),
  },
  { header: 'Status', cell: (invoice) => <StatusBadge status={invoice.status} /> },
];

const HOUR_MS = 3_600_000;
const nextMonth = (month: string) => {
  const [year = 1970, number = 1] = month.split('-').map(Number);
  return new Date(Date.UTC(year, number, 1)).toISOString().slice(0, 7);
};

/** GPU-hours the tenant's reservations give over [start, end). */
const reservedHours = (tenant: TenantContracts, start: number, end: number) => {
  let hours = 0;
  for (const contract of tenant.contracts)
    for (const reservation of contract.reservations) {
      if (reservation.cancelled) continue;
      const overlap =
        Math.min(end, Date.parse(reservation.endsAt)) -
        Math.max(start, Date.parse(reservation.startsAt));
      if (overlap > 0) hours += (reservation.gpuCount * overlap) / HOUR_MS;
    }
  return hours;
};

export const TenantMonth = ({
  tenant,
  month,
  zone,
}: {
  tenant: TenantContracts;
  month: string;
  zone: string;
}) => {
  const from = instantOf(`${month}-01T00:00`, zone);
  const to = instantOf(`${nextMonth(month)}-01T00:00`, zone);
  const usage = useRead<Usage>(USAGE, { tenantId: tenant.id, from, to, zone, period: month });
  if (usage.isPending) return <Loading what="Loading usage" />;
  if (usage.error) return <ErrorNote error={usage.error} />;
  const { usage: report, invoices } = usage.data;
  const models = report.byModel.map((row) => row.gpuModel);
  const days: Record<string, number | string>[] = [];
  for (let day = 1; ; day += 1) {
    const local = `${month}-${String(day).padStart(2, '0')}`;
    if (day > 31 || new Date(`${local}T12:00:00Z`).toISOString().slice(0, 7) !== month) break;
    const start = Date.parse(instantOf(`${local}T00:00`, zone));
    const end = Date.parse(
      instantOf(
        `${new Date(Date.parse(`${local}T12:00:00Z`) + 24 * HOUR_MS).toISOString().slice(0, 10)}T00:00`,
        zone,
      ),
    );
    const row: Record<string, number | string> = {
      day: String(day),
      reserved: reservedHours(tenant, start, end),
    };
    for (const point of report.series)
      if (Date.parse(point.bucketStart) === start) row[point.gpuModel] = Number(point.gpuHours);
    days.push(row);
  }
  const reservedTotal = reservedHours(tenant, Date.parse(from), Date.parse(to));
  const energy = invoices.flatMap((invoice) =>
    invoice.lines.filter((line) => line.kind === 'ENERGY').map((line) => ({ line, invoice })),
  );
  const format = (value: unknown) => quantity(Math.round(Number(value) * 100) / 100);
  return (
    <>
      <Facts
        totals
        facts={[
          { term: 'GPU-hours used', value: quantity(report.totalGpuHours), strong: true },
          { term: 'GPU-hours reserved', value: format(reservedTotal) },
          ...report.byModel.map((row) => ({
            term: row.gpuModel,
            value: `${quantity(row.gpuHours)} GPU-h`,
          })),
          {
            term: 'Energy billed',
            value: energy.length
              ? energy.map(({ line }) => `${quantity(line.quantity)} ${line.unit}`).join(' + ')
              : '—',
          },
        ]}
      />
      <div className="panel">
        <h2>GPU-hours per day, by model, against the reservation</h2>
        {report.series.length === 0 && reservedTotal === 0 ? (
          <Empty>No usage and no reservation this month.</Empty>
        ) : (
          <Chart
            label="GPU-hours per day against the reservation"
            height={300}
            data={days}
            xKey="day"
            format={format}
            yWidth={80}
            tooltipLabel={(day) => `${String(day)} ${month}`}
          >
            {bars(
              models.map((model) => ({ key: model, name: `${model} used` })),
              'used',
            )}
            {limitLine('reserved', 'reserved', true)}
          </Chart>
        )}
      </div>
      {tenant.contracts.map((contract) => (
        <EnergyPanel key={contract.id} contractId={contract.id} from={from} to={to} />
      ))}
      <div className="panel">
        <h2>Invoices for the month</h2>
        <DataTable
          columns={INVOICE_COLUMNS}
          rows={invoices}
          empty="No invoice issued for this month yet."
        />
      </div>
    </>
  );
};
