import { useState } from 'react';
import { useRead } from '../../api/hooks';
import { instantOf, quantity, wallClockOf } from '../../format';
import { ErrorNote, Loading } from '../../ui/feedback';
import { CapacityAt } from './CapacityAt';
import { CapacityChart } from './CapacityChart';

export type Site = {
  id: string;
  name: string;
  countryCode: string;
  timeZone: string;
  powerCapacityKw: string;
  gpuInventory: { gpuModel: string; count: number }[];
};

const SITES = `{ sites { id name countryCode timeZone powerCapacityKw gpuInventory { gpuModel count } } }`;

export const SitesPage = () => {
  const sites = useRead<{ sites: Site[] }>(SITES);
  const [chosen, setChosen] = useState<string>();
  if (sites.isPending) return <Loading what="Loading sites" />;
  if (sites.error) return <ErrorNote error={sites.error} />;
  const list = sites.data.sites;
  const site = list.find((candidate) => candidate.id === chosen) ?? list[0];
  return (
    <section className="page">
      <div className="page-head">
        <h1>Sites &amp; capacity</h1>
      </div>
      <div className="cards">
        {list.map((candidate) => (
          <button
            type="button"
            key={candidate.id}
            className={`site-card${candidate === site ? ' selected' : ''}`}
            aria-pressed={candidate === site}
            onClick={() => setChosen(candidate.id)}
          >
            <strong>{candidate.name}</strong>
            <span className="muted">
              {candidate.id} · {candidate.countryCode} · {candidate.timeZone}
            </span>
            <span>
              {candidate.gpuInventory
                .map((gpus) => `${quantity(gpus.count)} ${gpus.gpuModel}`)
                .join(' · ')}
            </span>
            <span>{quantity(candidate.powerCapacityKw)} kW</span>
          </button>
        ))}
      </div>
      {site ? (
        <SiteDetail key={site.id} site={site} />
      ) : (
        <p className="empty">No site is registered yet.</p>
      )}
    </section>
  );
};

const SiteDetail = ({ site }: { site: Site }) => {
  const [year, setYear] = useState(() =>
    Number(wallClockOf(new Date(), site.timeZone).slice(0, 4)),
  );
  return (
    <>
      <div className="panel">
        <div className="panel-head">
          <h2>
            {site.name}: installed and reserved over {year}
          </h2>
          <div className="inline">
            <label htmlFor="year">Year</label>
            <input
              id="year"
              type="number"
              min={2000}
              max={2100}
              value={year}
              onChange={(event) => setYear(Number(event.target.value) || year)}
            />
          </div>
        </div>
        <CapacityChart site={site} year={year} />
      </div>
      <CapacityAt
        site={site}
        initial={instantOf(wallClockOf(new Date(), site.timeZone), site.timeZone)}
      />
    </>
  );
};
