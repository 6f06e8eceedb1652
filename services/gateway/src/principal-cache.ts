import type { Authenticator, Principal } from '@cadran/auth';
import { numericClaims } from './token-claims.js';

export type PrincipalCacheOptions = {
  /** Most tokens remembered; the oldest is forgotten first. */
  maxEntries?: number;
  /** Longest a verified token is trusted without verifying it again (a JWKS key rotation takes effect within it). */
  maxAgeMs?: number;
  now?: () => number;
};

/**
 * Remembers the principal of each verified Authorization header until its token expires (at most
 * `maxAgeMs`): a client sending the same token again skips the signature check, which costs more
 * than answering a read. Refusals are never remembered.
 */
export const cachePrincipals = (
  authenticator: Authenticator,
  { maxEntries = 10_000, maxAgeMs = 60_000, now = Date.now }: PrincipalCacheOptions = {},
): Authenticator => {
  const cache = new Map<string, { principal: Principal; until: number }>();
  return {
    async authenticate(header) {
      if (header === undefined) return authenticator.authenticate(header);
      const hit = cache.get(header);
      if (hit !== undefined && hit.until > now()) return hit.principal;
      cache.delete(header);
      const principal = await authenticator.authenticate(header);
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
      cache.set(header, {
        principal,
        until: Math.min((numericClaims(header).exp ?? 0) * 1000, now() + maxAgeMs),
      });
      return principal;
    },
  };
};
