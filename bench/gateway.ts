/**
 * GraphQL gateway figures: a tenant's monthly usage report (DAY buckets over 30 days, 2 GPU models)
 * over loopback at 50 concurrent clients (autocannon, one request in flight per connection), against
 * the platform started with the demo in a child process (NODE_ENV=production), on a fresh SQLite file.
 *
 * The headline `gateway.usage_report.*` figures are a dashboard's traffic: one document, its
 * variables naming a different 30-day window on every request (minute-aligned "last 30 days"
 * windows starting from mid-February to mid-March), so that no cache of whole answers or reports
 * can hit and every request is parsed from JSON, executed and summed by the read models.
 * `same_report.*`: every body differs (an unused variable) but asks the one report, so the read
 * models' report cache hits: what the GraphQL layer alone costs. `response_cache_hit.*`: the same
 * body again and again, answered from the gateway's response cache.
 *
 * CADRAN_BENCH_CPU_PROF_DIR=dir runs only the headline figures, with the platform under
 * `node --cpu-prof` writing its profile to `dir` when it stops.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { runTypeScriptChild, tempDir, type RunningChild } from '@cadran/domain/testing';
import type { BenchGroup } from './group.js';

const CONNECTIONS = 50;
const DURATION_S = 10;
const WARMUP_S = 3;
const DOCUMENT =
  'query Report($tenantId: ID!, $from: DateTime!, $to: DateTime!) { usage(tenantId: $tenantId, from: $from, to: $to, granularity: DAY) { totalGpuHours byModel { gpuModel gpuHours } series { bucketStart gpuModel gpuHours } } }';
const MARCH = { tenantId: 'mistral', from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' };
const REPORT = JSON.stringify({ query: DOCUMENT, variables: MARCH });
const DAY_MS = 86_400_000;
const FIRST_WINDOW_MS = Date.parse('2026-02-15T00:00:00Z');
/** Distinct windows, each holding at least half of March: one a minute over 28 days, more than a run asks for. */
const WINDOWS = 28 * 24 * 60;

/**
 * CPU seconds (user + system) a process has used, from /proc (Linux); undefined elsewhere. Per
 * request, it changes much less with other work on the machine than requests per second do.
 */
const cpuSeconds = (pid: number | undefined): number | undefined => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
  } catch {
    return undefined;
  }
};
/** USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS_PER_S = 100;

const startPlatform = async (
  env: NodeJS.ProcessEnv,
  nodeFlags: string[],
): Promise<{ child: RunningChild; url: string }> => {
  const child = runTypeScriptChild('services/platform/src/main.ts', ['--demo'], {
    env,
    nodeFlags,
    stderr: 'inherit',
  });
  const line = await child.waitForLine((text) => /GraphQL API\s+http:\/\//.test(text));
  return { child, url: /GraphQL API\s+(http:\/\/\S+)/.exec(line)![1]! };
};

const token = async (env: NodeJS.ProcessEnv, ...args: string[]): Promise<string> => {
  const cli = await runTypeScriptChild('services/platform/src/cli.ts', ['token', ...args], { env })
    .finished;
  if (cli.code !== 0) throw new Error(`cadran token failed: ${cli.stderr}`);
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
    const temp = tempDir('cadran-bench-gateway-');
    const dataDir = temp.dir;
    const env = {
      ...process.env,
      CADRAN_DATA_DIR: dataDir,
      PORT: '0',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    };
    const profileDir = process.env.CADRAN_BENCH_CPU_PROF_DIR;
    const { child, url } = await startPlatform(
      env,
      profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    );
    try {
      const baseUrl = url.replace(/\/graphql$/, '');
      await recordH200(baseUrl, await token(env, '--role', 'METERING'));
      const tenant = await token(env, '--role', 'TENANT', '--tenant', 'mistral');
      const headers = { authorization: `Bearer ${tenant}`, 'content-type': 'application/json' };
      const check = (await (
        await fetch(url, { method: 'POST', headers, body: REPORT })
      ).json()) as { data?: { usage: { byModel: unknown[]; series: unknown[] } } };
      if (check.data?.usage.byModel.length !== 2 || check.data.usage.series.length !== 60) {
        throw new Error(`unexpected report: ${JSON.stringify(check).slice(0, 300)}`);
      }
      const load = (body: () => string, duration: number) =>
        autocannon({
          url,
          method: 'POST',
          headers,
          connections: CONNECTIONS,
          duration,
          requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }],
        }).then((run) => {
          if (run.non2xx > 0 || run.errors > 0)
            throw new Error(`${run.non2xx} non-2xx answers, ${run.errors} errors`);
          return run;
        });
      let window = 0;
      const dashboard = () => {
        const from = FIRST_WINDOW_MS + (window++ % WINDOWS) * 60_000;
        return JSON.stringify({
          query: DOCUMENT,
          variables: {
            tenantId: 'mistral',
            from: new Date(from).toISOString(),
            to: new Date(from + 30 * DAY_MS).toISOString(),
          },
        });
      };
      // Every window answers a report, never an error (which would still be an HTTP 200).
      for (const at of [0, WINDOWS / 2, WINDOWS - 1]) {
        window = at;
        const answer = (await (
          await fetch(url, { method: 'POST', headers, body: dashboard() })
        ).json()) as { errors?: unknown; data?: { usage: { series: unknown[] } } };
        if (answer.errors !== undefined || (answer.data?.usage.series.length ?? 0) === 0)
          throw new Error(`unexpected dashboard report: ${JSON.stringify(answer).slice(0, 300)}`);
      }
      window = 0;
      let n = 0;
      const sameReport = () => JSON.stringify({ query: DOCUMENT, variables: { ...MARCH, n: n++ } });
      // Warm-up: JIT, statement and document caches.
      await load(dashboard, WARMUP_S);
      const cpuBefore = cpuSeconds(child.process.pid);
      const miss = await load(dashboard, DURATION_S);
      const cpuAfter = cpuSeconds(child.process.pid);
      const figures: Record<string, number> = {
        'gateway.usage_report.req_per_s': miss.requests.average,
        'gateway.usage_report.p99_ms': miss.latency.p99,
      };
      if (cpuBefore !== undefined && cpuAfter !== undefined && miss.requests.total > 0)
        figures['gateway.usage_report.server_cpu_us_per_req'] =
          ((cpuAfter - cpuBefore) * 1e6) / miss.requests.total;
      if (profileDir !== undefined) return figures;
      const same = await load(sameReport, DURATION_S);
      const hit = await load(() => REPORT, DURATION_S);
      return {
        ...figures,
        'gateway.usage_report.same_report.req_per_s': same.requests.average,
        'gateway.usage_report.same_report.p99_ms': same.latency.p99,
        'gateway.usage_report.response_cache_hit.req_per_s': hit.requests.average,
        'gateway.usage_report.response_cache_hit.p99_ms': hit.latency.p99,
      };
    } finally {
      child.process.kill('SIGTERM');
      await child.exited;
      temp.remove();
    }
  },
};
