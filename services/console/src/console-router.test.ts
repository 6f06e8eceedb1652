import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkCode } from './console-links.js';
import { createConsoleRouter } from './console-router.js';

const root = mkdtempSync(join(tmpdir(), 'cadran-console-router-'));
const dataDir = join(root, 'data');
const distDir = join(root, 'dist');
let server: Server;
let url: string;

beforeAll(async () => {
  mkdirSync(join(distDir, 'assets'), { recursive: true });
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Cadran console</title>');
  writeFileSync(join(distDir, 'assets', 'app-1234.js'), 'console.log(1)');
  const app = express();
  app.use('/unbuilt', createConsoleRouter({ dataDir, distDir: join(root, 'missing') }));
  app.use(createConsoleRouter({ dataDir, distDir }));
  server = createServer(app).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

const html = { accept: 'text/html' };

describe('the console router', () => {
  it('serves the console at / and at any page a browser asks for, with a strict policy', async () => {
    for (const path of ['/', '/contracts/c-mistral']) {
      const response = await fetch(`${url}${path}`, { headers: html });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Cadran console');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
    const asset = await fetch(`${url}/assets/app-1234.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('leaves the API paths, missing assets and non-HTML requests alone', async () => {
    expect((await fetch(`${url}/graphql`, { headers: html })).status).toBe(404);
    expect((await fetch(`${url}/v1/usage`, { headers: html })).status).toBe(404);
    expect((await fetch(`${url}/assets/gone.js`)).status).toBe(404);
    expect(
      (await fetch(`${url}/contracts`, { headers: { accept: 'application/json' } })).status,
    ).toBe(404);
  });

  it('says how to build the console when it is not built', async () => {
    const response = await fetch(`${url}/unbuilt/`, { headers: html });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('pnpm --filter @cadran/console build');
  });

  it('exchanges a link code for its token once, and refuses anything else with a reason', async () => {
    const code = await createLinkCode(dataDir, 'the-token');
    const exchange = (body: string) =>
      fetch(`${url}/console/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const first = await exchange(JSON.stringify({ code }));
    expect(await first.json()).toEqual({ token: 'the-token' });
    const again = await exchange(JSON.stringify({ code }));
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({
      error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('already used') },
    });
    const bad = await exchange('{"code": 42}');
    expect(bad.status).toBe(401);
    expect((await bad.json()).error.message).toContain('expected the 43-character code');
  });
});
