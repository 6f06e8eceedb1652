import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = { id: string; timestamp: string; signature: string; body: string };

/**
 * A receiver as a party would write one, on 127.0.0.1: it checks nothing itself, keeps what came,
 * and answers `status()` (200 by default). `stop()` and `start()` kill and restart it on its port.
 */
export async function startWebhookReceiver() {
  const received: Received[] = [];
  let status = () => 200;
  let delayMs = 0;
  let server: Server | undefined;
  let port = 0;

  const listen = async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const code = status();
        if (code >= 200 && code < 300) received.push(receivedOf(request.headers, chunks));
        setTimeout(() => response.writeHead(code).end(), delayMs);
      });
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  };
  await listen();

  return {
    url: (path = '/hooks') => `http://127.0.0.1:${port}${path}`,
    received,
    /** What it answers from now on, and how long after keeping the message (default at once). */
    answer(next: () => number, afterMs = 0) {
      status = next;
      delayMs = afterMs;
    },
    async stop() {
      const closing = server;
      server = undefined;
      if (!closing) return;
      closing.closeAllConnections();
      await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
    start: listen,
  };
}

const receivedOf = (headers: IncomingHttpHeaders, chunks: Buffer[]): Received => ({
  id: String(headers['webhook-id']),
  timestamp: String(headers['webhook-timestamp']),
  signature: String(headers['webhook-signature']),
  body: Buffer.concat(chunks).toString('utf8'),
});

/** The Standard Webhooks check, written out with node:crypto (not the library the sender uses). */
export function signatureIsValid(secret: string, message: Received): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${message.id}.${message.timestamp}.${message.body}`)
    .digest();
  return message.signature.split(' ').some((candidate) => {
    const [version, value] = candidate.split(',');
    if (version !== 'v1' || value === undefined) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
