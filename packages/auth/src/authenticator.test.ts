import { SignJWT, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { AuthError } from './auth-error.js';
import { createAuthenticator } from './authenticator.js';
import { issueToken } from './issue-token.js';

const secret = 'a-test-secret-of-at-least-32-characters-long';
const otherSecret = 'another-secret-of-at-least-32-characters-long';
const authenticator = createAuthenticator({ mode: 'secret', secret });

const sign = (
  claims: Record<string, unknown>,
  options: { exp?: number; iss?: string; aud?: string; key?: string } = {},
) => {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('someone')
    .setIssuer(options.iss ?? 'cadran')
    .setAudience(options.aud ?? 'cadran')
    .setExpirationTime(options.exp ?? now + 3600)
    .sign(new TextEncoder().encode(options.key ?? secret));
};

const refusal = async (header: string | undefined): Promise<AuthError> => {
  const error = await authenticator.authenticate(header).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  expect((error as AuthError).code).toBe('UNAUTHENTICATED');
  return error as AuthError;
};

describe('createAuthenticator with an HS256 secret', () => {
  it('accepts a token from issueToken and returns its principal', async () => {
    const token = await issueToken({
      secret,
      role: 'TENANT',
      tenantId: 'mistral',
      subject: 'alice',
    });
    await expect(authenticator.authenticate(`Bearer ${token}`)).resolves.toEqual({
      subject: 'alice',
      role: 'TENANT',
      tenantId: 'mistral',
    });
    expect(decodeProtectedHeader(token).alg).toBe('HS256');
  });

  it('accepts the scheme in any case', async () => {
    const token = await issueToken({ secret, role: 'PARTNER', partnerId: 'fluidstack' });
    await expect(authenticator.authenticate(`bearer ${token}`)).resolves.toMatchObject({
      role: 'PARTNER',
      partnerId: 'fluidstack',
    });
  });

  it('refuses a missing or empty header', async () => {
    expect((await refusal(undefined)).message).toMatch(
      /missing Authorization header.*Bearer <JWT>/,
    );
    expect((await refusal('  ')).message).toMatch(/missing Authorization header/);
  });

  it('refuses another scheme', async () => {
    expect((await refusal('Basic dXNlcjpwYXNz')).message).toMatch(/scheme 'Basic' is not accepted/);
    expect((await refusal('Bearer')).message).toMatch(/not '<scheme> <credentials>'/);
  });

  it('refuses a malformed token', async () => {
    expect((await refusal('Bearer not-a-jwt')).message).toMatch(/malformed/);
  });

  it('refuses an expired token, saying when it expired', async () => {
    const exp = Math.floor(Date.now() / 1000) - 3600;
    const error = await refusal(`Bearer ${await sign({ role: 'ADMIN' }, { exp })}`);
    expect(error.message).toContain(`token expired at ${new Date(exp * 1000).toISOString()}`);
  });

  it('refuses a tampered token', async () => {
    const token = await issueToken({ secret, role: 'TENANT', tenantId: 'mistral' });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const forged = Buffer.from(
      JSON.stringify({ ...claims, role: 'ADMIN', tenantId: undefined }),
    ).toString('base64url');
    expect((await refusal(`Bearer ${header}.${forged}.${signature}`)).message).toMatch(
      /signature verification failed/,
    );
  });

  it('refuses a token signed with another secret', async () => {
    const token = await issueToken({ secret: otherSecret, role: 'ADMIN' });
    expect((await refusal(`Bearer ${token}`)).message).toMatch(/signature verification failed/);
  });

  it('refuses a wrong issuer or audience, naming the accepted one', async () => {
    expect(
      (await refusal(`Bearer ${await sign({ role: 'ADMIN' }, { iss: 'evil' })}`)).message,
    ).toBe(`token issuer "evil" is not accepted; accepted: 'cadran'`);
    expect(
      (await refusal(`Bearer ${await sign({ role: 'ADMIN' }, { aud: 'other' })}`)).message,
    ).toBe(`token audience "other" is not accepted; accepted: 'cadran'`);
  });

  it('refuses a missing or unknown role, listing the accepted roles', async () => {
    expect((await refusal(`Bearer ${await sign({})}`)).message).toBe(
      'token claim role is missing; accepted: ADMIN, ACCOUNT_MANAGER, FINANCE, METERING, TENANT, PARTNER',
    );
    expect((await refusal(`Bearer ${await sign({ role: 'ROOT' })}`)).message).toMatch(
      /role 'ROOT' is not accepted/,
    );
  });

  it('refuses TENANT without tenantId and PARTNER without partnerId', async () => {
    expect((await refusal(`Bearer ${await sign({ role: 'TENANT' })}`)).message).toMatch(
      /role TENANT requires tenantId/,
    );
    expect(
      (await refusal(`Bearer ${await sign({ role: 'PARTNER', partnerId: '' })}`)).message,
    ).toMatch(/role PARTNER requires partnerId/);
  });

  it('refuses a scope claim that does not belong to the role', async () => {
    expect(
      (await refusal(`Bearer ${await sign({ role: 'FINANCE', tenantId: 'mistral' })}`)).message,
    ).toBe('token claim tenantId is accepted only with role TENANT, not FINANCE');
  });

  it('refuses a token without exp', async () => {
    const token = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('someone')
      .setIssuer('cadran')
      .setAudience('cadran')
      .sign(new TextEncoder().encode(secret));
    expect((await refusal(`Bearer ${token}`)).message).toMatch(/claim exp is missing/);
  });

  it('refuses an unsigned (alg none) token', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const token = `${encode({ alg: 'none' })}.${encode({ sub: 'x', role: 'ADMIN', iss: 'cadran', aud: 'cadran', exp })}.`;
    expect((await refusal(`Bearer ${token}`)).message).toBe(
      'token algorithm is not accepted; accepted: HS256',
    );
  });

  it('refuses to start with a secret shorter than 256 bits', () => {
    expect(() => createAuthenticator({ mode: 'secret', secret: 'short' })).toThrow(/at least 32/);
  });
});
