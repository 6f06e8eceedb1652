import { readFileSync } from 'node:fs';
import {
  repositoryRoot,
  runTypeScriptChild,
  tempDir,
  type RunningChild,
} from '@cadran/domain/testing';
import { DemoRefusedError, startPlatform } from '@cadran/platform';
import { NODE_FLAGS } from '@cadran/platform/bundle';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';

/** What the README tells a newcomer: `pnpm start --demo`, `pnpm cadran token --role ADMIN`, a first query. */
const temp = tempDir('cadran-newcomer-');
const dataDir = temp.dir;
/** The root package's scripts: `pnpm start` compiles the platform and runs it with node, `pnpm cadran` runs the CLI through tsx. */
const scripts = (
  JSON.parse(readFileSync(`${repositoryRoot}package.json`, 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;
const env = {
  ...process.env,
  CADRAN_DATA_DIR: dataDir,
  PORT: '0',
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
};
let server: RunningChild | undefined;

afterAll(() => {
  server?.process.kill('SIGKILL');
  temp.remove();
});

const waitForUrl = async (child: RunningChild): Promise<string> =>
  /GraphQL API\s+(http:\/\/\S+)/.exec(
    await child.waitForLine((line) => /GraphQL API\s+http:\/\//.test(line)),
  )![1]!;

describe('a newcomer', () => {
  it('starts the platform with the demo, gets a token from the CLI and has a first query answered', async () => {
    // What `pnpm start --demo` and `pnpm cadran token` run, without pnpm in between so that
    // SIGTERM reaches the platform itself.
    expect(scripts.start).toBe(
      `tsx services/platform/src/build.ts && node ${NODE_FLAGS.join(' ')} services/platform/dist/main.js`,
    );
    expect(scripts.cadran).toBe('tsx services/platform/src/cli.ts');
    const build = await runTypeScriptChild('services/platform/src/build.ts', []).finished;
    expect(build.code, build.stderr).toBe(0);
    server = runTypeScriptChild('services/platform/dist/main.js', ['--demo'], {
      env,
      stderr: 'inherit',
      nodeFlags: NODE_FLAGS,
    });
    const url = await waitForUrl(server);

    const cli = await runTypeScriptChild(
      'services/platform/src/cli.ts',
      ['token', '--role', 'ADMIN'],
      {
        env,
      },
    ).finished;
    expect(cli.code, cli.stderr).toBe(0);
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

    server.process.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
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
