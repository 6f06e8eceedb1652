import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken, loadOrCreateSecret } from '@cadran/auth';
import { runTypeScriptChild, type RunningChild } from '@cadran/domain/testing';
import { createSqliteEventStore } from '@cadran/event-store';
import { DEMO_OPERATOR_ENV } from '@cadran/invoicing';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `pnpm start` as a child process: SIGTERM while a client holds an upload open. The platform stops
 * within CADRAN_SHUTDOWN_GRACE_MS (plus a margin), and what it acknowledged is there after a restart.
 */
const GRACE_MS = 1_000;
const dataDir = mkdtempSync(join(tmpdir(), 'cadran-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const start = async (args: string[]): Promise<{ child: RunningChild; url: string }> => {
  const child = runTypeScriptChild('services/platform/src/main.ts', args, {
    env: {
      ...process.env,
      ...DEMO_OPERATOR_ENV,
      CADRAN_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'warn',
      CADRAN_SHUTDOWN_GRACE_MS: String(GRACE_MS),
    },
  });
  const line = await child.waitForLine((text) => text.includes('GraphQL API'));
  const url = /(http:\/\/\S+)\/graphql/.exec(line)![1]!;
  return { child, url };
};

const record = (id: string) =>
  `${JSON.stringify({
    id,
    tenantId: 'mistral',
    siteId: 'bru-1',
    gpuModel: 'GB300',
    startedAt: '2026-03-02T00:00:00Z',
    endedAt: '2026-03-02T01:00:00Z',
    gpuHours: '1',
  })}\n`;

describe('SIGTERM during a slow upload', () => {
  it('stops within the grace period and keeps what was acknowledged', async () => {
    const first = await start(['--demo']);
    const token = await issueToken({ secret: await loadOrCreateSecret(dataDir), role: 'METERING' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' };
    const acknowledged = await fetch(`${first.url}/v1/usage`, {
      method: 'POST',
      headers,
      body: record('acked-1'),
    });
    expect(await acknowledged.json()).toMatchObject({ accepted: 1 });

    // An upload that sends one line and then nothing more: the client never ends it.
    const slow = request(`${first.url}/v1/usage`, { method: 'POST', headers });
    const cut = new Promise<string>((resolve) => {
      slow.on('error', (error) => resolve(error.message));
      slow.on('response', (response) => resolve(`answered ${response.statusCode}`));
    });
    slow.write(record('in-flight-1'));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const signalled = Date.now();
    first.child.process.kill('SIGTERM');
    const exit = await first.child.exited;
    const took = Date.now() - signalled;
    expect(exit.code).toBe(0);
    expect(took).toBeGreaterThanOrEqual(GRACE_MS - 100);
    expect(took).toBeLessThan(GRACE_MS + 8_000);
    expect(await cut).toMatch(/socket hang up|ECONNRESET/);

    // The store opens again and holds the acknowledged record.
    const second = await start([]);
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    second.child.process.kill('SIGTERM');
    expect((await second.child.exited).code).toBe(0);
    const store = createSqliteEventStore({ path: join(dataDir, 'cadran.db') });
    try {
      const ids = (await store.readStream('usage-bru-1')).map((event) => event.data.recordId);
      expect(ids).toContain('acked-1');
    } finally {
      await store.close();
    }
  }, 60_000);
});
