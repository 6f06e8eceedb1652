import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  checkJwksUrl,
  checkSecret,
  type AuthConfig,
} from './auth-config.js';
import { AuthError } from './auth-error.js';
import { toPrincipal, type Principal } from './principal.js';

export interface Authenticator {
  /** Verifies an `Authorization` header value; throws AuthError UNAUTHENTICATED saying what was wrong. */
  authenticate(authorizationHeader: string | undefined): Promise<Principal>;
}

export const SECRET_ALGORITHMS = ['HS256'] as const;
/** Symmetric algorithms are excluded so that a public key can never be used as an HMAC secret. */
export const JWKS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;
const BEARER_FORM = "accepted: 'Authorization: Bearer <JWT>'";

export const createAuthenticator = (config: AuthConfig): Authenticator => {
  const issuer = config.issuer ?? DEFAULT_ISSUER;
  const audience = config.audience ?? DEFAULT_AUDIENCE;
  const algorithms: string[] =
    config.mode === 'secret' ? [...SECRET_ALGORITHMS] : [...JWKS_ALGORITHMS];
  const key: Uint8Array | JWTVerifyGetKey =
    config.mode === 'secret'
      ? new TextEncoder().encode(checkSecret(config.secret))
      : createRemoteJWKSet(new URL(checkJwksUrl(config.jwksUrl)));
  const options = {
    issuer,
    audience,
    algorithms,
    requiredClaims: ['exp', 'sub'],
    clockTolerance: config.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
  };
  const context = { issuer, audience, algorithms };

  const authenticate = async (authorizationHeader: string | undefined): Promise<Principal> => {
    const token = bearerToken(authorizationHeader);
    let payload: JWTPayload;
    try {
      // Two calls so that TypeScript picks the right overload for each key kind.
      payload =
        typeof key === 'function'
          ? (await jwtVerify(token, key, options)).payload
          : (await jwtVerify(token, key, options)).payload;
    } catch (error) {
      throw new AuthError('UNAUTHENTICATED', explain(error, context), { cause: error });
    }
    const result = toPrincipal({
      subject: payload.sub,
      role: payload.role,
      tenantId: payload.tenantId,
      partnerId: payload.partnerId,
    });
    if (!result.ok) throw new AuthError('UNAUTHENTICATED', `token claim ${result.problem}`);
    return result.principal;
  };

  return { authenticate };
};

const bearerToken = (header: string | undefined): string => {
  if (header === undefined || header.trim() === '') {
    throw new AuthError('UNAUTHENTICATED', `missing Authorization header; ${BEARER_FORM}`);
  }
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header.trim());
  if (match === null) {
    throw new AuthError(
      'UNAUTHENTICATED',
      `Authorization header is not '<scheme> <credentials>'; ${BEARER_FORM}`,
    );
  }
  const [, scheme = '', token = ''] = match;
  if (scheme.toLowerCase() !== 'bearer') {
    throw new AuthError(
      'UNAUTHENTICATED',
      `Authorization scheme '${scheme}' is not accepted; ${BEARER_FORM}`,
    );
  }
  return token;
};

interface VerifyContext {
  readonly issuer: string;
  readonly audience: string;
  readonly algorithms: readonly string[];
}

const explain = (error: unknown, { issuer, audience, algorithms }: VerifyContext): string => {
  if (error instanceof errors.JWTExpired) {
    const exp =
      typeof error.payload.exp === 'number'
        ? ` at ${new Date(error.payload.exp * 1000).toISOString()}`
        : '';
    return `token expired${exp}; accepted: an unexpired token (get a new one)`;
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return `token issuer ${quoted(error.payload.iss)} is not accepted; accepted: '${issuer}'`;
      case 'aud':
        return `token audience ${quoted(error.payload.aud)} is not accepted; accepted: '${audience}'`;
      case 'exp':
      case 'sub':
        return `token claim ${error.claim} is ${error.reason === 'missing' ? 'missing' : 'invalid'}; accepted: a token with '${error.claim}'`;
      case 'nbf':
        return 'token is not valid yet (nbf is in the future)';
      default:
        return `token claim ${error.claim} is invalid: ${error.message}`;
    }
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return 'token signature verification failed: it was not signed with the expected key, or it was altered';
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return `token algorithm is not accepted; accepted: ${algorithms.join(', ')}`;
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return "no key of the identity provider's JWKS matches the token (kid/alg); accepted: a token signed by one of its keys";
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return `the identity provider's keys could not be fetched (${error.message}); the token could not be verified`;
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported
  ) {
    return `token is malformed (${error.message}); accepted: a signed JWT, three base64url parts separated by dots`;
  }
  return `token could not be verified (${error instanceof Error ? error.message : String(error)})`;
};

const quoted = (value: unknown): string =>
  value === undefined ? '(missing)' : JSON.stringify(value);
