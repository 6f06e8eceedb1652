import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from './authenticator.js';
import { issueToken } from './issue-token.js';
import { principalOf, requireRoles } from './require-roles.js';

const secret = 'a-test-secret-of-at-least-32-characters-long';
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  const app = express();
  const authenticator = createAuthenticator({ mode: 'secret', secret });
  app.post('/v1/usage', requireRoles(authenticator, ['METERING', 'ADMIN']), (_req, res) => {
    res.json({ principal: principalOf(res) });
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const post = (authorization?: string) =>
  fetch(`${baseUrl}/v1/usage`, {
    method: 'POST',
    headers: authorization === undefined ? {} : { authorization },
  });

describe('requireRoles over a real express server', () => {
  it('lets an allowed role through with its principal', async () => {
    const response = await post(
      `Bearer ${await issueToken({ secret, role: 'METERING', subject: 'meter-7' })}`,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ principal: { subject: 'meter-7', role: 'METERING' } });
  });

  it('answers 401 with a Bearer challenge and a JSON error without a token', async () => {
    const response = await post();
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="cadran"');
    expect(await response.json()).toEqual({
      error: {
        code: 'UNAUTHENTICATED',
        message: "missing Authorization header; accepted: 'Authorization: Bearer <JWT>'",
      },
    });
  });

  it('answers 401 invalid_token for a token signed with another secret', async () => {
    const token = await issueToken({
      secret: 'some-other-secret-of-32-characters-or-more',
      role: 'ADMIN',
    });
    const response = await post(`Bearer ${token}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="cadran", error="invalid_token"',
    );
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('UNAUTHENTICATED');
    expect(body.error.message).toMatch(/signature verification failed/);
  });

  it('answers 403 FORBIDDEN for a valid token of a role that is not allowed', async () => {
    const response = await post(
      `Bearer ${await issueToken({ secret, role: 'TENANT', tenantId: 'mistral' })}`,
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toBeNull();
    expect(await response.json()).toEqual({
      error: {
        code: 'FORBIDDEN',
        message: 'role TENANT may not do this; accepted roles: METERING, ADMIN',
      },
    });
  });
});
