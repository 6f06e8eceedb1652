import { useState } from 'react';
import { useRead } from '../../api/hooks';
import { dateTime, instantOf, quantity, wallClockOf } from '../../format';
import { ErrorNote, Loading } from '../../ui/feedback';
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

export const CapacityAt = ({ site, initial }: { site: Site; initial: string }) => {
  const [local, setLocal] = useState(() => wallClockOf(new Date(initial), site.timeZone));
  const at = local ? instantOf(local, site.timeZone) : initial;
  const capacity = useRead<Capacity>(CAPACITY, { siteId: site.id, at });
  const data = capacity.data?.siteCapacity;
  return (
    <div className="panel">
      <div className="panel-head">
        <h2>Free capacity at an instant</h2>
        <div className="inline">
          <label htmlFor="capacity-at">At ({site.timeZone})</label>
          <input
            id="capacity-at"
            type="datetime-local"
            value={local}
            onChange={(event) => setLocal(event.target.value)}
          />
        </div>
      </div>
      {capacity.isPending ? <Loading /> : null}
      <ErrorNote error={capacity.error} />
      {data ? (
        <table>
          <caption className="muted">At {dateTime(data.at, site.timeZone)}</caption>
          <thead>
            <tr>
              <th scope="col">GPU model</th>
              <th scope="col" className="num">
                Installed
              </th>
              <th scope="col" className="num">
                Reserved
              </th>
              <th scope="col" className="num">
                Available
              </th>
            </tr>
          </thead>
          <tbody>
            {data.gpus.map((gpus) => (
              <tr key={gpus.gpuModel}>
                <th scope="row">{gpus.gpuModel}</th>
                <td className="num">{quantity(gpus.installed)}</td>
                <td className="num">{quantity(gpus.reserved)}</td>
                <td className="num strong">{quantity(gpus.available)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Power (kW)</th>
              <td className="num">{quantity(data.powerCapacityKw)}</td>
              <td className="num">{quantity(data.committedKw)}</td>
              <td className="num strong">
                {quantity(Number(data.powerCapacityKw) - Number(data.committedKw))}
              </td>
            </tr>
          </tbody>
        </table>
      ) : null}
    </div>
  );
};
