/**
 * Benchmark child: serves the metering router on 127.0.0.1 over a fresh embedded store
 * (synchronous FULL, the default), prints {"url", "token"}, samples its resident memory, and on
 * a "stats" line from stdin prints {"peak_rss_mb"} and exits.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import express from 'express';
import { createAuthenticator, issueToken } from '@cadran/auth';
import { createSqliteEventStore } from '@cadran/event-store';
import { createMeteringRouter } from '../metering-router.js';
import { createMeteringService } from '../metering-service.js';
import { seedReferenceData, tempDir } from '../testing/reference-data.js';

let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 10);

const temp = tempDir('cadran-bench-http-');
const store = createSqliteEventStore({ path: temp.file('cadran.db') });
const service = createMeteringService({ store });
await seedReferenceData(store);
const secret = randomBytes(32).toString('hex');
const app = express();
app.use(
  createMeteringRouter({ service, authenticator: createAuthenticator({ mode: 'secret', secret }) }),
);
const server = app.listen(0, '127.0.0.1');
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const { port } = server.address() as AddressInfo;
console.log(
  JSON.stringify({
    url: `http://127.0.0.1:${port}`,
    token: await issueToken({ secret, role: 'METERING' }),
  }),
);

const input = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => input.once('line', () => resolve()));
input.close();
clearInterval(sampler);
// maxRSS (KiB) also catches a peak between two samples.
const peak = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
server.closeAllConnections();
server.close();
await service.close();
await store.close();
temp.remove();
const cpu = process.cpuUsage();
console.log(
  JSON.stringify({ peak_rss_mb: peak / (1024 * 1024), cpu_seconds: (cpu.user + cpu.system) / 1e6 }),
);
