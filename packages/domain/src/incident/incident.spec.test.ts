import { describe, expect, it } from 'vitest';
import type { IncidentEvent, IncidentOpened } from '../events.js';
import { specification } from '../specification.js';
import { bru1, sequentialIds } from '../testing/index.js';
import { incidentDecider, parseOpenIncident, parseResolveIncident } from './incident.js';

const given = specification(incidentDecider).given;
const siteWide: IncidentOpened['data'] = {
  incidentId: 'i-1',
  siteId: 'bru-1',
  scope: 'SITE',
  startedAt: '2026-03-10T08:00:00Z',
  description: 'cooling',
  impacts: [],
};
const gpus: IncidentOpened['data'] = {
  ...siteWide,
  scope: 'GPUS',
  impacts: [{ contractId: 'c-mistral', gpuModel: 'H200', gpuCount: 32 }],
};
const open = (
  data = siteWide,
  contractSites: Record<string, string> = { 'c-mistral': 'bru-1' },
  site: typeof bru1 | null = bru1,
) => ({
  type: 'OpenIncident' as const,
  data,
  context: { site, contractSites },
});
const opened = (data = siteWide): IncidentEvent => ({ type: 'IncidentOpened', data });
const resolve = (resolvedAt = '2026-03-10T10:30:00Z') => ({
  type: 'ResolveIncident' as const,
  data: { incidentId: 'i-1', resolvedAt },
});

describe('incident: open', () => {
  it('opens a site-wide incident', () => given([]).when(open()).then([opened()]));
  it('opens a GPU-scoped incident', () =>
    given([])
      .when(open(gpus))
      .then([opened(gpus)]));
  it('writes nothing for the same incident again', () => given([opened()]).when(open()).then([]));
  it('refuses another incident under a used id', () =>
    given([opened()])
      .when(open({ ...siteWide, description: 'power' }))
      .thenThrows('CONFLICT', /incident i-1 already exists/));
  it('refuses an unknown site', () =>
    given([])
      .when(open(siteWide, {}, null))
      .thenThrows('NOT_FOUND', /siteId: no site bru-1/));
  it('refuses an unknown contract', () =>
    given([])
      .when(open(gpus, {}))
      .thenThrows('NOT_FOUND', /impacts\[0\].contractId: no contract c-mistral/));
  it('refuses a contract at another site', () =>
    given([])
      .when(open(gpus, { 'c-mistral': 'par-2' }))
      .thenThrows('BAD_USER_INPUT', /a contract at site bru-1/));
  it('refuses a GPU model not installed', () =>
    given([])
      .when(
        open({ ...gpus, impacts: [{ contractId: 'c-mistral', gpuModel: 'B200', gpuCount: 1 }] }),
      )
      .thenThrows('BAD_USER_INPUT', /impacts\[0\].gpuModel/));
  it('refuses more GPUs than installed', () =>
    given([])
      .when(
        open({ ...gpus, impacts: [{ contractId: 'c-mistral', gpuModel: 'H200', gpuCount: 4096 }] }),
      )
      .thenThrows('BAD_USER_INPUT', /at most the 2048 H200/));
});

describe('incident: resolve', () => {
  it('resolves', () =>
    given([opened()])
      .when(resolve())
      .then([{ type: 'IncidentResolved', data: resolve().data }]));
  it('writes nothing for the same resolution again', () =>
    given([opened(), { type: 'IncidentResolved', data: resolve().data }])
      .when(resolve())
      .then([]));
  it('refuses another resolution instant', () =>
    given([opened(), { type: 'IncidentResolved', data: resolve().data }])
      .when(resolve('2026-03-10T11:00:00Z'))
      .thenThrows('CONFLICT', /already resolved at 2026-03-10T10:30:00Z/));
  it('refuses an unknown incident', () =>
    given([])
      .when(resolve())
      .thenThrows('NOT_FOUND', /no incident i-1/));
  it('refuses a resolution before the start', () =>
    given([opened()])
      .when(resolve('2026-03-10T08:00:00Z'))
      .thenThrows('BAD_USER_INPUT', /resolvedAt: expected an instant after the incident started/));
});

describe('incident commands', () => {
  it('refuses impacts on a site-wide incident and none on a GPU one', () => {
    const { incidentId: _i, ...input } = gpus;
    expect(() => parseOpenIncident({ ...input, scope: 'SITE' }, sequentialIds())).toThrow(
      /^impacts: expected no impacts for a SITE incident/,
    );
    expect(() => parseOpenIncident({ ...input, impacts: [] }, sequentialIds())).toThrow(
      /^impacts: expected at least one impact/,
    );
    expect(parseOpenIncident(input, sequentialIds('i')).incidentId).toBe('i-1');
  });
  it('normalises the resolution instant', () => {
    expect(
      parseResolveIncident({ id: 'i-1', resolvedAt: '2026-03-10T11:30:00+01:00' }).resolvedAt,
    ).toBe('2026-03-10T10:30:00Z');
  });
});
