import { AuthError } from './auth-error.js';
import { MIN_SECRET_LENGTH, loadOrCreateSecret } from './secret-file.js';

export const DEFAULT_ISSUER = 'cadran';
export const DEFAULT_AUDIENCE = 'cadran';
export const DEFAULT_DATA_DIR = './data';

interface CommonAuthConfig {
  /** Expected `iss`; default 'cadran'. */
  readonly issuer?: string;
  /** Expected `aud`; default 'cadran'. */
  readonly audience?: string;
  /** Allowed clock skew when checking `exp`/`nbf`; default 5 seconds. */
  readonly clockToleranceSeconds?: number;
}

/** Tokens signed HS256 with a shared secret (the embedded default, and `pnpm cadran token`). */
export interface SecretAuthConfig extends CommonAuthConfig {
  readonly mode: 'secret';
  readonly secret: string;
}

/** Tokens signed by an identity provider, verified against its JWKS (asymmetric algorithms only). */
export interface JwksAuthConfig extends CommonAuthConfig {
  readonly mode: 'jwks';
  readonly jwksUrl: string;
}

export type AuthConfig = SecretAuthConfig | JwksAuthConfig;

export type Env = Readonly<Record<string, string | undefined>>;

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

/**
 * Reads the authentication configuration from the environment:
 * CADRAN_JWKS_URL selects JWKS verification; otherwise HS256 with CADRAN_JWT_SECRET, or with the
 * secret file in CADRAN_DATA_DIR (default ./data), created on first start.
 * CADRAN_JWT_ISSUER and CADRAN_JWT_AUDIENCE override the expected `iss`/`aud` in both modes.
 */
export const authConfigFromEnv = async (env: Env = process.env): Promise<AuthConfig> => {
  const issuer = nonEmpty(env.CADRAN_JWT_ISSUER) ?? DEFAULT_ISSUER;
  const audience = nonEmpty(env.CADRAN_JWT_AUDIENCE) ?? DEFAULT_AUDIENCE;
  const jwksUrl = nonEmpty(env.CADRAN_JWKS_URL);
  const secret = env.CADRAN_JWT_SECRET;

  if (jwksUrl !== undefined) {
    if (secret !== undefined) {
      throw new AuthError(
        'BAD_CONFIGURATION',
        'CADRAN_JWT_SECRET and CADRAN_JWKS_URL are both set; accepted: one of them (HS256 secret or identity provider JWKS)',
      );
    }
    return { mode: 'jwks', jwksUrl: checkJwksUrl(jwksUrl), issuer, audience };
  }
  if (secret !== undefined) {
    return { mode: 'secret', secret: checkSecret(secret), issuer, audience };
  }
  const dataDir = nonEmpty(env.CADRAN_DATA_DIR) ?? DEFAULT_DATA_DIR;
  return { mode: 'secret', secret: await loadOrCreateSecret(dataDir), issuer, audience };
};

export const checkSecret = (secret: string): string => {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new AuthError(
      'BAD_CONFIGURATION',
      `CADRAN_JWT_SECRET has ${secret.length} characters; accepted: at least ${MIN_SECRET_LENGTH} (256 bits for HS256)`,
    );
  }
  return secret;
};

export const checkJwksUrl = (value: string): string => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AuthError(
      'BAD_CONFIGURATION',
      `CADRAN_JWKS_URL '${value}' is not a URL; accepted: an http(s) URL`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AuthError(
      'BAD_CONFIGURATION',
      `CADRAN_JWKS_URL has protocol '${url.protocol}'; accepted: https: (or http: for a local identity provider)`,
    );
  }
  return url.href;
};
