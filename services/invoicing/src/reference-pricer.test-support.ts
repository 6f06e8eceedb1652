import { DateTime } from 'luxon';

/**
 * The reference pricer of the differential test: `shared/design/billing-rules.md` read
 * independently of `@cadran/billing`, priced from raw records with no aggregation and no
 * shortcut, in exact rationals (BigInt fractions), each line rounded once, half-up.
 */

const H = 3_600_000n;

/** n/d, d > 0, never reduced: only compared and rounded. */
type Q = { n: bigint; d: bigint };
const q = (n: bigint, d = 1n): Q => (d < 0n ? { n: -n, d: -d } : { n, d });
const dec = (text: string): Q => {
  const [whole, fraction = ''] = text.split('.');
  return q(BigInt(whole! + fraction), 10n ** BigInt(fraction.length));
};
const add = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Q, b: Q): Q => add(a, q(-b.n, b.d));
const mul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
const cmp = (a: Q, b: Q) => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
const ZERO = q(0n);
const reduce = (a: Q): Q => {
  let [x, y] = [a.n < 0n ? -a.n : a.n, a.d];
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? ZERO : q(a.n / x, a.d / x);
};
/** Half-up (ties away from zero) to the cent, as "123.45". */
const cents = (a: Q): string => {
  const negative = a.n < 0n;
  const scaled = (negative ? -a.n : a.n) * 100n;
  let c = scaled / a.d;
  if ((scaled % a.d) * 2n >= a.d) c += 1n;
  const text = c.toString().padStart(3, '0');
  const out = `${text.slice(0, -2)}.${text.slice(-2)}`;
  return negative && c !== 0n ? `-${out}` : out;
};
const overlap = (a0: number, a1: number, b0: number, b1: number) =>
  BigInt(Math.max(0, Math.min(a1, b1) - Math.max(a0, b0)));

export type ScenarioCard = {
  /** -Infinity for the initial card. */
  fromMs: number;
  eventId: string;
  reserved: Record<string, string>;
  onDemand: Record<string, string>;
  power: string;
  energy: string | null;
  pue: string;
};

export type Scenario = {
  zone: string;
  period: string;
  startsMs: number;
  endsMs: number | null;
  terminatedMs: number | null;
  cards: ScenarioCard[];
  reservations: {
    id: string;
    model: string;
    count: number;
    startMs: number;
    endMs: number;
    cancelledMs: number | null;
  }[];
  commitments: { id: string; kw: string; startMs: number; endMs: number }[];
  incidents: {
    id: string;
    site: boolean;
    startMs: number;
    endMs: number | null;
    impacts: { model: string; count: number }[];
  }[];
  usage: { id: string; model: string; startMs: number; endMs: number; quantity: string }[];
  energy: { id: string; startMs: number; endMs: number; quantity: string }[];
};

export type ReferenceLine = {
  kind: string;
  gpuModel: string | null;
  segmentStart: number;
  segmentEnd: number;
  amount: string;
};

const DEFAULT_TIERS = [
  { below: dec('99.9'), credit: dec('10') },
  { below: dec('99.0'), credit: dec('25') },
  { below: dec('95.0'), credit: dec('100') },
];

function periodOf(period: string, zone: string): [number, number] {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const start = DateTime.fromObject({ year, month, day: 1 }, { zone });
  return [start.toMillis(), start.plus({ months: 1 }).toMillis()];
}

/** GPUs of a model reserved at instant t (billed spans). */
function reservedAt(spans: { startMs: number; endMs: number; count: number }[], t: number) {
  return spans.reduce((n, s) => (s.startMs <= t && t < s.endMs ? n + s.count : n), 0);
}

export function referencePrice(s: Scenario): ReferenceLine[] {
  const [ps, pe] = periodOf(s.period, s.zone);
  const termEnd = Math.min(s.endsMs ?? Infinity, s.terminatedMs ?? Infinity);
  const cardAt = (t: number) => s.cards.filter((c) => c.fromMs <= t).at(-1)!;
  const records = [...s.usage, ...s.energy];
  // A record is the contract's whole: what it puts past the term's end stays in the segment in force there.
  const meteredAfterTerm = records.some(
    (r) => dec(r.quantity).n !== 0n && overlap(r.startMs, r.endMs, Math.max(termEnd, ps), pe) > 0n,
  );
  const billedEnd = Math.min(pe, termEnd);
  const billedStart = Math.max(ps, s.startsMs);
  let segments: { start: number; end: number; card: ScenarioCard }[] = [];
  if (billedEnd > billedStart) {
    const cuts = [
      billedStart,
      ...s.cards.map((c) => c.fromMs).filter((t) => t > billedStart && t < billedEnd),
      billedEnd,
    ];
    for (let i = 0; i + 1 < cuts.length; i++)
      segments.push({ start: cuts[i]!, end: cuts[i + 1]!, card: cardAt(cuts[i]!) });
    if (meteredAfterTerm && termEnd < pe) segments.at(-1)!.end = pe;
  } else if (meteredAfterTerm && s.startsMs < pe && termEnd <= ps) {
    segments = [{ start: ps, end: pe, card: cardAt(termEnd - 1) }];
  }

  const spans = s.reservations.map((r) => ({
    ...r,
    startMs: Math.max(r.startMs, s.startsMs),
    endMs: Math.max(
      Math.max(r.startMs, s.startsMs),
      Math.min(r.endMs, r.cancelledMs ?? Infinity, termEnd),
    ),
  }));
  const commitments = s.commitments.map((c) => ({
    ...c,
    startMs: Math.max(c.startMs, s.startsMs),
    endMs: Math.max(Math.max(c.startMs, s.startsMs), Math.min(c.endMs, termEnd)),
  }));
  const metered = (list: typeof records, start: number, end: number) =>
    list.reduce(
      (sum, r) =>
        add(
          sum,
          mul(
            dec(r.quantity),
            q(overlap(r.startMs, r.endMs, start, end), BigInt(r.endMs - r.startMs)),
          ),
        ),
      ZERO,
    );

  // Availability over the whole period, per model, from every instant where something changes.
  const availability = new Map<string, Q>();
  for (const model of [...new Set(spans.map((r) => r.model))]) {
    const own = spans.filter((r) => r.model === model);
    const reserved = own.reduce(
      (n, r) => n + overlap(r.startMs, r.endMs, ps, pe) * BigInt(r.count),
      0n,
    );
    if (reserved === 0n) continue;
    let lost = 0n;
    for (const incident of s.incidents) {
      const cap = incident.site
        ? Infinity
        : incident.impacts.filter((i) => i.model === model).reduce((n, i) => n + i.count, 0);
      if (cap === 0) continue;
      const from = Math.max(incident.startMs, ps);
      const to = Math.min(incident.endMs ?? Infinity, pe);
      if (to <= from) continue;
      const points = [
        ...new Set([
          from,
          to,
          ...own.flatMap((r) => [r.startMs, r.endMs]).filter((t) => t > from && t < to),
        ]),
      ].sort((a, b) => a - b);
      for (let i = 0; i + 1 < points.length; i++)
        lost +=
          BigInt(points[i + 1]! - points[i]!) * BigInt(Math.min(cap, reservedAt(own, points[i]!)));
    }
    if (lost > reserved) lost = reserved;
    availability.set(model, q(reserved - lost, reserved));
  }

  const lines: ReferenceLine[] = [];
  const line = (
    kind: string,
    gpuModel: string | null,
    seg: { start: number; end: number },
    value: Q,
  ) =>
    lines.push({
      kind,
      gpuModel,
      segmentStart: seg.start,
      segmentEnd: seg.end,
      amount: cents(reduce(value)),
    });
  for (const seg of segments) {
    const reservedByModel = new Map<string, { gpuMs: bigint; fee: Q }>();
    for (const r of spans) {
      const gpuMs = overlap(r.startMs, r.endMs, seg.start, seg.end) * BigInt(r.count);
      if (gpuMs === 0n) continue;
      const amount = mul(q(gpuMs, H), dec(seg.card.reserved[r.model]!));
      line('RESERVED_CAPACITY', r.model, seg, amount);
      const model = reservedByModel.get(r.model) ?? { gpuMs: 0n, fee: ZERO };
      reservedByModel.set(r.model, {
        gpuMs: model.gpuMs + gpuMs,
        fee: add(model.fee, dec(cents(amount))),
      });
    }
    for (const model of [...new Set(s.usage.map((u) => u.model))].sort()) {
      const used = metered(
        s.usage.filter((u) => u.model === model),
        seg.start,
        seg.end,
      );
      const over = sub(used, q(reservedByModel.get(model)?.gpuMs ?? 0n, H));
      if (cmp(over, ZERO) > 0)
        line('ON_DEMAND_USAGE', model, seg, mul(over, dec(seg.card.onDemand[model]!)));
    }
    for (const c of commitments) {
      const ms = overlap(c.startMs, c.endMs, seg.start, seg.end);
      if (ms > 0n)
        line(
          'POWER_COMMITMENT',
          null,
          seg,
          mul(mul(dec(c.kw), q(ms, BigInt(pe - ps))), dec(seg.card.power)),
        );
    }
    const kwh = metered(s.energy, seg.start, seg.end);
    if (seg.card.energy !== null && cmp(kwh, ZERO) > 0)
      line('ENERGY', null, seg, mul(mul(kwh, dec(seg.card.pue)), dec(seg.card.energy)));
    for (const [model, { fee }] of [...reservedByModel].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const a = availability.get(model);
      if (a === undefined || fee.n === 0n) continue;
      const percent = DEFAULT_TIERS.filter((t) => cmp(t.below, mul(a, q(100n))) > 0).reduce(
        (max, t) => (cmp(t.credit, max) > 0 ? t.credit : max),
        ZERO,
      );
      if (percent.n !== 0n)
        line('SLA_CREDIT', model, seg, mul(fee, q(-percent.n, percent.d * 100n)));
    }
  }
  return lines;
}
