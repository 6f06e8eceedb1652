import { useRead } from '../../api/hooks';
import { dateTime, instantOf, quantity, wallClockOf } from '../../format';
import { DataTable, type Column } from '../../ui/DataTable';
import { Loaded } from '../../ui/Loaded';
import { TypedDateField, useTypedDate } from '../../ui/TypedDateField';
import type { Site } from './SitesPage';

type Capacity = {
  siteCapacity: {
    at: string;
    powerCapacityKw: string;
    committedKw: string;
    gpus: { gpuModel: string; installed: number; reserved: number; available: number }[];
  };
};

const CAPACITY = `query At($siteId: ID!, $at: DateTime) { siteCapacity(siteId: $siteId, at: $at) {
  at powerCapacityKw committedKw gpus { gpuModel installed reserved available } } }`;

type GpuCapacity = {
  model: string;
  installed: string | number;
  reserved: string | number;
  available: string | number;
};

const FIGURES = [
  { key: 'installed', header: 'Installed' },
  { key: 'reserved', header: 'Reserved' },
  { key: 'available', header: 'Available', className: 'strong' },
] as const;

const COLUMNS: Column<GpuCapacity>[] = [
  { header: 'GPU model', cell: (row) => row.model },
  ...FIGURES.map((figure) => ({
    ...figure,
    numeric: true,
    cell: (row: GpuCapacity) => quantity(row[figure.key]),
  })),
];

/** Each GPU model, and the power as one more row (installed: the capacity, reserved: committed). */
const rowsOf = (capacity: Capacity['siteCapacity']): GpuCapacity[] => [
  ...capacity.gpus.map((gpus) => ({ ...gpus, model: gpus.gpuModel })),
  {
    model: 'Power (kW)',
    installed: capacity.powerCapacityKw,
    reserved: capacity.committedKw,
    available: Number(capacity.powerCapacityKw) - Number(capacity.committedKw),
  },
];

export const CapacityAt = ({ site, initial }: { site: Site; initial: string }) => {
  const when = useTypedDate(
    'dateTime',
    site.timeZone,
    wallClockOf(new Date(initial), site.timeZone),
  );
  const at = when.settled ? instantOf(when.settled, site.timeZone) : initial;
  const capacity = useRead<Capacity>(CAPACITY, { siteId: site.id, at });
  return (
    <div className="panel">
      <div className="panel-head">
        <h2>Free capacity at an instant</h2>
        <TypedDateField id="capacity-at" label="At" when={when} inline />
      </div>
      <Loaded read={capacity}>
        {({ siteCapacity }) => (
          <DataTable
            caption={`At ${dateTime(siteCapacity.at, site.timeZone)}`}
            columns={COLUMNS}
            rows={rowsOf(siteCapacity)}
            rowKey={(row) => row.model}
          />
        )}
      </Loaded>
    </div>
  );
};
