import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from './auth-error.js';
import { createAuthenticator, type Authenticator } from './authenticator.js';
import { issueToken } from './issue-token.js';

/** A stand-in identity provider: a real HTTP server on 127.0.0.1 serving a JWKS of an ES256 key. */
let server: Server;
let providerKey: CryptoKey;
let strangerKey: CryptoKey;
let authenticator: Authenticator;
let jwksRequests = 0;

beforeAll(async () => {
  const provider = await generateKeyPair('ES256');
  providerKey = provider.privateKey;
  strangerKey = (await generateKeyPair('ES256')).privateKey;
  const jwk: JWK = {
    ...(await exportJWK(provider.publicKey)),
    kid: 'provider-key-1',
    alg: 'ES256',
    use: 'sig',
  };
  server = createServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    jwksRequests += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  authenticator = createAuthenticator({
    mode: 'jwks',
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    issuer: 'https://idp.example',
    audience: 'cadran-api',
  });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const signES256 = (key: CryptoKey, claims: Record<string, unknown>, kid = 'provider-key-1') =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid })
    .setSubject('bob@lab')
    .setIssuer('https://idp.example')
    .setAudience('cadran-api')
    .setExpirationTime('1h')
    .sign(key);

const refusal = (header: string) =>
  authenticator.authenticate(header).then(
    () => expect.fail('accepted a token it should refuse'),
    (error: unknown) => {
      expect(error).toBeInstanceOf(AuthError);
      return (error as AuthError).message;
    },
  );

describe('createAuthenticator against a JWKS URL', () => {
  it("accepts a token signed with the provider's key, fetching its JWKS over HTTP", async () => {
    const token = await signES256(providerKey, { role: 'PARTNER', partnerId: 'fluidstack' });
    await expect(authenticator.authenticate(`Bearer ${token}`)).resolves.toEqual({
      subject: 'bob@lab',
      role: 'PARTNER',
      partnerId: 'fluidstack',
    });
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it('refuses a token signed by a key that is not in the JWKS', async () => {
    expect(await refusal(`Bearer ${await signES256(strangerKey, { role: 'ADMIN' })}`)).toMatch(
      /signature verification failed/,
    );
    expect(
      await refusal(`Bearer ${await signES256(strangerKey, { role: 'ADMIN' }, 'unknown-kid')}`),
    ).toMatch(/no key of the identity provider's JWKS matches/);
  });

  it('refuses an HS256 token, whatever its secret', async () => {
    const token = await issueToken({
      secret: 'a-test-secret-of-at-least-32-characters-long',
      role: 'ADMIN',
      issuer: 'https://idp.example',
      audience: 'cadran-api',
    });
    expect(await refusal(`Bearer ${token}`)).toMatch(/algorithm is not accepted; accepted: RS256/);
  });

  it('checks the configured issuer', async () => {
    const token = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'ES256', kid: 'provider-key-1' })
      .setSubject('bob@lab')
      .setIssuer('cadran')
      .setAudience('cadran-api')
      .setExpirationTime('1h')
      .sign(providerKey);
    expect(await refusal(`Bearer ${token}`)).toBe(
      `token issuer "cadran" is not accepted; accepted: 'https://idp.example'`,
    );
  });

  it('refuses a provider token with a missing role', async () => {
    expect(await refusal(`Bearer ${await signES256(providerKey, {})}`)).toMatch(
      /token claim role is missing/,
    );
  });
});
