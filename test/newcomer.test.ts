import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DemoRefusedError, startPlatform } from '@cadran/platform';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';

/** What the README tells a newcomer: `pnpm start --demo`, `pnpm cadran token --role ADMIN`, a first query. */
const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'cadran-newcomer-'));
const env = {
  ...process.env,
  CADRAN_DATA_DIR: dataDir,
  PORT: '0',
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
};
let server: ChildProcess | undefined;

afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const waitForUrl = (child: ChildProcess): Promise<string> =>
  new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /GraphQL API\s+(http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`pnpm start exited with ${code}: ${out}`)));
  });

describe('a newcomer', () => {
  it('starts the platform with the demo, gets a token from the CLI and has a first query answered', async () => {
    // What `pnpm start --demo` runs, without pnpm in between so that SIGTERM reaches the platform itself.
    server = spawn(
      process.execPath,
      ['--import', 'tsx', 'services/platform/src/main.ts', '--demo'],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const url = await waitForUrl(server);

    const cli = spawnSync('pnpm', ['--silent', 'cadran', 'token', '--role', 'ADMIN'], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    expect(cli.status).toBe(0);
    const token = cli.stdout.trim();
    expect(token.split('.')).toHaveLength(3);

    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ viewer { role } sites { id } usage(tenantId: "mistral", from: "2026-03-01T00:00:00+01:00", to: "2026-04-01T00:00:00+02:00", granularity: MONTH, timeZone: "Europe/Paris") { series { bucketStart gpuHours } } incidents { startedAt resolvedAt } }',
      }),
    });
    expect(await response.json()).toEqual({
      data: {
        viewer: { role: 'ADMIN' },
        sites: [{ id: 'bru-1' }],
        usage: { series: [{ bucketStart: '2026-02-28T23:00:00Z', gpuHours: '800000' }] },
        incidents: [{ startedAt: '2026-03-10T08:00:00Z', resolvedAt: '2026-03-10T10:30:00Z' }],
      },
    });

    const exited = new Promise<number | null>((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('cannot load the demo twice: the store is no longer empty', async () => {
    await expect(
      startPlatform({ dataDir, port: 0, demo: true, env: {}, logger: pino({ level: 'silent' }) }),
    ).rejects.toThrow(DemoRefusedError);
    const again = await startPlatform({
      dataDir,
      port: 0,
      env: {},
      logger: pino({ level: 'silent' }),
    });
    await again.stop();
  });
});
