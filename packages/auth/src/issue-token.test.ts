import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { issueToken } from './issue-token.js';

const secret = 'a-test-secret-of-at-least-32-characters-long';

describe('issueToken', () => {
  it('writes the claims, issuer, audience and a 12-hour expiry by default', async () => {
    const before = Math.floor(Date.now() / 1000);
    const claims = decodeJwt(
      await issueToken({ secret, role: 'TENANT', tenantId: 'mistral', subject: 'alice' }),
    );
    const after = Math.floor(Date.now() / 1000);
    expect(claims).toMatchObject({
      sub: 'alice',
      role: 'TENANT',
      tenantId: 'mistral',
      iss: 'cadran',
      aud: 'cadran',
    });
    expect(claims.partnerId).toBeUndefined();
    expect(claims.exp).toBeGreaterThanOrEqual(before + 12 * 3600);
    expect(claims.exp).toBeLessThanOrEqual(after + 12 * 3600);
  });

  it('takes a lifetime in seconds or with a unit', async () => {
    const lifetime = async (expiresIn: string | number) => {
      const claims = decodeJwt(await issueToken({ secret, role: 'ADMIN', expiresIn }));
      return (claims.exp ?? 0) - (claims.iat ?? 0);
    };
    expect(await lifetime('90s')).toBe(90);
    expect(await lifetime('15m')).toBe(900);
    expect(await lifetime('2d')).toBe(172_800);
    expect(await lifetime(60)).toBe(60);
  });

  it.each([
    [
      { role: 'ROOT' },
      "role 'ROOT' is not accepted; accepted: ADMIN, ACCOUNT_MANAGER, FINANCE, METERING, TENANT, PARTNER",
    ],
    [
      { role: 'TENANT' },
      'role TENANT requires tenantId, a non-empty string of at most 256 characters, got undefined',
    ],
    [
      { role: 'PARTNER', partnerId: ' ' },
      "role PARTNER requires partnerId, a non-empty string of at most 256 characters, got ' '",
    ],
    [
      { role: 'ADMIN', tenantId: 'mistral' },
      'tenantId is accepted only with role TENANT, not ADMIN',
    ],
    [
      { role: 'TENANT', tenantId: 'mistral', partnerId: 'fluidstack' },
      'partnerId is accepted only with role PARTNER, not TENANT',
    ],
    [
      { role: 'ADMIN', subject: '' },
      "sub must be a non-empty string of at most 256 characters, got ''",
    ],
    [{ role: 'ADMIN', expiresIn: 'soon' }, "expiresIn 'soon' is not a duration"],
    [{ role: 'ADMIN', expiresIn: 0 }, 'expiresIn 0 is out of range'],
    [{ role: 'ADMIN', expiresIn: '400d' }, 'expiresIn 400d is out of range'],
  ])('refuses %o with a clear error', async (input, message) => {
    await expect(issueToken({ secret, ...input })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining(message) as string,
    });
  });

  it('refuses a secret shorter than 256 bits', async () => {
    await expect(issueToken({ secret: 'short', role: 'ADMIN' })).rejects.toThrow(/at least 32/);
  });
});
