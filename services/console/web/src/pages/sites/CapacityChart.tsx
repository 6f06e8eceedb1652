import { useRead } from '../../api/hooks';
import { instantOf, quantity } from '../../format';
import { ErrorNote, Loading } from '../../ui/feedback';
import { bars, Chart, limitLine } from '../../ui/Chart';
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
  const label = (what: string) => `${what} at ${site.name}, ${year}`;
  const months = { height: 260, data: rows, xKey: 'month', format };
  return (
    <div className="chart-pair">
      <Chart
        label={label('GPUs installed and reserved')}
        caption="GPUs: reserved by model against installed"
        {...months}
      >
        {bars(
          models.map((model) => ({ key: model, name: `${model} reserved` })),
          'reserved',
        )}
        {limitLine('installed', 'installed')}
      </Chart>
      <Chart
        label={label('Power capacity and committed power')}
        caption="Power (kW): committed against capacity"
        {...months}
      >
        {bars([{ key: 'committedKw', name: 'committed kW', colour: 2 }])}
        {limitLine('powerCapacityKw', 'capacity kW')}
      </Chart>
      <p className="muted small">Sampled on the 15th of each month at noon, {site.timeZone}.</p>
    </div>
  );
};
