import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Link } from 'react-router';
import { useRead } from '../../api/hooks';
import { instantOf, money, quantity } from '../../format';
import { Badge, Empty, ErrorNote, Loading, statusTone } from '../../ui/feedback';
import { PALETTE } from '../../ui/palette';
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
      <dl className="facts totals">
        <div>
          <dt>GPU-hours used</dt>
          <dd className="strong">{quantity(report.totalGpuHours)}</dd>
        </div>
        <div>
          <dt>GPU-hours reserved</dt>
          <dd>{format(reservedTotal)}</dd>
        </div>
        {report.byModel.map((row) => (
          <div key={row.gpuModel}>
            <dt>{row.gpuModel}</dt>
            <dd>{quantity(row.gpuHours)} GPU-h</dd>
          </div>
        ))}
        <div>
          <dt>Energy billed</dt>
          <dd>
            {energy.length
              ? energy.map(({ line }) => `${quantity(line.quantity)} ${line.unit}`).join(' + ')
              : '—'}
          </dd>
        </div>
      </dl>
      <div className="panel">
        <h2>GPU-hours per day, by model, against the reservation</h2>
        {report.series.length === 0 && reservedTotal === 0 ? (
          <Empty>No usage and no reservation this month.</Empty>
        ) : (
          <figure className="chart" aria-label="GPU-hours per day against the reservation">
            <ResponsiveContainer width="100%" height={300}>
              <ComposedChart data={days} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
                <CartesianGrid stroke="#e5e8ef" vertical={false} />
                <XAxis dataKey="day" tickLine={false} interval={0} />
                <YAxis tickFormatter={format} width={80} />
                <Tooltip formatter={format} labelFormatter={(day) => `${day} ${month}`} />
                <Legend />
                {models.map((model, index) => (
                  <Bar
                    isAnimationActive={false}
                    key={model}
                    dataKey={model}
                    name={`${model} used`}
                    stackId="used"
                    fill={PALETTE[index % PALETTE.length]}
                  />
                ))}
                <Line
                  isAnimationActive={false}
                  type="stepAfter"
                  dataKey="reserved"
                  name="reserved"
                  stroke="#1f2937"
                  strokeWidth={2}
                  strokeDasharray="6 3"
                  dot={false}
                />
              </ComposedChart>
            </ResponsiveContainer>
          </figure>
        )}
      </div>
      {tenant.contracts.map((contract) => (
        <EnergyPanel key={contract.id} contractId={contract.id} from={from} to={to} />
      ))}
      <div className="panel">
        <h2>Invoices for the month</h2>
        {invoices.length === 0 ? (
          <Empty>No invoice issued for this month yet.</Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Invoice</th>
                <th scope="col">Energy</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((invoice) => (
                <tr key={invoice.id}>
                  <th scope="row">
                    <Link to={`/invoices/${encodeURIComponent(invoice.id)}`}>
                      {invoice.number ?? 'draft'}
                    </Link>
                  </th>
                  <td>
                    {invoice.lines
                      .filter((line) => line.kind === 'ENERGY')
                      .map(
                        (line) =>
                          `${quantity(line.quantity)} ${line.unit} · ${money(line.amount, invoice.currency)}`,
                      )
                      .join(', ') || '—'}
                  </td>
                  <td className="num strong">{money(invoice.total, invoice.currency)}</td>
                  <td>
                    <Badge tone={statusTone(invoice.status)}>{invoice.status.toLowerCase()}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
};
