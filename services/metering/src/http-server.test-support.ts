import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { createAuthenticator, issueToken } from '@cadran/auth';
import { createMeteringRouter, type MeteringRouterOptions } from './metering-router.js';
import type { MeteringService } from './metering-service.js';

export const TEST_SECRET = 'metering-test-secret-0123456789-abcdefghij';

/** The metering router on 127.0.0.1 with HS256 authentication; `token(role)` signs a real JWT for it. */
export async function serveMetering(
  service: MeteringService,
  options: Omit<MeteringRouterOptions, 'service' | 'authenticator'> = {},
): Promise<{ url: string; token: (role: string) => Promise<string>; close: () => Promise<void> }> {
  const app = express();
  app.use(
    createMeteringRouter({
      service,
      authenticator: createAuthenticator({ mode: 'secret', secret: TEST_SECRET }),
      ...options,
    }),
  );
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token: (role) => issueToken({ secret: TEST_SECRET, role, subject: 'metering-test' }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
