import { afterEach, beforeEach, expect, it } from 'vitest';
import { runTypeScriptChild } from '@cadran/domain/testing';
import { rateCardInput, seed, setUp, siteInput } from './contracts.test-support.js';

const CLIENT = new URL('./client.child.ts', import.meta.url);
const CLIENTS = 8;
const INSTALLED = 2048;
const ASKED = 500;

let env: ReturnType<typeof setUp>;

type Outcome = { value?: Record<string, unknown>; refused?: string; message?: string };

/** Runs one client per input, each in its own process, all at once. */
function clients(method: 'reserveCapacity' | 'signContract', inputs: object[]): Promise<Outcome[]> {
  return Promise.all(
    inputs.map(async (input) => {
      const client = runTypeScriptChild(CLIENT, [env.path, method, JSON.stringify(input)]);
      const { code, stdout, stderr } = await client.finished;
      expect(code, stderr).toBe(0);
      return JSON.parse(stdout.trim()) as Outcome;
    }),
  );
}

beforeEach(async () => {
  env = setUp();
  await seed(env.service, { ...siteInput, gpuInventory: [{ gpuModel: 'H200', count: INSTALLED }] });
});
afterEach(() => env.tearDown());

it(
  '8 clients in separate processes reserving one site: never oversold, each told the truth',
  { timeout: 120_000 },
  async () => {
    const outcomes = await clients(
      'reserveCapacity',
      Array.from({ length: CLIENTS }, (_, i) => ({
        id: `r-${i}`,
        contractId: 'c-mistral',
        gpuModel: 'H200',
        gpuCount: ASKED,
        startsAt: '2026-03-01T00:00:00Z',
        endsAt: '2026-04-01T00:00:00Z',
      })),
    );
    const granted = outcomes.filter((o) => o.value !== undefined);
    const refused = outcomes.filter((o) => o.refused !== undefined);
    expect(granted.length + refused.length).toBe(CLIENTS);

    const sum = granted.reduce((total, o) => total + (o.value!.gpuCount as number), 0);
    expect(sum).toBeLessThanOrEqual(INSTALLED);
    // 4 × 500 fit in 2048, a fifth does not: exactly four are granted whatever the interleaving.
    expect(granted).toHaveLength(Math.floor(INSTALLED / ASKED));
    for (const o of refused) {
      expect(o.refused).toBe('CONFLICT');
      expect(o.message).toBe(
        `site bru-1 has ${INSTALLED - sum} H200 free from 2026-03-01T00:00:00Z, ${ASKED} asked`,
      );
    }

    const inLog = (await env.store.readStream('site-bru-1')).filter(
      (e) => e.type === 'CapacityReserved',
    );
    expect(inLog.map((e) => e.data.reservationId).sort()).toEqual(
      granted.map((o) => o.value!.reservationId).sort(),
    );
  },
);

it(
  'clients in separate processes signing overlapping contracts of one tenant at one site: exactly one is signed',
  { timeout: 120_000 },
  async () => {
    await env.service.onboardTenant({ id: 'kyutai', name: 'Kyutai', countryCode: 'FR' });
    const ids = Array.from({ length: CLIENTS }, (_, i) => `c-k${i}`);
    for (const [i, id] of ids.entries()) {
      // Every pair overlaps: all are open-ended, starting a day apart.
      await env.service.draftContract({
        id,
        tenantId: 'kyutai',
        siteId: 'bru-1',
        startsAt: `2026-03-0${i + 1}T00:00:00Z`,
        rateCard: rateCardInput,
      });
    }
    const outcomes = await clients(
      'signContract',
      ids.map((id) => ({ id })),
    );

    const signed = outcomes.filter((o) => o.value?.status === 'SIGNED');
    expect(signed).toHaveLength(1);
    const winner = signed[0]!.value!.contractId as string;
    const refused = outcomes.filter((o) => o.refused !== undefined);
    expect(refused).toHaveLength(CLIENTS - 1);
    for (const o of refused) {
      expect(o.refused).toBe('CONFLICT');
      expect(o.message).toMatch(
        new RegExp(`^tenant kyutai already has contract ${winner} active at site bru-1 `),
      );
    }

    const log = await env.store.readAll();
    expect(
      log
        .filter((e) => e.type === 'ContractSigned' && ids.includes(e.data.contractId as string))
        .map((e) => e.data.contractId),
    ).toEqual([winner]);
    expect(
      (await env.store.readStream('tenancy-kyutai.bru-1')).map((e) => [e.type, e.data.contractId]),
    ).toEqual([['ContractActivated', winner]]);
  },
);
