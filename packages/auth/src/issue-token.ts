import { SignJWT } from 'jose';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, checkSecret } from './auth-config.js';
import { AuthError } from './auth-error.js';
import { parseLifetime } from './duration.js';
import { CLAIM_NAMES, toPrincipal, type FieldNames } from './principal.js';

export const DEFAULT_TOKEN_LIFETIME = '12h';
export const DEFAULT_SUBJECT = 'cadran-cli';

export interface IssueTokenInput {
  readonly secret: string;
  /** One of ROLES; validated, so it may come straight from user input. */
  readonly role: string;
  readonly subject?: string;
  readonly tenantId?: string;
  readonly partnerId?: string;
  /** Seconds, or '12h'-style; default 12h. */
  readonly expiresIn?: string | number;
  readonly issuer?: string;
  readonly audience?: string;
  /** How to name fields in error messages; claim names by default. */
  readonly fieldNames?: FieldNames & { readonly expiresIn: string };
}

/** Signs an HS256 token that `createAuthenticator` accepts with the same secret, issuer and audience. */
export const issueToken = async (input: IssueTokenInput): Promise<string> => {
  const names = input.fieldNames ?? CLAIM_NAMES;
  const result = toPrincipal(
    {
      subject: input.subject ?? DEFAULT_SUBJECT,
      role: input.role,
      tenantId: input.tenantId,
      partnerId: input.partnerId,
    },
    names,
  );
  if (!result.ok) throw new AuthError('BAD_USER_INPUT', result.problem);
  const { principal } = result;
  const lifetime = parseLifetime(
    input.expiresIn ?? DEFAULT_TOKEN_LIFETIME,
    input.fieldNames?.expiresIn,
  );
  const key = new TextEncoder().encode(checkSecret(input.secret));
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    role: principal.role,
    ...(principal.tenantId !== undefined ? { tenantId: principal.tenantId } : {}),
    ...(principal.partnerId !== undefined ? { partnerId: principal.partnerId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.subject)
    .setIssuer(input.issuer ?? DEFAULT_ISSUER)
    .setAudience(input.audience ?? DEFAULT_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + lifetime)
    .sign(key);
};
