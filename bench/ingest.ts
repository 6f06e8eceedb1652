/**
 * Ingestion figures (services/metering), each measured in a child process of its own:
 * - ingest.service.records_per_s: usage records through the service (validation, idempotency,
 *   attribution, claim, append) in batches of 1,000 on the embedded store;
 * - ingest.http.records_per_s: one 1,000,000-line NDJSON body POSTed to /v1/usage over loopback,
 *   generated while it is sent (never held whole);
 * - ingest.http.ceiling_rows_per_s: the same events inserted by a bare better-sqlite3 loop with a
 *   unique index on the random record ids, synchronous=FULL, 1,000 a commit (bare-insert.ts), and
 *   ingest.http.ceiling_ratio, the first over it;
 * - ingest.http.peak_rss_mb (1M-line body) and ingest.http.peak_rss_mb_10m (a 10M-line body):
 *   the server's peak resident memory during the request;
 * - ingest.http.records_per_s_10m_body, and ingest.http.records_per_s_at_10m: a 1M-line body
 *   sent to the server that has just stored those 10M records.
 * The children run under plain `node` with the platform's flags, compiled first (`bundle` of
 * @cadran/platform, as `pnpm start` runs the platform): tsx's loader thread alone would add about 100 MB resident.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS, bundle } from '@cadran/platform/bundle';
import type { BenchGroup } from './group.js';

const SERVICE_RECORDS = 500_000;
const HTTP_LINES = 1_000_000;
const LARGE_BODY_LINES = Number(process.env.CADRAN_BENCH_LARGE_BODY ?? 10_000_000);
/** Where the children are compiled, for one run of the group. */
let compiled = '';

/** The child script compiled to plain JavaScript. */
async function child(name: string): Promise<string> {
  const outfile = join(compiled, name.replace(/\.ts$/, '.mjs'));
  await bundle(
    fileURLToPath(new URL(`../services/metering/src/bench/${name}`, import.meta.url)),
    outfile,
  );
  return outfile;
}

function startChild(script: string, args: string[]) {
  const process = spawn(globalThis.process.execPath, [...NODE_FLAGS, script, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: process.stdout! })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => process.on('exit', resolve));
  return {
    async nextJson<T>(): Promise<T> {
      const line = await lines.next();
      if (line.done) throw new Error(`${script} ended without answering (exit ${await exited})`);
      return JSON.parse(line.value) as T;
    },
    send: (line: string) => process.stdin!.write(`${line}\n`),
    exited,
  };
}

const BASE = Date.UTC(2026, 2, 1);
const instant = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The n-th line of the body: a valid usage record with a random UUID id, as metering systems send them. */
function usageLine(n: number): string {
  const start = BASE + (n % 40_000) * 60_000;
  return `{"id":"${randomUUID()}","tenantId":"mistral","siteId":"bru-1","gpuModel":"GB300","startedAt":"${instant(start)}","endedAt":"${instant(start + 3_600_000)}","gpuHours":"${(n % 512) + 0.25}"}`;
}

/** Lines from..to-1 of the body, 1,000 a chunk. */
function* ndjsonBody(from: number, to: number): Generator<string> {
  for (let start = from; start < to; start += 1000) {
    let chunk = '';
    for (let n = start; n < Math.min(start + 1000, to); n++) chunk += `${usageLine(n)}\n`;
    yield chunk;
  }
}

function post(
  url: string,
  token: string,
  body: Readable,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/usage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (piece: string) => (text += piece));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    body.pipe(req);
  });
}

async function serviceFigure(): Promise<number> {
  const run = startChild(await child('service-ingest.ts'), [String(SERVICE_RECORDS)]);
  const { records_per_s } = await run.nextJson<{ records_per_s: number }>();
  await run.exited;
  return records_per_s;
}

async function ceilingFigure(): Promise<number> {
  const run = startChild(await child('bare-insert.ts'), [String(HTTP_LINES), '1000']);
  const { rows_per_s } = await run.nextJson<{ rows_per_s: number }>();
  await run.exited;
  return rows_per_s;
}

type Server = ReturnType<typeof startChild> & { url: string; token: string };

async function startServer(): Promise<Server> {
  const server = startChild(await child('http-server.ts'), []);
  const { url, token } = await server.nextJson<{ url: string; token: string }>();
  return { ...server, url, token };
}

/** POSTs lines from..to-1; resolves to the rate and the server's peak memory meanwhile. */
async function sendBody(
  server: Server,
  from: number,
  to: number,
): Promise<{ recordsPerS: number; peakRssMb: number }> {
  server.send('peak');
  await server.nextJson();
  const started = performance.now();
  const { status, text } = await post(
    server.url,
    server.token,
    Readable.from(ndjsonBody(from, to)),
  );
  const seconds = (performance.now() - started) / 1000;
  server.send('peak');
  const { peak_rss_mb } = await server.nextJson<{ peak_rss_mb: number }>();
  const answer = (status === 200 ? JSON.parse(text) : {}) as { accepted?: number };
  if (status !== 200 || answer.accepted !== to - from)
    throw new Error(`POST /v1/usage answered ${status}: ${text.slice(0, 500)}`);
  return { recordsPerS: (to - from) / seconds, peakRssMb: peak_rss_mb };
}

/** Stops the server; resolves to the CPU seconds it used. */
async function stop(server: Server): Promise<number> {
  server.send('stop');
  const { cpu_seconds } = await server.nextJson<{ cpu_seconds: number }>();
  await server.exited;
  return cpu_seconds;
}

export const ingestBench: BenchGroup = {
  name: 'ingest',
  async run() {
    compiled = mkdtempSync(join(tmpdir(), 'cadran-bench-ingest-'));
    try {
      return await measure();
    } finally {
      rmSync(compiled, { recursive: true, force: true });
    }
  },
};

async function measure() {
  const service = await serviceFigure();
  const ceiling = await ceilingFigure();
  const fresh = await startServer();
  const http = await sendBody(fresh, 0, HTTP_LINES);
  await stop(fresh);
  const large = await startServer();
  const largeBody = await sendBody(large, 0, LARGE_BODY_LINES);
  const after = await sendBody(large, LARGE_BODY_LINES, LARGE_BODY_LINES + HTTP_LINES);
  await stop(large);
  return {
    'ingest.service.records_per_s': service,
    'ingest.http.records_per_s': http.recordsPerS,
    'ingest.http.ceiling_rows_per_s': ceiling,
    'ingest.http.ceiling_ratio': http.recordsPerS / ceiling,
    'ingest.http.peak_rss_mb': http.peakRssMb,
    'ingest.http.records_per_s_10m_body': largeBody.recordsPerS,
    'ingest.http.peak_rss_mb_10m': largeBody.peakRssMb,
    'ingest.http.records_per_s_at_10m': after.recordsPerS,
    'ingest.http.at_10m_ratio': after.recordsPerS / http.recordsPerS,
  };
}
