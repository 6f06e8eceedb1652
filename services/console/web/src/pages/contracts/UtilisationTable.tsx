import { useState } from 'react';
import { useRead } from '../../api/hooks';
import { percent, quantity } from '../../format';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorNote, Loading } from '../../ui/feedback';
import { MonthField } from '../../ui/Field';

type Utilisation = {
  gpuModel: string;
  reservedGpuHours: string;
  usedGpuHours: string;
  ratio: string;
};
const UTILISATION = `query Utilisation($id: ID!, $period: Period!) { contract(id: $id) { utilisation(period: $period) {
  gpuModel reservedGpuHours usedGpuHours ratio } } }`;

const COLUMNS: Column<Utilisation>[] = [
  { header: 'GPU model', cell: (row) => row.gpuModel },
  { header: 'Reserved GPU-hours', numeric: true, cell: (row) => quantity(row.reservedGpuHours) },
  { header: 'Used GPU-hours', numeric: true, cell: (row) => quantity(row.usedGpuHours) },
  {
    header: 'Used / reserved',
    numeric: true,
    cell: (row) => percent(String(Number(row.ratio) * 100)),
  },
];

const lastMonth = () => {
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return month.toISOString().slice(0, 7);
};

export const UtilisationTable = ({
  contractId,
  initialPeriod = lastMonth(),
}: {
  contractId: string;
  initialPeriod?: string;
}) => {
  const [period, setPeriod] = useState(initialPeriod);
  const valid = /^\d{4}-\d{2}$/.test(period);
  const utilisation = useRead<{ contract: { utilisation: Utilisation[] } | null }>(
    UTILISATION,
    { id: contractId, period },
    valid,
  );
  const rows = utilisation.data?.contract?.utilisation ?? [];
  return (
    <div className="panel">
      <div className="panel-head">
        <h2>Utilisation of the reservation</h2>
        <MonthField id="utilisation-period" value={period} onChange={setPeriod} inline />
      </div>
      {utilisation.isFetching ? <Loading /> : null}
      <ErrorNote error={utilisation.error} />
      {utilisation.data ? (
        <DataTable
          columns={COLUMNS}
          rows={rows}
          rowKey={(row) => row.gpuModel}
          empty="Nothing reserved or used that month."
        />
      ) : null}
    </div>
  );
};
