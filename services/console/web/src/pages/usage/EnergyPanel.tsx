import { useRead } from '../../api/hooks';
import { quantity } from '../../format';
import { ErrorNote, Loading } from '../../ui/feedback';
import { bars, Chart } from '../../ui/Chart';

type Consumption = {
  consumption: {
    meteredKwh: string;
    billedKwh: string;
    days: { day: string; meteredKwh: string; billedKwh: string; committedKw: string }[];
  };
};
const CONSUMPTION = `query Energy($contractId: ID!, $from: DateTime!, $to: DateTime!) { consumption(contractId: $contractId, from: $from, to: $to) {
  meteredKwh billedKwh days { day meteredKwh billedKwh committedKw } } }`;

/** Energy per day of one contract (metered, and billed with the PUE), in the contract's calendar. */
export const EnergyPanel = ({
  contractId,
  from,
  to,
}: {
  contractId: string;
  from: string;
  to: string;
}) => {
  const energy = useRead<Consumption>(CONSUMPTION, { contractId, from, to });
  const format = (value: unknown) => quantity(Math.round(Number(value)));
  return (
    <div className="panel">
      <h2>Energy per day, contract {contractId}</h2>
      {energy.isPending ? <Loading what="Loading energy" /> : null}
      <ErrorNote error={energy.error} />
      {energy.data ? (
        <>
          <p className="small">
            Metered {quantity(energy.data.consumption.meteredKwh)} kWh · billed (× PUE){' '}
            <strong>{quantity(energy.data.consumption.billedKwh)} kWh</strong>
          </p>
          <Chart
            label="Energy per day"
            height={220}
            data={energy.data.consumption.days.map((day) => ({
              day: String(Number(day.day.slice(8))),
              metered: Number(day.meteredKwh),
              billed: Number(day.billedKwh),
            }))}
            xKey="day"
            format={format}
            yWidth={80}
          >
            {bars([
              { key: 'metered', name: 'metered kWh', colour: 1 },
              { key: 'billed', name: 'billed kWh (× PUE)', colour: 2 },
            ])}
          </Chart>
        </>
      ) : null}
    </div>
  );
};
