import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import type { WebhookEndpointEvent, WebhookEndpointRegistered } from '../events.js';
import { specification } from '../specification.js';
import { sequentialIds } from '../testing/index.js';
import {
  parseRegisterWebhookEndpoint,
  parseReplayFrom,
  webhookEndpointDecider,
} from './webhook-endpoint.js';

const given = specification(webhookEndpointDecider).given;
const AT = '2026-03-01T00:00:00Z';
const endpoint: WebhookEndpointRegistered['data'] = {
  endpointId: 'wh-1',
  ownerKind: 'TENANT',
  ownerId: 'mistral',
  url: 'https://hooks.mistral.example/cadran',
  description: null,
  eventTypes: [],
  registeredAt: AT,
};
const registered: WebhookEndpointEvent = { type: 'WebhookEndpointRegistered', data: endpoint };
const register = (data = endpoint, ownerExists = true) => ({
  type: 'RegisterWebhookEndpoint' as const,
  data,
  context: { ownerExists },
});
const pause = {
  type: 'PauseWebhookEndpoint' as const,
  data: { endpointId: 'wh-1', reason: 'x', pausedAt: AT },
};
const paused: WebhookEndpointEvent = { type: 'WebhookEndpointPaused', data: pause.data };
const resume = {
  type: 'ResumeWebhookEndpoint' as const,
  data: { endpointId: 'wh-1', resumedAt: AT },
};
const remove = {
  type: 'RemoveWebhookEndpoint' as const,
  data: { endpointId: 'wh-1', removedAt: AT },
};
const replay = {
  type: 'ReplayWebhookEndpoint' as const,
  data: { endpointId: 'wh-1', fromPosition: '12', requestedAt: AT },
};

describe('webhook endpoint: register', () => {
  it('registers an endpoint for an existing tenant', () =>
    given([]).when(register()).then([registered]));
  it('refuses an owner that does not exist', () =>
    given([])
      .when(register(endpoint, false))
      .thenThrows('NOT_FOUND', /no tenant mistral/));
  it('writes nothing for the same registration sent again, even at another instant', () =>
    given([registered])
      .when(register({ ...endpoint, registeredAt: '2026-03-02T00:00:00Z' }))
      .then([]));
  it('refuses another registration under the same id', () =>
    given([registered])
      .when(register({ ...endpoint, url: 'https://elsewhere.example/' }))
      .thenThrows('CONFLICT', /already exists/));
});

describe('webhook endpoint: pause, resume, replay, remove', () => {
  it('pauses an active endpoint once', () => {
    given([registered]).when(pause).then([paused]);
    given([registered, paused]).when(pause).then([]);
  });
  it('resumes a paused endpoint, and nothing for an active one', () => {
    given([registered, paused])
      .when(resume)
      .then([{ type: 'WebhookEndpointResumed', data: resume.data }]);
    given([registered]).when(resume).then([]);
  });
  it('records a replay from a position', () =>
    given([registered])
      .when(replay)
      .then([{ type: 'WebhookReplayRequested', data: replay.data }]));
  it('refuses commands on a missing or removed endpoint', () => {
    given([])
      .when(pause)
      .thenThrows('NOT_FOUND', /no webhook endpoint wh-1/);
    given([registered, { type: 'WebhookEndpointRemoved', data: remove.data }])
      .when(replay)
      .thenThrows('CONFLICT', /was removed/);
  });
  it('removes once', () => {
    given([registered])
      .when(remove)
      .then([{ type: 'WebhookEndpointRemoved', data: remove.data }]);
    given([registered, { type: 'WebhookEndpointRemoved', data: remove.data }])
      .when(remove)
      .then([]);
  });
});

describe('webhook endpoint: input', () => {
  const ids = sequentialIds('wh');
  const parse = (input: Record<string, unknown>) => () =>
    parseRegisterWebhookEndpoint({ ownerKind: 'TENANT', ownerId: 'mistral', ...input }, ids, AT);
  it('takes an https URL and sorts the types asked for', () => {
    const data = parse({
      url: 'https://a.example/h',
      eventTypes: ['invoice.issued', 'alert.fired'],
    })();
    expect(data.url).toBe('https://a.example/h');
    expect(data.eventTypes).toEqual(['alert.fired', 'invoice.issued']);
  });
  it.each([
    ['ftp://a.example/', /http or https URL/],
    ['https://user:pw@a.example/', /without user or password/],
    ['not a url', /http or https URL/],
  ])('refuses the URL %s', (url, message) => {
    expect(parse({ url })).toThrowError(message);
  });
  it('refuses an unknown notification type, naming the accepted ones', () =>
    expect(parse({ url: 'https://a.example/', eventTypes: ['invoice.paid'] })).toThrowError(
      /one of invoice.issued, credit_note.issued/,
    ));
  it('refuses an OPERATOR endpoint with an owner, and a TENANT one without', () => {
    expect(() =>
      parseRegisterWebhookEndpoint(
        { ownerKind: 'OPERATOR', ownerId: 'x', url: 'https://a.example/' },
        ids,
        AT,
      ),
    ).toThrowError(DomainError);
    expect(parse({ ownerId: null, url: 'https://a.example/' })).toThrowError(
      /the id of the tenant/,
    );
  });
  it('takes a replay position as a decimal string only', () => {
    expect(parseReplayFrom('0')).toBe('0');
    expect(() => parseReplayFrom(12)).toThrowError(/whole number/);
    expect(() => parseReplayFrom('-1')).toThrowError(/whole number/);
  });
});
