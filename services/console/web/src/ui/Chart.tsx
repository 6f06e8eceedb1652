import type { ReactNode } from 'react';
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
import { PALETTE } from './palette';

/** A bar and line chart over one category axis (months, days), figures formatted the French way. */
export const Chart = ({
  label,
  caption,
  height,
  data,
  xKey,
  format,
  yWidth = 70,
  tooltipLabel,
  children,
}: {
  label: string;
  caption?: string;
  height: number;
  data: Record<string, number | string>[];
  xKey: string;
  format: (value: unknown) => string;
  yWidth?: number;
  tooltipLabel?: (label: unknown) => string;
  children: ReactNode;
}) => (
  <figure className="chart" aria-label={label}>
    {caption ? <figcaption>{caption}</figcaption> : null}
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e5e8ef" vertical={false} />
        <XAxis dataKey={xKey} tickLine={false} interval={0} />
        <YAxis tickFormatter={format} width={yWidth} />
        <Tooltip formatter={format} labelFormatter={tooltipLabel} />
        <Legend />
        {children}
      </ComposedChart>
    </ResponsiveContainer>
  </figure>
);

/** One bar a key (a GPU model), stacked when a stack is named, in the palette's colours. */
export const bars = (
  series: { key: string; name: string; colour?: number }[],
  stackId?: string,
): ReactNode[] =>
  series.map((one, index) => (
    <Bar
      isAnimationActive={false}
      key={one.key}
      dataKey={one.key}
      name={one.name}
      stackId={stackId}
      fill={PALETTE[(one.colour ?? index) % PALETTE.length]}
    />
  ));

/** The limit the bars stand against (installed, capacity, reserved), as a dark step line. */
export const limitLine = (key: string, name: string, dashed = false): ReactNode => (
  <Line
    isAnimationActive={false}
    key={key}
    type="stepAfter"
    dataKey={key}
    name={name}
    stroke="#1f2937"
    strokeWidth={2}
    strokeDasharray={dashed ? '6 3' : undefined}
    dot={false}
  />
);
