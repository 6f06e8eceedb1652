import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authConfigFromEnv } from './auth-config.js';
import { loadOrCreateSecret } from './secret-file.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cadran-auth-config-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const secret = 'an-environment-secret-of-32-characters-or-more';

describe('authConfigFromEnv', () => {
  it('uses the secret file of CADRAN_DATA_DIR by default', async () => {
    const dataDir = join(root, 'data');
    const config = await authConfigFromEnv({ CADRAN_DATA_DIR: dataDir });
    expect(config).toEqual({
      mode: 'secret',
      secret: await loadOrCreateSecret(dataDir),
      issuer: 'cadran',
      audience: 'cadran',
    });
  });

  it('lets CADRAN_JWT_SECRET override the file, without creating one', async () => {
    const dataDir = join(root, 'data');
    expect(
      await authConfigFromEnv({ CADRAN_JWT_SECRET: secret, CADRAN_DATA_DIR: dataDir }),
    ).toMatchObject({
      mode: 'secret',
      secret,
    });
    await expect(stat(dataDir)).rejects.toThrow(/ENOENT/);
  });

  it('selects JWKS with CADRAN_JWKS_URL, with optional issuer and audience', async () => {
    expect(
      await authConfigFromEnv({
        CADRAN_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
        CADRAN_JWT_ISSUER: 'https://idp.example/',
        CADRAN_JWT_AUDIENCE: 'cadran-api',
      }),
    ).toEqual({
      mode: 'jwks',
      jwksUrl: 'https://idp.example/.well-known/jwks.json',
      issuer: 'https://idp.example/',
      audience: 'cadran-api',
    });
  });

  it('refuses bad settings, naming the variable and what is accepted', async () => {
    await expect(authConfigFromEnv({ CADRAN_JWT_SECRET: 'short' })).rejects.toThrow(
      'CADRAN_JWT_SECRET has 5 characters; accepted: at least 32',
    );
    await expect(authConfigFromEnv({ CADRAN_JWKS_URL: 'not a url' })).rejects.toThrow(
      "CADRAN_JWKS_URL 'not a url' is not a URL; accepted: an http(s) URL",
    );
    await expect(authConfigFromEnv({ CADRAN_JWKS_URL: 'ftp://idp/jwks' })).rejects.toThrow(
      /protocol 'ftp:'/,
    );
    await expect(
      authConfigFromEnv({ CADRAN_JWKS_URL: 'https://idp.example/jwks', CADRAN_JWT_SECRET: secret }),
    ).rejects.toThrow(/both set; accepted: one of them/);
  });
});
