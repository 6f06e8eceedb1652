import { createAuthenticator, issueToken, type Authenticator } from '@cadran/auth';
import { describe, expect, it } from 'vitest';
import { cachePrincipals } from './principal-cache.js';

const secret = 'a-secret-of-at-least-thirty-two-characters';

const counting = (inner: Authenticator) => {
  let calls = 0;
  return {
    authenticator: {
      authenticate: (header: string | undefined) => (calls++, inner.authenticate(header)),
    },
    calls: () => calls,
  };
};

describe('cachePrincipals', () => {
  it('verifies a token once, then answers from memory until it expires', async () => {
    const token = await issueToken({ secret, role: 'TENANT', tenantId: 'mistral', expiresIn: 60 });
    const inner = counting(createAuthenticator({ mode: 'secret', secret }));
    let now = Date.now();
    const cached = cachePrincipals(inner.authenticator, { now: () => now });
    expect(await cached.authenticate(`Bearer ${token}`)).toMatchObject({
      role: 'TENANT',
      tenantId: 'mistral',
    });
    expect(await cached.authenticate(`Bearer ${token}`)).toMatchObject({ tenantId: 'mistral' });
    expect(inner.calls()).toBe(1);
    now += 61_000;
    // Past its exp the token is verified again (the real authenticator then has the last word).
    await cached.authenticate(`Bearer ${token}`).catch(() => undefined);
    expect(inner.calls()).toBe(2);
  });

  it('never remembers a refusal', async () => {
    const inner = counting(createAuthenticator({ mode: 'secret', secret }));
    const cached = cachePrincipals(inner.authenticator);
    await expect(cached.authenticate('Bearer not.a.token')).rejects.toThrow(/malformed/);
    await expect(cached.authenticate('Bearer not.a.token')).rejects.toThrow(/malformed/);
    expect(inner.calls()).toBe(2);
  });
});
