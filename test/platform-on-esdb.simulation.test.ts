/**
 * SIMULATION: the whole platform on the EventStoreDB adapter, talking to a SIMULATED EventStoreDB
 * node (packages/event-store/src/simulation), not to EventStoreDB. It shows what the adapter does
 * with what the server's source says it sends; a real cluster is in infra/ and untested here.
 */
import { startSimulatedEsdb, type SimulatedEsdbNode } from '@cadran/event-store/simulation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome, startTestPlatform, type Started } from './support/platform.js';

let node: SimulatedEsdbNode;
let platform: Started;
let admin: string;

beforeAll(async () => {
  node = await startSimulatedEsdb();
  platform = await startTestPlatform({
    demo: true,
    esdbConnectionString: node.connectionString,
    maxWaitMs: 2_000,
  });
  admin = await platform.token('ADMIN');
});
afterAll(async () => {
  await platform?.close();
  await node?.stop();
});

const health = async () => {
  const response = await fetch(`${platform.url}/healthz`);
  return {
    status: response.status,
    body: (await response.json()) as { status: string; subscriptions: Record<string, string> },
  };
};

describe('SIMULATION: the platform on a simulated EventStoreDB node', () => {
  it('answers a mutation at once: both read models pass the position it wrote (finding 1)', async () => {
    const started = Date.now();
    const result = await platform.gql(
      admin,
      'mutation { registerPartner(input: { id: "nscale", name: "Nscale", countryCode: "GB" }) { id name } }',
    );
    expect(outcome(result)).toBe('OK');
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('reports read models whose subscriptions are resuming, then ok once they are back (finding 6)', async () => {
    // Every subscription of the platform is one that /healthz reports.
    const { subscriptions } = (await health()).body;
    expect(node.dropSubscriptions('unavailable')).toBe(Object.keys(subscriptions).length);
    const seen = new Set<string>();
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { body } = await health();
      seen.add(body.status);
      if (seen.has('read models resuming') && body.status === 'ok') break;
      if (Date.now() > deadline) throw new Error(`health seen: ${[...seen].join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const result = await platform.gql(
      admin,
      'mutation { registerPartner(input: { id: "fluidstack-2", name: "Fluidstack 2", countryCode: "GB" }) { id } }',
    );
    expect(outcome(result)).toBe('OK');
  });

  it('reports read models stopped when the store refuses their subscription for good (finding 6)', async () => {
    node.dropSubscriptions('access-denied');
    const deadline = Date.now() + 10_000;
    while ((await health()).body.status !== 'read models stopped') {
      if (Date.now() > deadline) throw new Error('health never reported the stopped read models');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await health()).status).toBe(503);
  });
});
