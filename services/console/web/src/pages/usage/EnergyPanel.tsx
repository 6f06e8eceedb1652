import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useRead } from '../../api/hooks';
import { quantity } from '../../format';
import { ErrorNote, Loading } from '../../ui/feedback';
import { PALETTE } from '../../ui/palette';

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
          <figure className="chart" aria-label="Energy per day">
            <ResponsiveContainer width="100%" height={220}>
              <ComposedChart
                data={energy.data.consumption.days.map((day) => ({
                  day: String(Number(day.day.slice(8))),
                  metered: Number(day.meteredKwh),
                  billed: Number(day.billedKwh),
                }))}
                margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
              >
                <CartesianGrid stroke="#e5e8ef" vertical={false} />
                <XAxis dataKey="day" tickLine={false} interval={0} />
                <YAxis tickFormatter={format} width={80} />
                <Tooltip formatter={format} />
                <Legend />
                <Bar
                  isAnimationActive={false}
                  dataKey="metered"
                  name="metered kWh"
                  fill={PALETTE[1]}
                />
                <Bar
                  isAnimationActive={false}
                  dataKey="billed"
                  name="billed kWh (× PUE)"
                  fill={PALETTE[2]}
                />
              </ComposedChart>
            </ResponsiveContainer>
          </figure>
        </>
      ) : null}
    </div>
  );
};
