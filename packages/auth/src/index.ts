export { AuthError, isAuthError, type AuthErrorCode } from './auth-error.js';
export {
  DEFAULT_AUDIENCE,
  DEFAULT_DATA_DIR,
  DEFAULT_ISSUER,
  authConfigFromEnv,
  checkJwksUrl,
  checkSecret,
  type AuthConfig,
  type Env,
  type JwksAuthConfig,
  type SecretAuthConfig,
} from './auth-config.js';
export {
  JWKS_ALGORITHMS,
  SECRET_ALGORITHMS,
  createAuthenticator,
  type Authenticator,
} from './authenticator.js';
export { MAX_TOKEN_LIFETIME_SECONDS, parseLifetime } from './duration.js';
export {
  DEFAULT_SUBJECT,
  DEFAULT_TOKEN_LIFETIME,
  issueToken,
  type IssueTokenInput,
} from './issue-token.js';
export {
  CLAIM_NAMES,
  toPrincipal,
  type FieldNames,
  type Principal,
  type PrincipalInput,
} from './principal.js';
export { assertRole, principalOf, requireRoles } from './require-roles.js';
export { ROLES, isRole, type Role } from './roles.js';
export { MIN_SECRET_LENGTH, SECRET_FILE_NAME, loadOrCreateSecret } from './secret-file.js';
export {
  createTokenCommand,
  tokenCommand,
  type CreateTokenCommandOptions,
  type PartyCheck,
  type TokenCommandOptions,
} from './token-command.js';
