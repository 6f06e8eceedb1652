import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { streams, toStored, type DomainErrorCode } from '@cadran/domain';
import {
  drafted,
  expectRefused,
  sequentialIds,
  tempDir,
  type TempDir,
} from '@cadran/domain/testing';
import { createSqliteEventStore, type SqliteEventStore } from '@cadran/event-store';
import { createSlaService, type SlaService } from './sla-service.js';

let temp: TempDir;
let store: SqliteEventStore;
let sla: SlaService;

beforeEach(async () => {
  temp = tempDir('cadran-sla-');
  store = createSqliteEventStore({ path: temp.file('events.db') });
  sla = createSlaService({ store, newId: sequentialIds('i-gen') });
  // The contracts service writes these; the SLA service only reads them.
  await store.appendToStream(streams.site('bru-1'), [
    toStored({
      type: 'SiteRegistered',
      data: {
        siteId: 'bru-1',
        name: 'Bruyères',
        countryCode: 'FR',
        timeZone: 'Europe/Paris',
        powerCapacityKw: '44000',
        gpuInventory: [{ gpuModel: 'H200', count: 2048 }],
      },
    }),
  ]);
  for (const [contractId, siteId] of [
    ['c-mistral', 'bru-1'],
    ['c-elsewhere', 'par-2'],
  ] as const) {
    await store.appendToStream(streams.contract(contractId), [
      toStored(
        drafted({
          contractId,
          siteId,
          startsAt: '2026-01-01T00:00:00Z',
          rateCard: {
            gpuRates: [],
            powerPricePerKwMonth: '145',
            energyPricePerKwh: null,
            pue: '1',
            slaSchedule: [],
          },
        }),
      ),
    ]);
  }
});
afterEach(async () => {
  await store.close();
  temp.remove();
});

const gpuIncident = {
  id: 'i-1',
  siteId: 'bru-1',
  scope: 'GPUS',
  startedAt: '2026-04-10T10:00:00+02:00',
  description: 'rack 12 down',
  impacts: [{ contractId: 'c-mistral', gpuModel: 'H200', gpuCount: 32 }],
};

describe('SLA service on SQLite', () => {
  it('opens and resolves an incident, each once', async () => {
    const opened = await sla.openIncident(gpuIncident, { actor: 'ops@cadran' });
    expect(opened.value).toMatchObject({
      incidentId: 'i-1',
      startedAt: '2026-04-10T08:00:00Z',
      resolvedAt: null,
    });
    expect(opened.position).toBe(await store.headPosition());
    expect((await sla.openIncident(gpuIncident)).written).toBe(0);
    const resolved = await sla.resolveIncident({ id: 'i-1', resolvedAt: '2026-04-10T18:00:00Z' });
    expect(resolved.value.resolvedAt).toBe('2026-04-10T18:00:00Z');
    expect(
      (await sla.resolveIncident({ id: 'i-1', resolvedAt: '2026-04-10T18:00:00Z' })).written,
    ).toBe(0);
    const events = await store.readStream('incident-i-1');
    expect(events.map((e) => [e.type, e.metadata.schemaVersion])).toEqual([
      ['IncidentOpened', 1],
      ['IncidentResolved', 1],
    ]);
    expect(events[0]!.metadata.actor).toBe('ops@cadran');
  });

  it('opens a site-wide incident with a generated id', async () => {
    const opened = await sla.openIncident({
      siteId: 'bru-1',
      scope: 'SITE',
      startedAt: '2026-03-10T08:00:00Z',
      description: 'power',
    });
    expect(opened.value).toMatchObject({ incidentId: 'i-gen-1', impacts: [] });
  });

  it('leaves no trace in the log for any kind of refusal', async () => {
    await sla.openIncident(gpuIncident);
    const refusals: [() => Promise<unknown>, DomainErrorCode, RegExp][] = [
      [
        () => sla.openIncident({ ...gpuIncident, id: 'i-2', siteId: 'nowhere' }),
        'NOT_FOUND',
        /no site nowhere/,
      ],
      [
        () =>
          sla.openIncident({
            ...gpuIncident,
            id: 'i-2',
            impacts: [{ contractId: 'c-none', gpuModel: 'H200', gpuCount: 1 }],
          }),
        'NOT_FOUND',
        /no contract c-none/,
      ],
      [
        () =>
          sla.openIncident({
            ...gpuIncident,
            id: 'i-2',
            impacts: [{ contractId: 'c-elsewhere', gpuModel: 'H200', gpuCount: 1 }],
          }),
        'BAD_USER_INPUT',
        /a contract at site bru-1/,
      ],
      [
        () =>
          sla.openIncident({
            ...gpuIncident,
            id: 'i-2',
            impacts: [{ contractId: 'c-mistral', gpuModel: 'B200', gpuCount: 1 }],
          }),
        'BAD_USER_INPUT',
        /a GPU model installed at site bru-1/,
      ],
      [
        () =>
          sla.openIncident({
            ...gpuIncident,
            id: 'i-2',
            impacts: [{ contractId: 'c-mistral', gpuModel: 'H200', gpuCount: 4096 }],
          }),
        'BAD_USER_INPUT',
        /at most the 2048 H200/,
      ],
      [
        () => sla.openIncident({ ...gpuIncident, id: 'i-2', scope: 'SITE' }),
        'BAD_USER_INPUT',
        /^impacts: expected no impacts for a SITE incident/,
      ],
      [
        () => sla.openIncident({ ...gpuIncident, id: 'i-2', impacts: [] }),
        'BAD_USER_INPUT',
        /^impacts: expected at least one impact/,
      ],
      [
        () => sla.openIncident({ ...gpuIncident, scope: 'RACK' }),
        'BAD_USER_INPUT',
        /^scope: expected one of SITE, GPUS/,
      ],
      [
        () => sla.openIncident({ ...gpuIncident, description: 'other' }),
        'CONFLICT',
        /incident i-1 already exists/,
      ],
      [
        () => sla.resolveIncident({ id: 'i-9', resolvedAt: '2026-04-10T18:00:00Z' }),
        'NOT_FOUND',
        /no incident i-9/,
      ],
      [
        () => sla.resolveIncident({ id: 'i-1', resolvedAt: 'later' }),
        'BAD_USER_INPUT',
        /^resolvedAt: expected/,
      ],
      [
        () => sla.resolveIncident({ id: 'i-1', resolvedAt: '2026-04-10T07:00:00Z' }),
        'BAD_USER_INPUT',
        /^resolvedAt: expected an instant after the incident started/,
      ],
    ];
    const check = async (list: typeof refusals) => {
      const head = await store.headPosition();
      for (const [command, code, message] of list) {
        await expectRefused(command(), code, message);
        expect(await store.headPosition(), String(message)).toBe(head);
      }
    };
    await check(refusals);
    await sla.resolveIncident({ id: 'i-1', resolvedAt: '2026-04-10T18:00:00Z' });
    await check([
      [
        () => sla.resolveIncident({ id: 'i-1', resolvedAt: '2026-04-10T19:00:00Z' }),
        'CONFLICT',
        /incident i-1 is already resolved at 2026-04-10T18:00:00Z/,
      ],
    ]);
  });
});
