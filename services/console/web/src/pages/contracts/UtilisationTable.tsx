import { useState } from 'react';
import { useRead } from '../../api/hooks';
import { percent, quantity } from '../../format';
import { Empty, ErrorNote, Loading } from '../../ui/feedback';

type Utilisation = {
  gpuModel: string;
  reservedGpuHours: string;
  usedGpuHours: string;
  ratio: string;
};
const UTILISATION = `query Utilisation($id: ID!, $period: Period!) { contract(id: $id) { utilisation(period: $period) {
  gpuModel reservedGpuHours usedGpuHours ratio } } }`;

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
        <div className="inline">
          <label htmlFor="utilisation-period">Month</label>
          <input
            id="utilisation-period"
            type="month"
            value={period}
            onChange={(event) => setPeriod(event.target.value)}
          />
        </div>
      </div>
      {utilisation.isFetching ? <Loading /> : null}
      <ErrorNote error={utilisation.error} />
      {utilisation.data && rows.length === 0 ? (
        <Empty>Nothing reserved or used that month.</Empty>
      ) : null}
      {rows.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">GPU model</th>
              <th scope="col" className="num">
                Reserved GPU-hours
              </th>
              <th scope="col" className="num">
                Used GPU-hours
              </th>
              <th scope="col" className="num">
                Used / reserved
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.gpuModel}>
                <th scope="row">{row.gpuModel}</th>
                <td className="num">{quantity(row.reservedGpuHours)}</td>
                <td className="num">{quantity(row.usedGpuHours)}</td>
                <td className="num">{percent(String(Number(row.ratio) * 100))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
};
