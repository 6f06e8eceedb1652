/**
 * Ingestion figures (services/metering), each measured in a child process of its own:
 * - ingest.service.records_per_s: usage records through the service (validation, idempotency,
 *   attribution, append) in batches of 1,000 on the embedded store;
 * - ingest.http.records_per_s: one 1,000,000-line NDJSON body POSTed to /v1/usage over loopback,
 *   generated while it is sent (never held whole);
 * - ingest.http.peak_rss_mb: the server's peak resident memory during that request.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runTypeScriptChild } from '@cadran/domain/testing';
import type { BenchGroup } from './group.js';

const SERVICE_RECORDS = 500_000;
const HTTP_LINES = 1_000_000;
const child = (name: string) =>
  fileURLToPath(new URL(`../services/metering/src/bench/${name}`, import.meta.url));

function startChild(script: string, args: string[]) {
  const child = runTypeScriptChild(script, args, { stderr: 'inherit' });
  return {
    nextJson: async <T>(): Promise<T> => JSON.parse(await child.nextLine()) as T,
    send: (line: string) => child.process.stdin!.end(`${line}\n`),
    exited: child.exited,
  };
}

function* ndjsonBody(lines: number): Generator<string> {
  const base = Date.UTC(2026, 2, 1);
  for (let start = 0; start < lines; start += 1000) {
    let chunk = '';
    for (let n = start; n < Math.min(start + 1000, lines); n++) {
      const startedAt = new Date(base + (n % 40_000) * 60_000).toISOString().replace('.000Z', 'Z');
      const endedAt = new Date(base + (n % 40_000) * 60_000 + 3_600_000)
        .toISOString()
        .replace('.000Z', 'Z');
      chunk += `{"id":"${randomUUID()}","tenantId":"mistral","siteId":"bru-1","gpuModel":"GB300","startedAt":"${startedAt}","endedAt":"${endedAt}","gpuHours":"${(n % 512) + 0.25}"}\n`;
    }
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
  const run = startChild(child('service-ingest.ts'), [String(SERVICE_RECORDS)]);
  const { records_per_s } = await run.nextJson<{ records_per_s: number }>();
  await run.exited;
  return records_per_s;
}

async function httpFigures(): Promise<{ recordsPerS: number; peakRssMb: number }> {
  const server = startChild(child('http-server.ts'), []);
  const { url, token } = await server.nextJson<{ url: string; token: string }>();
  const started = performance.now();
  const { status, text } = await post(url, token, Readable.from(ndjsonBody(HTTP_LINES)));
  const seconds = (performance.now() - started) / 1000;
  server.send('stats');
  const { peak_rss_mb } = await server.nextJson<{ peak_rss_mb: number }>();
  await server.exited;
  const answer = JSON.parse(text) as { accepted?: number; rejected?: number };
  if (status !== 200 || answer.accepted !== HTTP_LINES)
    throw new Error(`POST /v1/usage answered ${status}: ${text.slice(0, 500)}`);
  return { recordsPerS: HTTP_LINES / seconds, peakRssMb: peak_rss_mb };
}

export const ingestBench: BenchGroup = {
  name: 'ingest',
  async run() {
    const service = await serviceFigure();
    const http = await httpFigures();
    return {
      'ingest.service.records_per_s': service,
      'ingest.http.records_per_s': http.recordsPerS,
      'ingest.http.peak_rss_mb': http.peakRssMb,
    };
  },
};
