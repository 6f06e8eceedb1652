import { AuthError, type Authenticator } from '@cadran/auth';
import type { ReadModels } from './ports.js';
import { numericClaims } from './token-claims.js';

/**
 * Refuses (UNAUTHENTICATED) a TENANT or PARTNER token whose party the read models do not hold, or
 * that was issued before its party was onboarded: it was made for no one, and must not open the
 * data of a party onboarded later under that id. A party not found is looked up again once the
 * read models have reached the log's head, so that a party onboarded just now is found.
 * Placed under the principal cache, which never remembers a refusal.
 */
export const refuseUnknownParties = (
  authenticator: Authenticator,
  readModels: Pick<ReadModels, 'queries' | 'awaitPosition' | 'headPosition'>,
  maxWaitMs: number,
): Authenticator => ({
  async authenticate(header) {
    const principal = await authenticator.authenticate(header);
    const kind =
      principal.role === 'TENANT' || principal.role === 'PARTNER' ? principal.role : null;
    const id = kind === 'TENANT' ? principal.tenantId : principal.partnerId;
    if (kind === null || id === undefined || header === undefined) return principal;
    const claim = kind === 'TENANT' ? 'tenantId' : 'partnerId';
    const what = `token ${claim} ${JSON.stringify(id)}`;
    let onboarding = readModels.queries.partyOnboarding(kind, id);
    let behind = false;
    if (onboarding === null) {
      behind = !(await readModels.awaitPosition(await readModels.headPosition(), maxWaitMs));
      onboarding = readModels.queries.partyOnboarding(kind, id);
    }
    if (onboarding === null)
      throw new AuthError(
        'UNAUTHENTICATED',
        `${what}: no ${kind.toLowerCase()} ${JSON.stringify(id)} exists${behind ? ' (the read models are behind the log: if it was onboarded just now, retry)' : ''}; accepted: a token issued for an onboarded ${kind.toLowerCase()}`,
      );
    const { onboardedAt } = onboarding;
    if (onboardedAt === null) return principal;
    const { iat } = numericClaims(header);
    const onboardedSecond = Math.floor(onboardedAt.getTime() / 1000);
    if (iat === undefined || iat < onboardedSecond)
      throw new AuthError(
        'UNAUTHENTICATED',
        `${what}: the ${kind.toLowerCase()} was onboarded at ${onboardedAt.toISOString()}, after the token was issued (${iat === undefined ? 'no iat' : `iat ${new Date(iat * 1000).toISOString()}`}); accepted: a token issued after the ${kind.toLowerCase()} was onboarded (get a new one)`,
      );
    return principal;
  },
});
