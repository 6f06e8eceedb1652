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
import { useRead } from '../../api/hooks';
import { instantOf, quantity } from '../../format';
import { ErrorNote, Loading } from '../../ui/feedback';
import { PALETTE } from '../../ui/palette';
import type { Site } from './SitesPage';

type Capacity = {
  at: string;
  powerCapacityKw: string;
  committedKw: string;
  gpus: { gpuModel: string; installed: number; reserved: number }[];
};

const MONTHS = Array.from({ length: 12 }, (_, index) => index);
const monthLabel = (index: number) =>
  new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, index, 15)),
  );

/** Twelve samples (the 15th of each month at noon, site time) in one request, as aliases. */
const capacityQuery = () =>
  `query Capacity($siteId: ID!, ${MONTHS.map((m) => `$at${m}: DateTime!`).join(', ')}) { ${MONTHS.map(
    (m) =>
      `m${m}: siteCapacity(siteId: $siteId, at: $at${m}) { at powerCapacityKw committedKw gpus { gpuModel installed reserved } }`,
  ).join(' ')} }`;

export const CapacityChart = ({ site, year }: { site: Site; year: number }) => {
  const variables: Record<string, unknown> = { siteId: site.id };
  for (const m of MONTHS)
    variables[`at${m}`] = instantOf(
      `${year}-${String(m + 1).padStart(2, '0')}-15T12:00`,
      site.timeZone,
    );
  const capacity = useRead<Record<string, Capacity>>(capacityQuery(), variables);
  if (capacity.isPending) return <Loading what="Loading capacity" />;
  if (capacity.error) return <ErrorNote error={capacity.error} />;
  const models = site.gpuInventory.map((gpus) => gpus.gpuModel);
  const rows = MONTHS.map((m) => {
    const sample = capacity.data[`m${m}`];
    const row: Record<string, number | string> = { month: monthLabel(m) };
    if (!sample) return row;
    row.installed = sample.gpus.reduce((sum, gpus) => sum + gpus.installed, 0);
    for (const gpus of sample.gpus) row[gpus.gpuModel] = gpus.reserved;
    row.powerCapacityKw = Number(sample.powerCapacityKw);
    row.committedKw = Number(sample.committedKw);
    return row;
  });
  const format = (value: unknown) => quantity(Number(value));
  return (
    <div className="chart-pair">
      <figure className="chart" aria-label={`GPUs installed and reserved at ${site.name}, ${year}`}>
        <figcaption>GPUs: reserved by model against installed</figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid stroke="#e5e8ef" vertical={false} />
            <XAxis dataKey="month" tickLine={false} interval={0} />
            <YAxis tickFormatter={format} width={70} />
            <Tooltip formatter={format} />
            <Legend />
            {models.map((model, index) => (
              <Bar
                isAnimationActive={false}
                key={model}
                dataKey={model}
                name={`${model} reserved`}
                stackId="reserved"
                fill={PALETTE[index % PALETTE.length]}
              />
            ))}
            <Line
              isAnimationActive={false}
              type="stepAfter"
              dataKey="installed"
              name="installed"
              stroke="#1f2937"
              strokeWidth={2}
              dot={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
      <figure
        className="chart"
        aria-label={`Power capacity and committed power at ${site.name}, ${year}`}
      >
        <figcaption>Power (kW): committed against capacity</figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid stroke="#e5e8ef" vertical={false} />
            <XAxis dataKey="month" tickLine={false} interval={0} />
            <YAxis tickFormatter={format} width={70} />
            <Tooltip formatter={format} />
            <Legend />
            <Bar
              isAnimationActive={false}
              dataKey="committedKw"
              name="committed kW"
              fill={PALETTE[2]}
            />
            <Line
              isAnimationActive={false}
              type="stepAfter"
              dataKey="powerCapacityKw"
              name="capacity kW"
              stroke="#1f2937"
              strokeWidth={2}
              dot={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
      <p className="muted small">Sampled on the 15th of each month at noon, {site.timeZone}.</p>
    </div>
  );
};
