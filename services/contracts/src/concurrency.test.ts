import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { seed, setUp, siteInput } from './test-setup.js';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const tsx = join(here, '../../../node_modules/.bin/tsx');
const CLIENTS = 8;
const INSTALLED = 2048;
const ASKED = 500;

let env: ReturnType<typeof setUp>;
beforeEach(async () => {
  env = setUp();
  await seed(env.service, { ...siteInput, gpuInventory: [{ gpuModel: 'H200', count: INSTALLED }] });
});
afterEach(() => env.tearDown());

it('8 clients in separate processes reserving one site: never oversold, each told the truth', { timeout: 120_000 }, async () => {
  const outcomes = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const { stdout } = await run(tsx, [join(here, 'reserve-client.child.ts'), env.path, `r-${i}`, String(ASKED)], { cwd: here });
      return JSON.parse(stdout.trim()) as { reservationId: string; granted?: number; refused?: string; message?: string };
    }),
  );
  const granted = outcomes.filter((o) => o.granted !== undefined);
  const refused = outcomes.filter((o) => o.refused !== undefined);
  expect(granted.length + refused.length).toBe(CLIENTS);

  const sum = granted.reduce((total, o) => total + o.granted!, 0);
  expect(sum).toBeLessThanOrEqual(INSTALLED);
  // 4 × 500 fit in 2048, a fifth does not: exactly four are granted whatever the interleaving.
  expect(granted).toHaveLength(Math.floor(INSTALLED / ASKED));
  for (const o of refused) {
    expect(o.refused).toBe('CONFLICT');
    expect(o.message).toBe(`site bru-1 has ${INSTALLED - sum} H200 free from 2026-03-01T00:00:00Z, ${ASKED} asked`);
  }

  const inLog = (await env.store.readStream('site-bru-1')).filter((e) => e.type === 'CapacityReserved');
  expect(inLog.map((e) => e.data.reservationId).sort()).toEqual(granted.map((o) => o.reservationId).sort());
});
