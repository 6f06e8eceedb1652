import Database from 'better-sqlite3';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { priceContractPeriod } from '@cadran/billing';
import type { DomainEvent, RateCardData } from '@cadran/domain';
import { drafted, signed, siteRegistered } from '@cadran/domain/testing';
import { createReadModelQueries } from '@cadran/projections';
import { createReadModelFeeder } from '@cadran/projections/testing';
import { billedParty, pricingInput } from './billing-inputs.js';
import { createDigestCache } from './record-provenance.js';
import {
  referencePrice,
  type Scenario,
  type ScenarioCard,
} from './reference-pricer.test-support.js';

/**
 * The fast path (the metered projection's hourly sums and boundary records, invoicing's pricing
 * input, the billing engine) against the reference pricer, on random contracts: every line to
 * the cent. CADRAN_DIFFERENTIAL_RUNS sets the number of scenarios (default 500).
 */
const RUNS = Number(process.env.CADRAN_DIFFERENTIAL_RUNS ?? 500);
/** CADRAN_DIFFERENTIAL_SEED replays the run fast-check reported (its `seed`). */
const SEED =
  process.env.CADRAN_DIFFERENTIAL_SEED === undefined
    ? undefined
    : Number(process.env.CADRAN_DIFFERENTIAL_SEED);
const ZONES = [
  'Europe/Paris',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Australia/Adelaide',
  'America/New_York',
  'UTC',
];
// DST months in both hemispheres, February and a 31-day month.
const PERIODS = ['2026-02', '2026-03', '2026-04', '2026-07', '2026-10', '2026-11'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MODELS = ['GB300', 'H200'];

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A decimal with at most `places` decimals, below `max`. */
const decimal = (max: number, places: number) =>
  fc
    .integer({ min: 0, max: max * 10 ** places })
    .map((n) => (n / 10 ** places).toFixed(places).replace(/\.?0+$/, '') || '0');

const card = (fromMs: number, eventId: string) =>
  fc
    .record({
      reserved: fc.tuple(decimal(9, 3), decimal(9, 3)),
      onDemand: fc.tuple(decimal(12, 3), decimal(12, 3)),
      power: decimal(300, 2),
      energy: fc.option(decimal(1, 4), { freq: 8 }),
      pue: fc.integer({ min: 100, max: 160 }).map((n) => (n / 100).toString()),
    })
    .map((c): ScenarioCard => ({
      fromMs,
      eventId,
      reserved: { GB300: c.reserved[0], H200: c.reserved[1] },
      onDemand: { GB300: c.onDemand[0], H200: c.onDemand[1] },
      power: c.power,
      energy: c.energy,
      pue: c.pue,
    }));

function periodOf(period: string, zone: string): [number, number] {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const start = DateTime.fromObject({ year, month, day: 1 }, { zone });
  return [start.toMillis(), start.plus({ months: 1 }).toMillis()];
}

/** An instant in [from, to), to the second, or on a whole hour when `aligned`. */
const instant = (from: number, to: number, aligned = false) =>
  fc
    .integer({ min: 0, max: Math.max(0, Math.floor((to - from) / 1000) - 1) })
    .map((s) =>
      aligned ? Math.max(from, Math.floor((from + s * 1000) / HOUR) * HOUR) : from + s * 1000,
    );

const scenario: fc.Arbitrary<Scenario> = fc
  .record({ zone: fc.constantFrom(...ZONES), period: fc.constantFrom(...PERIODS) })
  .chain(({ zone, period }) => {
    const [ps, pe] = periodOf(period, zone);
    const around = [ps - 5 * DAY, pe + 5 * DAY] as const;
    return fc
      .record({
        startsMs: fc.oneof(fc.constant(ps - 40 * DAY), instant(ps - 3 * DAY, pe)),
        endsAfter: fc.option(fc.integer({ min: 1, max: 45 * 86_400 }), { freq: 2 }),
        terminatesAfter: fc.option(fc.integer({ min: 1, max: 45 * 86_400 }), { freq: 3 }),
      })
      .chain(({ startsMs, endsAfter, terminatesAfter }) => {
        const endsMs = endsAfter === null ? null : startsMs + 40 * DAY + endsAfter * 1000;
        const terminatedMs =
          terminatesAfter === null ? null : startsMs + 35 * DAY + terminatesAfter * 1000;
        const termEnd = Math.min(endsMs ?? Infinity, terminatedMs ?? Infinity);
        const lastRecordStart = Math.min(termEnd, pe + DAY);
        const firstRecordStart = Math.max(startsMs, ps - 3 * DAY);
        const amendmentTimes = fc.uniqueArray(
          instant(Math.max(startsMs, ps - 2 * DAY) + 1000, Math.min(termEnd, pe + DAY)),
          { maxLength: 2 },
        );
        return amendmentTimes.chain((times) => {
          const boundaries = [ps, pe, startsMs, termEnd, ...times].filter(Number.isFinite);
          const record = fc.record({
            aligned: fc.boolean(),
            // Most records start near a boundary, where the hourly sums do not hold.
            startMs: fc.oneof(
              instant(firstRecordStart, lastRecordStart),
              fc
                .tuple(fc.constantFrom(...boundaries), fc.integer({ min: -3 * 3600, max: 3600 }))
                .map(([b, seconds]) => Math.max(firstRecordStart, b + seconds * 1000)),
            ),
            seconds: fc.oneof(
              fc.constant(3600),
              fc.integer({ min: 1, max: 3 * 3600 }),
              fc.integer({ min: 1, max: 70 * 3600 }),
            ),
            model: fc.constantFrom(...MODELS),
            quantity: decimal(5000, 6),
          });
          return fc.record({
            zone: fc.constant(zone),
            period: fc.constant(period),
            startsMs: fc.constant(startsMs),
            endsMs: fc.constant(endsMs),
            terminatedMs: fc.constant(terminatedMs),
            cards: fc.tuple(
              card(-Infinity, 'ev-drafted'),
              ...[...times].sort((a, b) => a - b).map((t, i) => card(t, `ev-amended-${i}`)),
            ),
            reservations: fc.array(
              fc.record({
                model: fc.constantFrom(...MODELS),
                count: fc.integer({ min: 1, max: 64 }),
                startMs: instant(...around),
                days: fc.integer({ min: 1, max: 40 * 86_400 }),
                cancelledAfter: fc.option(fc.integer({ min: 0, max: 40 * 86_400 }), { freq: 3 }),
              }),
              { maxLength: 2 },
            ),
            commitments: fc.array(
              fc.record({
                kw: decimal(900, 3),
                startMs: instant(...around),
                seconds: fc.integer({ min: 1, max: 40 * 86_400 }),
              }),
              { maxLength: 1 },
            ),
            incidents: fc.array(
              fc.record({
                site: fc.boolean(),
                startMs: instant(ps - DAY, pe),
                seconds: fc.option(fc.integer({ min: 1, max: 30 * 3600 }), { freq: 5 }),
                model: fc.constantFrom(...MODELS),
                count: fc.integer({ min: 1, max: 16 }),
              }),
              { maxLength: 2 },
            ),
            // Records start in the term (none when it ended days before the period).
            usage: fc.array(record, { maxLength: lastRecordStart > firstRecordStart ? 25 : 0 }),
            energy: fc.array(record, { maxLength: lastRecordStart > firstRecordStart ? 8 : 0 }),
          });
        });
      })
      .map((s): Scenario => {
        const records = (list: typeof s.usage, prefix: string) =>
          list
            .map((r, i) => {
              const startMs = r.aligned
                ? Math.max(s.startsMs, Math.ceil(r.startMs / HOUR) * HOUR)
                : r.startMs;
              return {
                id: `${prefix}-${i}`,
                model: r.model,
                startMs,
                endMs: startMs + r.seconds * 1000,
                quantity: r.quantity,
              };
            })
            .filter((r) => r.startMs < Math.min(s.endsMs ?? Infinity, s.terminatedMs ?? Infinity));
        return {
          zone: s.zone,
          period: s.period,
          startsMs: s.startsMs,
          endsMs: s.endsMs,
          terminatedMs: s.terminatedMs,
          cards: s.cards,
          reservations: s.reservations.map((r, i) => ({
            id: `r-${i}`,
            model: r.model,
            count: r.count,
            startMs: r.startMs,
            endMs: r.startMs + r.days * 1000,
            cancelledMs: r.cancelledAfter === null ? null : r.startMs + r.cancelledAfter * 1000,
          })),
          commitments: s.commitments.map((c, i) => ({
            id: `p-${i}`,
            kw: c.kw === '0' ? '1' : c.kw,
            startMs: c.startMs,
            endMs: c.startMs + c.seconds * 1000,
          })),
          incidents: s.incidents.map((incident, i) => ({
            id: `i-${i}`,
            site: incident.site,
            startMs: incident.startMs,
            endMs: incident.seconds === null ? null : incident.startMs + incident.seconds * 1000,
            impacts: incident.site ? [] : [{ model: incident.model, count: incident.count }],
          })),
          usage: records(s.usage, 'u'),
          energy: records(s.energy, 'e').map(({ model: _model, ...r }) => r),
        };
      });
  });

const rateCard = (c: ScenarioCard): RateCardData => ({
  gpuRates: MODELS.map((gpuModel) => ({
    gpuModel,
    reservedPricePerGpuHour: c.reserved[gpuModel]!,
    onDemandPricePerGpuHour: c.onDemand[gpuModel]!,
  })),
  powerPricePerKwMonth: c.power,
  energyPricePerKwh: c.energy,
  pue: c.pue,
  slaSchedule: [
    { availabilityBelowPercent: '99.9', creditPercent: '10' },
    { availabilityBelowPercent: '99.0', creditPercent: '25' },
    { availabilityBelowPercent: '95.0', creditPercent: '100' },
  ],
});

/** The scenario as the events the platform would have recorded, under ids of its own. */
function eventsOf(s: Scenario, n: number): DomainEvent[] {
  const [siteId, tenantId, contractId] = [`s-${n}`, `t-${n}`, `c-${n}`];
  const [initial, ...amendments] = s.cards;
  const at = { siteId, contractId };
  return [
    siteRegistered(siteId),
    {
      type: 'TenantOnboarded',
      data: { tenantId, name: 'T', countryCode: 'FR', vatId: null, address: null, partnerId: null },
    },
    drafted({
      contractId,
      tenantId,
      siteId,
      startsAt: iso(s.startsMs),
      endsAt: s.endsMs === null ? null : iso(s.endsMs),
      billingTimeZone: s.zone,
      rateCard: rateCard(initial!),
    }),
    signed(contractId),
    ...amendments.map((c, i): DomainEvent => ({
      type: 'ContractAmended',
      data: {
        contractId,
        amendmentId: `a-${i}`,
        effectiveAt: iso(c.fromMs),
        rateCard: rateCard(c),
        amendedAt: iso(s.startsMs),
      },
    })),
    ...(s.terminatedMs === null
      ? []
      : [
          {
            type: 'ContractTerminated',
            data: {
              contractId,
              effectiveAt: iso(s.terminatedMs),
              reason: 'test',
              terminatedAt: iso(s.startsMs),
            },
          } as DomainEvent,
        ]),
    ...s.reservations.flatMap((r): DomainEvent[] => [
      {
        type: 'CapacityReserved',
        data: {
          ...at,
          reservationId: `${contractId}-${r.id}`,
          tenantId,
          gpuModel: r.model,
          gpuCount: r.count,
          startsAt: iso(r.startMs),
          endsAt: iso(r.endMs),
        },
      },
      ...(r.cancelledMs === null
        ? []
        : [
            {
              type: 'ReservationCancelled',
              data: {
                ...at,
                reservationId: `${contractId}-${r.id}`,
                reason: 'test',
                cancelledAt: iso(r.cancelledMs),
              },
            } as DomainEvent,
          ]),
    ]),
    ...s.commitments.map((c): DomainEvent => ({
      type: 'PowerCommitted',
      data: {
        ...at,
        commitmentId: `${contractId}-${c.id}`,
        tenantId,
        kw: c.kw,
        startsAt: iso(c.startMs),
        endsAt: iso(c.endMs),
      },
    })),
    ...s.incidents.flatMap((incident): DomainEvent[] => [
      {
        type: 'IncidentOpened',
        data: {
          incidentId: `${contractId}-${incident.id}`,
          siteId,
          scope: incident.site ? 'SITE' : 'GPUS',
          startedAt: iso(incident.startMs),
          description: 'test',
          impacts: incident.impacts.map((i) => ({
            contractId,
            gpuModel: i.model,
            gpuCount: i.count,
          })),
        },
      },
      ...(incident.endMs === null
        ? []
        : [
            {
              type: 'IncidentResolved',
              data: { incidentId: `${contractId}-${incident.id}`, resolvedAt: iso(incident.endMs) },
            } as DomainEvent,
          ]),
    ]),
    ...s.usage.map((r): DomainEvent => ({
      type: 'GpuUsageRecorded',
      data: {
        recordId: `${contractId}-${r.id}`,
        tenantId,
        siteId,
        gpuModel: r.model,
        startedAt: iso(r.startMs),
        endedAt: iso(r.endMs),
        gpuHours: r.quantity,
        contractId,
      },
    })),
    ...s.energy.map((r): DomainEvent => ({
      type: 'EnergyRecorded',
      data: {
        recordId: `${contractId}-${r.id}`,
        tenantId,
        siteId,
        startedAt: iso(r.startMs),
        endedAt: iso(r.endMs),
        kwh: r.quantity,
        contractId,
      },
    })),
  ];
}

const sorted = (
  lines: {
    kind: string;
    gpuModel: string | null;
    segmentStart: string;
    segmentEnd: string;
    amount: string;
  }[],
) =>
  lines
    .map((l) => `${l.kind} ${l.gpuModel ?? '-'} ${l.segmentStart}–${l.segmentEnd} ${l.amount}`)
    .sort();

describe('the fast path prices every line as the reference pricer does', () => {
  it(`on ${RUNS} random contracts, zones, amendments, terminations and records at any second`, () => {
    const db = new Database(':memory:');
    const feeder = createReadModelFeeder(db);
    const queries = createReadModelQueries(db);
    const deps = { queries, digests: createDigestCache(db, queries) };
    let n = 0;
    let lines = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        n += 1;
        feeder.feed(eventsOf(s, n));
        const contract = queries.contract(`c-${n}`)!;
        const fast = priceContractPeriod(
          pricingInput(deps, contract, billedParty(queries, contract), s.period),
        );
        const reference = referencePrice(s).map((l) => ({
          ...l,
          segmentStart: iso(l.segmentStart),
          segmentEnd: iso(l.segmentEnd),
        }));
        lines += reference.length;
        expect(sorted(fast.lines)).toEqual(sorted(reference));
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The scenarios price something: a generator gone blank would pass for nothing.
    expect(lines).toBeGreaterThan(RUNS);
    db.close();
  }, 300_000);
});
