import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createAuthenticator, issueToken } from '@cadran/auth';
import { streams, toStored, type DomainEvent } from '@cadran/domain';
import { tempDir, type TempDir } from '@cadran/domain/testing';
import { createSqliteEventStore, type SqliteEventStore } from '@cadran/event-store';
import {
  createProjectionRunner,
  createReadModelProjections,
  createReadModelQueries,
  type ProjectionRunner,
  type ReadModelQueries,
} from '@cadran/projections';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGateway,
  DIRECT_PATH_SAFE,
  GRAPHQL_PATH,
  type Gateway,
  type GatewayOptions,
} from './create-gateway.js';
import type { WriteSide } from './ports.js';

const secret = 'a-secret-of-at-least-thirty-two-characters';

const siteRegistered = (siteId: string): DomainEvent => ({
  type: 'SiteRegistered',
  data: {
    siteId,
    name: `Site ${siteId}`,
    countryCode: 'FR',
    timeZone: 'Europe/Paris',
    powerCapacityKw: '1000',
    gpuInventory: [{ gpuModel: 'H200', count: 8 }],
  },
});

let temp: TempDir;
let store: SqliteEventStore;
let runner: ProjectionRunner;
let server: Server;
let url: string;
/** The same gateway through express and yoga only, without handle(). */
let yogaServer: Server;
let yogaUrl: string;
let gateway: Gateway;
/** Calls of each read-model query, to tell an answer computed from one served from memory. */
const calls = new Map<string, number>();
const called = (name: string) => calls.get(name) ?? 0;

const registerSite = async (siteId: string) => {
  const { lastPosition } = await store.appendToStream(streams.site(siteId), [
    toStored(siteRegistered(siteId)),
  ]);
  return lastPosition;
};

/** Appends a TenantOnboarded (or PartnerRegistered) to the log, without waiting for the read models. */
const onboard = async (kind: 'TENANT' | 'PARTNER', id: string) => {
  const party = { name: `Party ${id}`, countryCode: 'FR', vatId: null, address: null };
  const event: DomainEvent =
    kind === 'TENANT'
      ? { type: 'TenantOnboarded', data: { tenantId: id, ...party, partnerId: null } }
      : { type: 'PartnerRegistered', data: { partnerId: id, ...party } };
  const stream = kind === 'TENANT' ? streams.tenant(id) : streams.partner(id);
  return (await store.appendToStream(stream, [toStored(event)])).lastPosition;
};

/** Only registerSite is wired (to the real log); the rest is not what these tests are about. */
const writeSide = new Proxy({} as WriteSide, {
  get: (_target, name) =>
    name === 'registerSite'
      ? async (input: { id: string }) => ({ id: input.id, position: await registerSite(input.id) })
      : () => Promise.reject(new Error(`${String(name)} is not wired in this test`)),
});

const post = async (
  token: string | undefined,
  query: string,
  headers: Record<string, string> = {},
  body?: string,
) => {
  const response = await fetch(`${url}${GRAPHQL_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
    body: body ?? JSON.stringify({ query }),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as {
      data?: Record<string, unknown> | null;
      errors?: { message: string; extensions?: { code?: string } }[];
      extensions?: Record<string, unknown>;
    },
  };
};

/** A plain JSON POST of `query` to the gateway at `base`. */
const postTo = (base: string, token: string, query: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${GRAPHQL_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });

/** Another gateway on the same read models, behind handle() as `server` is. */
const startGateway = async (
  options: Omit<Partial<GatewayOptions>, 'readModels'> & {
    readModels?: Partial<GatewayOptions['readModels']>;
  },
) => {
  const { readModels, ...rest } = options;
  const started = createGateway({
    writeSide,
    authenticator: createAuthenticator({ mode: 'secret', secret }),
    development: false,
    logging: false,
    ...rest,
    readModels: {
      queries: createReadModelQueries(store.database),
      awaitPosition: (position, timeoutMs) => runner.waitForPosition(position, timeoutMs),
      position: () => runner.position,
      headPosition: () => store.headPosition(),
      ...readModels,
    },
  });
  const app = express().use(started.router);
  const listening = createServer((request, response) =>
    started.handle(request, response, () => app(request, response)),
  ).listen(0, '127.0.0.1');
  await new Promise((resolve) => listening.once('listening', resolve));
  return {
    gateway: started,
    base: `http://127.0.0.1:${(listening.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => listening.close(resolve)),
  };
};

beforeAll(async () => {
  temp = tempDir('cadran-gateway-');
  store = createSqliteEventStore({ path: temp.file('cadran.db'), synchronous: 'NORMAL' });
  runner = createProjectionRunner({
    store,
    db: store.database,
    projections: createReadModelProjections(),
  });
  await runner.start();
  const real = createReadModelQueries(store.database);
  const queries = new Proxy(real, {
    get(target, name, receiver) {
      calls.set(String(name), called(String(name)) + 1);
      return Reflect.get(target, name, receiver) as unknown;
    },
  }) as ReadModelQueries;
  gateway = createGateway({
    readModels: {
      queries,
      awaitPosition: (position, timeoutMs) => runner.waitForPosition(position, timeoutMs),
      position: () => runner.position,
      headPosition: () => store.headPosition(),
    },
    writeSide,
    authenticator: createAuthenticator({ mode: 'secret', secret, clockToleranceSeconds: 0 }),
    development: false,
    logging: false,
    limits: { bodyBytes: 4096 },
  });
  const app = express().use(gateway.router);
  server = createServer((request, response) =>
    gateway.handle(request, response, () => app(request, response)),
  ).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  yogaServer = createServer(app).listen(0, '127.0.0.1');
  await new Promise((resolve) => yogaServer.once('listening', resolve));
  yogaUrl = `http://127.0.0.1:${(yogaServer.address() as AddressInfo).port}`;
  await runner.waitForPosition(await registerSite('bru-1'), 10_000);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => yogaServer.close(resolve));
  await runner.stop();
  await store.close();
  temp.remove();
});

describe('the response cache of handle()', () => {
  it('answers a repeated query from memory until the read models move on, then afresh', async () => {
    const admin = await issueToken({ secret, role: 'ADMIN' });
    const before = called('sites');
    const first = await post(admin, '{ sites { id } }');
    const second = await post(admin, '{ sites { id } }');
    expect(first).toEqual(second);
    expect(first.status).toBe(200);
    expect(first.type).toMatch(/^application\/graphql-response\+json/);
    expect(first.body.data).toEqual({ sites: [{ id: 'bru-1' }] });
    expect(called('sites') - before).toBe(1);

    expect(await runner.waitForPosition(await registerSite('par-1'), 10_000)).toBe(true);
    const after = await post(admin, '{ sites { id } }');
    expect(after.body.data).toEqual({ sites: [{ id: 'bru-1' }, { id: 'par-1' }] });
    expect(called('sites') - before).toBe(2);
  });

  it('never gives one token the answer kept for another', async () => {
    await onboard('TENANT', 'mistral');
    await runner.waitForPosition(await onboard('TENANT', 'other'), 10_000);
    const mistral = await issueToken({ secret, role: 'TENANT', tenantId: 'mistral' });
    const other = await issueToken({ secret, role: 'TENANT', tenantId: 'other' });
    const query = '{ viewer { tenantId } }';
    expect((await post(mistral, query)).body.data).toEqual({ viewer: { tenantId: 'mistral' } });
    expect((await post(other, query)).body.data).toEqual({ viewer: { tenantId: 'other' } });
    expect((await post(mistral, query)).body.data).toEqual({ viewer: { tenantId: 'mistral' } });
  });

  it('does not keep answers that read the clock, that carry errors, or that wrote', async () => {
    const admin = await issueToken({ secret, role: 'ADMIN' });
    const clock = '{ capacityCommitments { committedKw } }';
    const withClock = called('capacityCommitments');
    expect((await post(admin, clock)).body).toEqual({ data: { capacityCommitments: [] } });
    await post(admin, clock);
    expect(called('capacityCommitments') - withClock).toBe(2);

    const missing =
      '{ usage(tenantId: "nobody", from: "2026-03-01T00:00:00Z", to: "2026-03-02T00:00:00Z") { totalGpuHours } }';
    expect((await post(admin, missing)).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const lookups = called('tenant');
    expect((await post(admin, missing)).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Looked up again, not kept; once: the direct path ran it, yoga words the result it was given.
    expect(called('tenant') - lookups).toBe(1);

    const mutation =
      'mutation { registerSite(input: { id: "lyo-1", name: "Lyon", countryCode: "FR", timeZone: "Europe/Paris", powerCapacityKw: "10", gpuInventory: [] }) { id } }';
    const first = await post(admin, mutation);
    const second = await post(admin, mutation);
    expect(first.body.data).toEqual({ registerSite: { id: 'lyo-1' } });
    expect(BigInt(second.body.extensions?.position as string)).toBeGreaterThan(
      BigInt(first.body.extensions?.position as string),
    );
  });

  it('answers a token that no longer verifies with 401, even for a kept answer', async () => {
    const brief = await issueToken({ secret, role: 'ADMIN', expiresIn: 1 });
    const query = '{ viewer { role } }';
    expect((await post(brief, query)).body.data).toEqual({ viewer: { role: 'ADMIN' } });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const late = await post(brief, query);
    expect(late.status).toBe(401);
    expect(late.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('waits for x-cadran-min-position rather than answering from memory', async () => {
    const admin = await issueToken({ secret, role: 'ADMIN' });
    await post(admin, '{ sites { id } }');
    const position = registerSite('nce-1');
    const fresh = await post(admin, '{ sites { id } }', {
      'x-cadran-min-position': (await position).toString(),
    });
    expect(fresh.body.data?.sites).toContainEqual({ id: 'nce-1' });
  });
});

describe('tokens of tenants and partners that are not onboarded', () => {
  const viewer = '{ viewer { role tenantId partnerId } }';
  const document = (base: string, token: string) =>
    fetch(`${base}/v1/invoices/INV-2026-000001.pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it('refuses a token for a tenant or partner that does not exist, every time, on every route', async () => {
    const ghost = await issueToken({ secret, role: 'TENANT', tenantId: 'ghost' });
    const nobody = await issueToken({ secret, role: 'PARTNER', partnerId: 'nobody' });
    for (const base of [url, yogaUrl, url]) {
      const refused = await postTo(base, ghost, viewer);
      expect(refused.status).toBe(401);
      const body = (await refused.json()) as { errors: { message: string; extensions: object }[] };
      expect(body.errors[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(body.errors[0]?.message).toMatch(/tenantId "ghost": no tenant "ghost" exists/);
      const partner = await postTo(base, nobody, viewer);
      expect(partner.status).toBe(401);
      expect(await partner.text()).toMatch(/no partner \\"nobody\\" exists/);
    }
    const file = await document(url, ghost);
    expect(file.status).toBe(401);
    expect(((await file.json()) as { error: { message: string } }).error.message).toMatch(
      /no tenant "ghost" exists/,
    );
  });

  it('refuses a token issued before its tenant was onboarded, accepts one issued after', async () => {
    const early = await issueToken({ secret, role: 'TENANT', tenantId: 'late' });
    // Onboarded in a later second than the token's iat (seconds).
    await new Promise((resolve) => setTimeout(resolve, 1_005 - (Date.now() % 1_000)));
    await runner.waitForPosition(await onboard('TENANT', 'late'), 10_000);
    const refused = await post(early, viewer);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refused.body.errors?.[0]?.message).toMatch(
      /tenantId "late": the tenant was onboarded at \S+, after the token was issued/,
    );
    expect((await document(url, early)).status).toBe(401);
    const fresh = await issueToken({ secret, role: 'TENANT', tenantId: 'late' });
    expect((await post(fresh, viewer)).body).toEqual({
      data: { viewer: { role: 'TENANT', tenantId: 'late', partnerId: null } },
    });
    // Past authentication: no invoicing in this gateway, so no document.
    expect((await document(url, fresh)).status).toBe(404);
  });

  it('refuses a token without iat for a tenant that exists: when it was issued is unknown', async () => {
    await runner.waitForPosition(await onboard('TENANT', 'undated'), 10_000);
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({
      sub: 'someone',
      role: 'TENANT',
      tenantId: 'undated',
      iss: 'cadran',
      aud: 'cadran',
      exp: Math.floor(Date.now() / 1000) + 600,
    })}`;
    const undated = `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
    const refused = await post(undated, viewer);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.message).toMatch(/after the token was issued \(no iat\)/);
  });

  it('waits for the read models to reach the log head before refusing a party not found', async () => {
    const waits: bigint[] = [];
    const held = await startGateway({
      readModels: {
        awaitPosition: (position, timeoutMs) => {
          waits.push(position);
          return runner.waitForPosition(position, timeoutMs);
        },
      },
    });
    try {
      const position = await onboard('PARTNER', 'just-now');
      const token = await issueToken({ secret, role: 'PARTNER', partnerId: 'just-now' });
      const answer = await postTo(held.base, token, viewer);
      expect(await answer.json()).toEqual({
        data: { viewer: { role: 'PARTNER', tenantId: null, partnerId: 'just-now' } },
      });
      const ghost = await issueToken({ secret, role: 'TENANT', tenantId: 'ghost' });
      waits.length = 0;
      expect((await postTo(held.base, ghost, viewer)).status).toBe(401);
      expect(waits).toEqual([await store.headPosition()]);
      expect(waits[0]).toBeGreaterThanOrEqual(position);
    } finally {
      await held.close();
    }
  });
});

describe('handle() as the way in', () => {
  it('refuses a body over the limit with 413 and the limit in the message', async () => {
    const admin = await issueToken({ secret, role: 'ADMIN' });
    const big = JSON.stringify({ query: `{ viewer { role } }${' '.repeat(5000)}` });
    const refused = await post(admin, '', {}, big);
    expect(refused.status).toBe(413);
    expect(refused.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/larger than 4096 bytes/) as string,
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('leaves other requests to next: GET and gzip bodies still reach yoga through express', async () => {
    const admin = await issueToken({ secret, role: 'ADMIN' });
    const response = await fetch(
      `${url}${GRAPHQL_PATH}?query=${encodeURIComponent('{ viewer { role } }')}`,
      { headers: { authorization: `Bearer ${admin}`, accept: 'application/json' } },
    );
    expect(await response.json()).toEqual({ data: { viewer: { role: 'ADMIN' } } });
    const gzipped = await fetch(`${url}${GRAPHQL_PATH}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${admin}`,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      body: gzipSync(JSON.stringify({ query: '{ viewer { role } }' })),
    });
    expect(await gzipped.json()).toEqual({ data: { viewer: { role: 'ADMIN' } } });
  });
});

describe('queries answered without yoga', () => {
  const send = async (base: string, token: string, accept: string | undefined, body: string) => {
    const response = await fetch(`${base}${GRAPHQL_PATH}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(accept === undefined ? {} : { accept }),
      },
      body,
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: await response.text(),
    };
  };

  it('answer exactly as yoga does, and leave yoga every refusal', async () => {
    const admin = await issueToken({ secret, role: 'ADMIN' });
    const query = `query Capacity($siteId: ID!, $at: DateTime) {
      siteCapacity(siteId: $siteId, at: $at) { at powerCapacityKw site { id name } }
      viewer { role }
    }`;
    const body = (variables: Record<string, unknown>) => JSON.stringify({ query, variables });
    const accepts = [
      undefined,
      '*/*',
      'application/json',
      'application/graphql-response+json',
      'application/graphql-response+json, application/json',
    ];
    // The first sight of a document is yoga's (it parses, limits and validates it).
    await send(url, admin, undefined, body({ siteId: 'bru-1', at: '2026-03-01T00:00:00Z' }));
    const before = { ...gateway.executed };
    for (const [i, accept] of accepts.entries()) {
      const at = `2026-03-01T0${i}:00:00+01:00`;
      const asked = body({ siteId: 'bru-1', at });
      const direct = await send(url, admin, accept, asked);
      expect(direct).toEqual(await send(yogaUrl, admin, accept, asked));
      expect(direct.status).toBe(200);
      expect(JSON.parse(direct.body)).toMatchObject({
        data: { siteCapacity: { at: new Date(at).toISOString().replace('.000Z', 'Z') } },
      });
    }
    expect(gateway.executed.direct - before.direct).toBe(accepts.length);
    expect(gateway.executed.viaYoga - before.viaYoga).toBe(0);

    const refused = [
      body({ siteId: 'nowhere' }), // NOT_FOUND
      body({ siteId: 'bru-1', at: '2026-03-01' }), // not an instant
      body({}), // a missing variable
    ];
    for (const asked of refused) {
      const answered = await send(url, admin, 'application/graphql-response+json', asked);
      expect(answered).toEqual(
        await send(yogaUrl, admin, 'application/graphql-response+json', asked),
      );
      expect(answered.body).toMatch(/"errors"/);
    }
    expect(gateway.executed.direct - before.direct).toBe(accepts.length);
    expect(gateway.executed.viaYoga - before.viaYoga).toBe(refused.length);
  });
});

describe('read-your-writes through the direct path', () => {
  it('waits for x-cadran-min-position once, within maxWaitMs, then answers READ_MODEL_BEHIND', async () => {
    const maxWaitMs = 300;
    const { base, close } = await startGateway({ maxWaitMs });
    const admin = await issueToken({ secret, role: 'ADMIN' });
    const ask = (headers: Record<string, string>) =>
      postTo(base, admin, '{ sites { id } }', headers);
    try {
      expect((await ask({})).status).toBe(200); // yoga has now seen the document: the direct path takes it
      const started = Date.now();
      const behind = await ask({ 'x-cadran-min-position': '999999999' });
      const waited = Date.now() - started;
      expect(behind.status).toBe(503);
      const answer = (await behind.json()) as { errors: { extensions: { code: string } }[] };
      expect(answer.errors[0]?.extensions.code).toBe('READ_MODEL_BEHIND');
      expect(waited).toBeGreaterThanOrEqual(maxWaitMs - 20);
      expect(waited).toBeLessThan(2 * maxWaitMs);
    } finally {
      await close();
    }
  });
});

describe('one execution and one context per request', () => {
  it('runs a query that ends in an error once, worded (masked) as yoga words it', async () => {
    let sitesRuns = 0;
    const real = createReadModelQueries(store.database);
    const failing = new Proxy(real, {
      get: (target, name, receiver) =>
        name === 'sites'
          ? () => {
              sitesRuns += 1;
              throw new Error('the disk under the read models is on fire');
            }
          : (Reflect.get(target, name, receiver) as unknown),
    });
    const {
      gateway: failingGateway,
      base,
      close,
    } = await startGateway({
      readModels: { queries: failing },
      responseCache: false,
    });
    const admin = await issueToken({ secret, role: 'ADMIN' });
    const ask = async () => {
      const response = await postTo(base, admin, '{ viewer { role } sites { id } }');
      return { status: response.status, body: await response.text() };
    };
    try {
      const first = await ask(); // yoga's alone: the document is new
      expect(sitesRuns).toBe(1);
      const second = await ask(); // the direct path runs it, yoga words it
      expect(sitesRuns).toBe(2);
      expect(second).toEqual(first);
      expect(JSON.parse(second.body)).toMatchObject({
        data: null,
        errors: [{ message: 'Unexpected error.', path: ['sites'] }],
      });
      expect(second.body).not.toMatch(/on fire/);
      expect(failingGateway.executed).toEqual({ direct: 0, viaYoga: 2 });
    } finally {
      await close();
    }
  });

  it('builds the context once: one read-your-writes wait for a query that ends in an error', async () => {
    let waits = 0;
    const { base, close } = await startGateway({
      readModels: {
        awaitPosition: (position, timeoutMs) => {
          waits += 1;
          return runner.waitForPosition(position, timeoutMs);
        },
      },
    });
    const admin = await issueToken({ secret, role: 'ADMIN' });
    const missing =
      '{ usage(tenantId: "nobody", from: "2026-03-01T00:00:00Z", to: "2026-03-02T00:00:00Z") { totalGpuHours } }';
    const ask = (headers: Record<string, string>) => postTo(base, admin, missing, headers);
    try {
      await ask({}); // yoga has now seen the document: the direct path takes it
      const ahead = runner.position + 1n;
      const started = Date.now();
      setTimeout(() => void registerSite('bod-1'), 300);
      const answered = await ask({ 'x-cadran-min-position': ahead.toString() });
      const waited = Date.now() - started;
      const answer = (await answered.json()) as {
        data: unknown;
        errors: { extensions: { code: string } }[];
      };
      expect(answer.errors[0]?.extensions.code).toBe('NOT_FOUND');
      expect(waits).toBe(1);
      expect(waited).toBeGreaterThanOrEqual(280);
    } finally {
      await close();
    }
  });
});

describe('the fence around the direct path', () => {
  it('gives yoga only the plugins listed in DIRECT_PATH_SAFE, each with the reason it may be skipped', async () => {
    const source = await readFile(new URL('./create-gateway.ts', import.meta.url), 'utf8');
    // One plugin list for yoga, built from the record typed by DIRECT_PATH_SAFE's keys.
    expect(source.match(/^\s*plugins:.*$/gm)).toEqual([
      '    plugins: Object.values(plugins).filter((plugin) => plugin !== null),',
    ]);
    for (const reason of Object.values(DIRECT_PATH_SAFE)) expect(reason.length).toBeGreaterThan(10);
  });
});
