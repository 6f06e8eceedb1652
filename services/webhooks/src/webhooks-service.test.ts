import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatInstant, streams, toStored, type DomainEvent } from '@cadran/domain';
import {
  capacityReserved,
  drafted,
  reservationCancelled,
  signed,
  siteRegistered,
  tempDir,
  tenantOnboarded,
  usageRecorded,
  type TempDir,
} from '@cadran/domain/testing';
import { createSqliteEventStore, type SqliteEventStore } from '@cadran/event-store';
import {
  signatureIsValid,
  startWebhookReceiver,
  type Received,
} from './testing/webhook-receiver.js';
import { createWebhooksService, type WebhooksService } from './webhooks-service.js';

let temp: TempDir;
let store: SqliteEventStore;
let service: WebhooksService;
/** The clock runs as the machine's does, moved on by `offsetMs` where a test jumps ahead. */
let offsetMs = 0;
const DAY_MS = 86_400_000;
const receivers: Awaited<ReturnType<typeof startWebhookReceiver>>[] = [];

const FAST = {
  tickMs: 10,
  baseBackoffMs: 10,
  maxBackoffMs: 80,
  maxAttempts: 1000,
  noticeEveryMs: 0,
};

const append = async (stream: string, ...events: DomainEvent[]) =>
  (
    await store.appendToStream(
      stream,
      events.map((e) => toStored(e)),
    )
  ).lastPosition;

async function seed() {
  await append(streams.site('bru-1'), siteRegistered());
  for (const [tenantId, contractId] of [
    ['mistral', 'c-mistral'],
    ['kyutai', 'c-kyutai'],
  ] as const) {
    await append(streams.tenant(tenantId), tenantOnboarded(tenantId));
    await append(
      streams.contract(contractId),
      drafted({ contractId, tenantId, startsAt: '2026-01-01T00:00:00Z' }),
      signed(contractId),
    );
  }
}

const incident = (
  incidentId: string,
  scope: 'SITE' | 'GPUS' = 'SITE',
  contractId = 'c-mistral',
): DomainEvent => ({
  type: 'IncidentOpened',
  data: {
    incidentId,
    siteId: 'bru-1',
    scope,
    startedAt: '2026-03-05T08:00:00Z',
    description: `incident ${incidentId}`,
    impacts: scope === 'GPUS' ? [{ contractId, gpuModel: 'H200', gpuCount: 8 }] : [],
  },
});

const alertFired = (contractId: string, tenantId: string): DomainEvent => ({
  type: 'AlertFired',
  data: {
    ruleId: `r-${contractId}`,
    kind: 'CHARGES_ABOVE',
    contractId,
    tenantId,
    partnerId: null,
    siteId: 'bru-1',
    period: '2026-03',
    value: '1500.00',
    threshold: '1000',
    firedAt: '2026-03-10T00:00:00Z',
  },
});

async function start(policy: Partial<typeof FAST> = {}) {
  service = createWebhooksService({
    store,
    db: store.database,
    key: 'test-webhook-key-of-at-least-32-characters',
    clock: () => new Date(Date.now() + offsetMs),
    policy: { ...FAST, ...policy },
    allowPrivateNetworks: true,
  });
  await service.start();
}

async function receiver() {
  const started = await startWebhookReceiver();
  receivers.push(started);
  return started;
}

async function register(
  url: string,
  ownerKind: 'TENANT' | 'OPERATOR',
  ownerId: string | null,
  id: string,
) {
  const result = await service.registerEndpoint({ id, ownerKind, ownerId, url });
  await service.awaitPosition(result.position, 5000);
  return service.endpoint(id)!;
}

async function eventually(check: () => boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const bodies = (received: Received[]) =>
  received.map(
    (r) =>
      JSON.parse(r.body) as {
        id: string;
        type: string;
        position: string;
        data: Record<string, unknown>;
      },
  );

const uniqueInOrder = (received: Received[]) => {
  const seen = new Set<string>();
  return bodies(received).filter((b) => (seen.has(b.id) ? false : (seen.add(b.id), true)));
};

beforeEach(async () => {
  temp = tempDir('cadran-webhooks-');
  store = createSqliteEventStore({ path: temp.file('events.db') });
  offsetMs = 0;
  await seed();
});
afterEach(async () => {
  await service?.stop();
  for (const r of receivers.splice(0)) await r.stop();
  await store.close();
  temp.remove();
});

describe('webhooks: who hears what', () => {
  it('sends each party only what concerns it, in log order, signed with its own secret', async () => {
    await start();
    const [mistral, kyutai, operator] = [await receiver(), await receiver(), await receiver()];
    const mistralEndpoint = await register(mistral.url(), 'TENANT', 'mistral', 'wh-mistral');
    const kyutaiEndpoint = await register(kyutai.url(), 'TENANT', 'kyutai', 'wh-kyutai');
    const operatorEndpoint = await register(operator.url(), 'OPERATOR', null, 'wh-operator');

    await append(streams.incident('site-wide'), incident('site-wide'));
    await append(streams.incident('mistral-gpus'), incident('mistral-gpus', 'GPUS', 'c-mistral'));
    await append(streams.alertRule('r-c-kyutai'), alertFired('c-kyutai', 'kyutai'));
    await append(streams.incident('site-wide'), {
      type: 'IncidentResolved',
      data: { incidentId: 'site-wide', resolvedAt: '2026-03-05T10:00:00Z' },
    });

    await eventually(() => operator.received.length === 4, 'the operator to hear of all four');
    await eventually(
      () => mistral.received.length === 3 && kyutai.received.length === 3,
      'both tenants',
    );

    expect(bodies(mistral.received).map((b) => b.id)).toEqual([
      'incident.opened:site-wide',
      'incident.opened:mistral-gpus',
      'incident.resolved:site-wide',
    ]);
    expect(bodies(kyutai.received).map((b) => b.id)).toEqual([
      'incident.opened:site-wide',
      'alert.fired:r-c-kyutai:2026-03',
      'incident.resolved:site-wide',
    ]);
    const positions = bodies(operator.received).map((b) => BigInt(b.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));

    for (const [r, endpoint] of [
      [mistral, mistralEndpoint],
      [kyutai, kyutaiEndpoint],
      [operator, operatorEndpoint],
    ] as const) {
      for (const message of r.received)
        expect(signatureIsValid(endpoint.secret, message)).toBe(true);
    }
    // Another endpoint's secret does not verify: secrets are per endpoint.
    expect(signatureIsValid(kyutaiEndpoint.secret, mistral.received[0]!)).toBe(false);
    expect(mistralEndpoint.secret).not.toBe(kyutaiEndpoint.secret);
  });

  it('hears only of what comes after its registration, and only the types it asked for', async () => {
    await start();
    await append(streams.incident('before'), incident('before'));
    const r = await receiver();
    const result = await service.registerEndpoint({
      id: 'wh-alerts',
      ownerKind: 'TENANT',
      ownerId: 'kyutai',
      url: r.url(),
      eventTypes: ['alert.fired'],
    });
    await service.awaitPosition(result.position, 5000);
    await append(streams.incident('after'), incident('after'));
    const last = await append(streams.alertRule('r-c-kyutai'), alertFired('c-kyutai', 'kyutai'));
    await service.awaitPosition(last, 5000);
    await eventually(() => r.received.length === 1, 'the alert');
    expect(bodies(r.received)[0]!.type).toBe('alert.fired');
  });

  it('refuses a tenant endpoint on a private address unless allowed, and an unknown owner', async () => {
    service = createWebhooksService({ store, db: store.database, key: 'k'.repeat(40) });
    await expect(
      service.registerEndpoint({
        ownerKind: 'TENANT',
        ownerId: 'mistral',
        url: 'http://10.0.0.8/hook',
      }),
    ).rejects.toThrow(/public address/);
    await expect(
      service.registerEndpoint({
        ownerKind: 'TENANT',
        ownerId: 'nobody',
        url: 'https://hooks.example/x',
      }),
    ).rejects.toThrow(/no tenant nobody/);
  });
});

describe('webhooks: delivery', () => {
  it('a receiver killed during a batch and restarted gets every notification once per id, in order', async () => {
    await start();
    const r = await receiver();
    const endpoint = await register(r.url(), 'TENANT', 'mistral', 'wh-1');
    let answered = 0;
    // It takes three, then dies; later it comes back, and at times answers 503 after taking one.
    r.answer(() => (++answered % 7 === 0 ? 503 : 200));
    const ids = Array.from({ length: 30 }, (_, i) => `inc-${String(i).padStart(2, '0')}`);
    for (const [i, id] of ids.entries()) {
      await append(streams.incident(id), incident(id));
      if (i === 10) {
        await eventually(() => r.received.length >= 3, 'the first deliveries');
        await r.stop();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    await r.start();
    await eventually(() => uniqueInOrder(r.received).length === 30, 'all thirty, once each');

    const unique = uniqueInOrder(r.received);
    expect(unique.map((b) => b.id)).toEqual(ids.map((id) => `incident.opened:${id}`));
    for (const message of r.received) expect(signatureIsValid(endpoint.secret, message)).toBe(true);
    // The receiver keeps a message before it answers: the sender records the answer a moment later.
    const delivered = () => service.deliveries('wh-1', { first: 100 }).items;
    await eventually(
      () => delivered().every((d) => d.status === 'DELIVERED'),
      'the log to show all',
    );
    const log = { items: delivered() };
    expect(log.items.some((d) => d.attempts > 1)).toBe(true);
  });

  it('replays from a position: everything from there is sent again, with the same ids', async () => {
    await start();
    const r = await receiver();
    await register(r.url(), 'TENANT', 'mistral', 'wh-1');
    const positions: bigint[] = [];
    for (const id of ['a', 'b', 'c', 'd'])
      positions.push(await append(streams.incident(id), incident(id)));
    await eventually(() => r.received.length === 4, 'four deliveries');
    await eventually(
      () => service.deliveries('wh-1', { first: 10 }).items.every((d) => d.status === 'DELIVERED'),
      'the log to show all four delivered',
    );

    const replay = await service.replayEndpoint({
      id: 'wh-1',
      fromPosition: positions[2]!.toString(),
    });
    await service.awaitPosition(replay.position, 5000);
    await eventually(() => r.received.length === 6, 'the replay of c and d');
    expect(bodies(r.received).map((b) => b.id.split(':')[1])).toEqual([
      'a',
      'b',
      'c',
      'd',
      'c',
      'd',
    ]);
  });

  it('a replay asked while a delivery is under way sends that notification again too', async () => {
    await start();
    const r = await receiver();
    await register(r.url(), 'TENANT', 'mistral', 'wh-1');
    // The receiver keeps each message, then answers half a second later.
    r.answer(() => 200, 500);
    const first = await append(streams.incident('a'), incident('a'));
    await append(streams.incident('b'), incident('b'));
    await eventually(() => r.received.length === 2, 'b to arrive, its answer not yet sent');
    const replay = await service.replayEndpoint({ id: 'wh-1', fromPosition: first.toString() });
    await service.awaitPosition(replay.position, 5000);
    r.answer(() => 200);
    await eventually(() => r.received.length === 4, 'a and b again');
    expect(bodies(r.received).map((b) => b.id.split(':')[1])).toEqual(['a', 'b', 'a', 'b']);
  });

  it('pauses an endpoint after repeated failure, logs each attempt, and resumes where it stopped', async () => {
    await start({ maxAttempts: 3 });
    const r = await receiver();
    await register(r.url(), 'TENANT', 'mistral', 'wh-1');
    r.answer(() => 500);
    await append(streams.incident('x'), incident('x'));
    await eventually(() => service.endpoint('wh-1')!.status === 'PAUSED', 'the pause');

    const endpoint = service.endpoint('wh-1')!;
    expect(endpoint.pauseReason).toMatch(
      /3 failed attempts in a row to deliver incident.opened:x; last: answered HTTP 500/,
    );
    const [delivery] = service.deliveries('wh-1', { first: 10 }).items;
    expect(delivery).toMatchObject({ status: 'PENDING', attempts: 3, lastStatus: 500 });
    const paused = await store.readStream(streams.webhookEndpoint('wh-1'));
    expect(paused.map((e) => e.type)).toEqual([
      'WebhookEndpointRegistered',
      'WebhookEndpointPaused',
    ]);

    r.answer(() => 200);
    const resumed = await service.resumeEndpoint({ id: 'wh-1' });
    await service.awaitPosition(resumed.position, 5000);
    await eventually(() => r.received.length === 1, 'the delivery after resuming');
  });
});

describe('webhooks: late data', () => {
  it('says once that an invoiced period will be adjusted, until the next invoice', async () => {
    await start();
    const [mistral, kyutai] = [await receiver(), await receiver()];
    await register(mistral.url(), 'TENANT', 'mistral', 'wh-mistral');
    await register(kyutai.url(), 'TENANT', 'kyutai', 'wh-kyutai');
    // Invoicing's event, in the shape the catalogue reads of it.
    const issue = (invoiceId: string, period: string) =>
      store.appendToStream('invoice-numbers', [
        {
          type: 'InvoiceIssued',
          data: {
            invoiceId,
            number: `INV-2026-${invoiceId}`,
            issuedAt: '2026-04-02T09:00:00Z',
            dueAt: '2026-05-02T09:00:00Z',
            draft: {
              contractId: 'c-mistral',
              tenantId: 'mistral',
              period,
              billTo: { kind: 'TENANT', partyId: 'mistral' },
              subtotal: '100.00',
              taxAmount: '20.00',
              total: '120.00',
              currency: 'EUR',
            },
          },
        },
      ]);
    await issue('inv-1', '2026-03');
    await append(
      streams.usage('bru-1'),
      usageRecorded('late-1', '2026-03-20T10:00:00Z', '2026-03-20T11:00:00Z', '8'),
      usageRecorded('late-2', '2026-03-21T10:00:00Z', '2026-03-21T11:00:00Z', '8'),
      usageRecorded('april', '2026-04-03T10:00:00Z', '2026-04-03T11:00:00Z', '8'),
    );
    await issue('inv-2', '2026-04');
    const last = await append(
      streams.usage('bru-1'),
      usageRecorded('later', '2026-03-25T10:00:00Z', '2026-03-25T11:00:00Z', '8'),
    );
    await service.awaitPosition(last, 5000);
    await eventually(() => mistral.received.length === 4, 'two invoices and two notices');
    expect(bodies(mistral.received).map((b) => b.id)).toEqual([
      'invoice.issued:inv-1',
      'adjustment.pending:c-mistral:2026-03:inv-1',
      'invoice.issued:inv-2',
      'adjustment.pending:c-mistral:2026-03:inv-2',
    ]);
    expect(bodies(mistral.received)[1]!.data).toMatchObject({
      period: '2026-03',
      recordKind: 'GPU_USAGE',
    });
    expect(kyutai.received).toHaveLength(0);
  });
});

describe('webhooks: notices that fall due', () => {
  it('says a reservation ends in 30 days, then in 7, once each; a cancelled one says nothing', async () => {
    await start();
    const r = await receiver();
    await register(r.url(), 'TENANT', 'mistral', 'wh-1');
    const reservation = (reservationId: string, endsAt: string) =>
      capacityReserved(reservationId, {
        gpuModel: 'H200',
        gpuCount: 8,
        startsAt: '2026-01-01T00:00:00Z',
        endsAt,
      });
    const endsAt = formatInstant(Math.floor(Date.now() / 1000) * 1000 + 20 * DAY_MS);
    await append(streams.site('bru-1'), reservation('res-1', endsAt));
    await append(
      streams.site('bru-1'),
      reservation('res-2', endsAt),
      reservationCancelled('2026-03-09T00:00:00Z', 'x', 'res-2'),
    );
    await eventually(() => r.received.length === 1, 'the 30-day notice');
    offsetMs = 15 * DAY_MS;
    await eventually(() => r.received.length === 2, 'the 7-day notice');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bodies(r.received).map((b) => b.id)).toEqual([
      'reservation.ending:res-1:30d',
      'reservation.ending:res-1:7d',
    ]);
    expect(bodies(r.received)[1]!.data).toMatchObject({
      reservationId: 'res-1',
      endsAt,
    });
  });
});
