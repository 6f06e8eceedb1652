/**
 * GraphQL gateway figures: a tenant's monthly usage report (DAY buckets over 30 days, 2 GPU models)
 * over loopback at 50 concurrent clients (autocannon, one request in flight per connection), against
 * the platform started with the demo in a child process (NODE_ENV=production), on a fresh SQLite file.
 *
 * The same report asked again at one read-model position is answered from the gateway's response
 * cache; the `response_cache_miss` figures make every body different (an unused variable), so that
 * each request runs through yoga (parse and validation still cached) and executes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchGroup } from './group.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CONNECTIONS = 50;
const DURATION_S = 15;
const MISS_DURATION_S = 10;
const REPORT = JSON.stringify({
  query:
    'query Report($tenantId: ID!) { usage(tenantId: $tenantId, from: "2026-03-01T00:00:00Z", to: "2026-03-31T00:00:00Z", granularity: DAY) { totalGpuHours byModel { gpuModel gpuHours } series { bucketStart gpuModel gpuHours } } }',
  variables: { tenantId: 'mistral' },
});

const startPlatform = (
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'services/platform/src/main.ts', '--demo'],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /GraphQL API\s+(http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`platform exited with ${code}: ${out}`)));
  });

const token = (env: NodeJS.ProcessEnv, ...args: string[]): string => {
  const cli = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'services/platform/src/cli.ts', 'token', ...args],
    { cwd: root, env, encoding: 'utf8' },
  );
  if (cli.status !== 0) throw new Error(`cadran token failed: ${cli.stderr}`);
  return cli.stdout.trim();
};

/** The demo holds GB300 usage; a second model makes the report's two series. */
const recordH200 = async (baseUrl: string, metering: string): Promise<void> => {
  const start = Date.parse('2026-03-01T00:00:00Z');
  const lines = Array.from({ length: 30 * 24 }, (_, hour) => {
    const startedAt = new Date(start + hour * 3_600_000).toISOString();
    const endedAt = new Date(start + (hour + 1) * 3_600_000).toISOString();
    return JSON.stringify({
      id: `bench-h200-${hour}`,
      tenantId: 'mistral',
      siteId: 'bru-1',
      gpuModel: 'H200',
      startedAt,
      endedAt,
      gpuHours: '200',
    });
  });
  const response = await fetch(`${baseUrl}/v1/usage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${metering}`, 'content-type': 'application/x-ndjson' },
    body: `${lines.join('\n')}\n`,
  });
  const answer = (await response.json()) as { accepted: number; lastPosition: string };
  if (answer.accepted !== lines.length)
    throw new Error(`H200 usage not accepted: ${JSON.stringify(answer)}`);
};

export const gatewayBench: BenchGroup = {
  name: 'gateway',
  async run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'cadran-bench-gateway-'));
    const env = {
      ...process.env,
      CADRAN_DATA_DIR: dataDir,
      PORT: '0',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    };
    const { child, url } = await startPlatform(dataDir, env);
    try {
      const baseUrl = url.replace(/\/graphql$/, '');
      await recordH200(baseUrl, token(env, '--role', 'METERING'));
      const tenant = token(env, '--role', 'TENANT', '--tenant', 'mistral');
      const headers = { authorization: `Bearer ${tenant}`, 'content-type': 'application/json' };
      const check = (await (
        await fetch(url, { method: 'POST', headers, body: REPORT })
      ).json()) as { data?: { usage: { byModel: unknown[]; series: unknown[] } } };
      if (check.data?.usage.byModel.length !== 2 || check.data.usage.series.length !== 60) {
        throw new Error(`unexpected report: ${JSON.stringify(check).slice(0, 300)}`);
      }
      // Warm-up: JIT, statement and document caches.
      await autocannon({
        url,
        method: 'POST',
        headers,
        body: REPORT,
        connections: CONNECTIONS,
        duration: 3,
      });
      const result = await autocannon({
        url,
        method: 'POST',
        headers,
        body: REPORT,
        connections: CONNECTIONS,
        duration: DURATION_S,
      });
      let n = 0;
      const distinct = () => REPORT.replace('"variables":{', `"variables":{"n":${n++},`);
      const miss = await autocannon({
        url,
        method: 'POST',
        headers,
        connections: CONNECTIONS,
        duration: MISS_DURATION_S,
        requests: [{ setupRequest: (request) => ({ ...request, body: distinct() }) }],
      });
      for (const run of [result, miss]) {
        if (run.non2xx > 0 || run.errors > 0)
          throw new Error(`${run.non2xx} non-2xx answers, ${run.errors} errors`);
      }
      return {
        'gateway.usage_report.req_per_s': result.requests.average,
        'gateway.usage_report.p99_ms': result.latency.p99,
        'gateway.usage_report.response_cache_miss.req_per_s': miss.requests.average,
        'gateway.usage_report.response_cache_miss.p99_ms': miss.latency.p99,
      };
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
