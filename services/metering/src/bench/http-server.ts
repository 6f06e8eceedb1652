/**
 * Benchmark child: serves the metering router on 127.0.0.1 over a fresh embedded store
 * (synchronous FULL, the default), prints {"url", "token"} and samples its resident memory. Each
 * "peak" line on stdin prints {"peak_rss_mb"} (the peak since the previous one) and starts a new
 * peak; "stop" closes everything and prints {"cpu_seconds"}.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import express from 'express';
import { createAuthenticator, issueToken } from '@cadran/auth';
import { Sqlite, createSqliteEventStore } from '@cadran/event-store';
import { createMeteringRouter } from '../metering-router.js';
import { createMeteringService } from '../metering-service.js';
import { seedReferenceData, tempDir } from '../reference-data.test-support.js';

let peakRss = process.memoryUsage.rss();
let firstPeak = true;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 10);

const temp = tempDir('cadran-bench-http-');
const store = createSqliteEventStore({ path: temp.file('cadran.db') });
const registryDb = new Sqlite(temp.file('metering-registry.db'));
registryDb.pragma('journal_mode = WAL');
const service = createMeteringService({ store, registryDb });
await seedReferenceData(store);
const secret = randomBytes(32).toString('hex');
const app = express();
app.use(
  createMeteringRouter({
    service,
    authenticator: createAuthenticator({ mode: 'secret', secret }),
  }),
);
const server = app.listen(0, '127.0.0.1');
// A 10M-line body may take longer than Node's default 300 s on a loaded machine.
server.requestTimeout = 0;
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const { port } = server.address() as AddressInfo;
console.log(
  JSON.stringify({
    url: `http://127.0.0.1:${port}`,
    token: await issueToken({ secret, role: 'METERING' }),
  }),
);

const input = createInterface({ input: process.stdin });
for await (const line of input) {
  if (line === 'peak') {
    // maxRSS (KiB) also catches a peak between two samples, but only the process's first.
    const peak = firstPeak ? Math.max(peakRss, process.resourceUsage().maxRSS * 1024) : peakRss;
    firstPeak = false;
    peakRss = process.memoryUsage.rss();
    console.log(JSON.stringify({ peak_rss_mb: peak / (1024 * 1024) }));
  } else if (line === 'stop') break;
}
input.close();
clearInterval(sampler);
server.closeAllConnections();
server.close();
await service.close();
registryDb.close();
await store.close();
temp.remove();
const cpu = process.cpuUsage();
console.log(JSON.stringify({ cpu_seconds: (cpu.user + cpu.system) / 1e6 }));
