import { Command, Option } from 'commander';
import { authConfigFromEnv, type Env } from './auth-config.js';
import { AuthError, isAuthError } from './auth-error.js';
import { DEFAULT_SUBJECT, DEFAULT_TOKEN_LIFETIME, issueToken } from './issue-token.js';
import { ROLES } from './roles.js';

export interface TokenCommandOptions {
  readonly role: string;
  readonly tenant?: string;
  readonly partner?: string;
  readonly subject?: string;
  readonly expires?: string;
}

const CLI_NAMES = {
  subject: '--subject',
  role: '--role',
  tenantId: '--tenant',
  partnerId: '--partner',
  expiresIn: '--expires',
};

/**
 * Throws AuthError BAD_USER_INPUT, saying so, when no tenant or partner `id` exists: what the
 * platform's CLI passes so that no token is printed that the platform would refuse.
 */
export type PartyCheck = (kind: 'TENANT' | 'PARTNER', id: string) => Promise<void>;

/**
 * `cadran token`: a token that the local platform accepts, signed with the same secret it uses
 * (CADRAN_JWT_SECRET, or the secret file in CADRAN_DATA_DIR, created if it is not there yet).
 */
export const tokenCommand = async (
  options: TokenCommandOptions,
  env: Env = process.env,
  checkParty?: PartyCheck,
): Promise<string> => {
  const config = await authConfigFromEnv(env);
  if (config.mode === 'jwks') {
    throw new AuthError(
      'BAD_CONFIGURATION',
      'CADRAN_JWKS_URL is set: tokens come from the identity provider, not from cadran token; unset it to use the local secret',
    );
  }
  const token = await issueToken({
    secret: config.secret,
    role: options.role,
    subject: options.subject,
    tenantId: options.tenant,
    partnerId: options.partner,
    expiresIn: options.expires,
    issuer: config.issuer,
    audience: config.audience,
    fieldNames: CLI_NAMES,
  });
  if (options.role === 'TENANT' && options.tenant !== undefined)
    await checkParty?.('TENANT', options.tenant);
  if (options.role === 'PARTNER' && options.partner !== undefined)
    await checkParty?.('PARTNER', options.partner);
  return token;
};

export interface CreateTokenCommandOptions {
  readonly env?: Env;
  /** Where the token goes; standard output by default. */
  readonly write?: (text: string) => void;
  /** Refuses a tenant or partner that does not exist; without it, any id is accepted. */
  readonly checkParty?: PartyCheck;
}

/** A commander `token` command for the platform CLI to mount with `program.addCommand(...)`. */
export const createTokenCommand = ({
  env = process.env,
  write = (text) => process.stdout.write(text),
  checkParty,
}: CreateTokenCommandOptions = {}): Command =>
  new Command('token')
    .description('print a bearer token that the local platform accepts')
    .addOption(
      new Option('--role <role>', 'role of the token').choices(ROLES).makeOptionMandatory(),
    )
    .option('--tenant <id>', 'tenant id (required with --role TENANT)')
    .option('--partner <id>', 'partner id (required with --role PARTNER)')
    .option('--subject <subject>', 'subject (sub claim)', DEFAULT_SUBJECT)
    .option(
      '--expires <duration>',
      "lifetime: seconds or <n><s|m|h|d|w>, e.g. '12h'",
      DEFAULT_TOKEN_LIFETIME,
    )
    .action(async function (this: Command, options: TokenCommandOptions) {
      try {
        write(`${await tokenCommand(options, env, checkParty)}\n`);
      } catch (error) {
        if (!isAuthError(error)) throw error;
        this.error(`error: ${error.message}`, { exitCode: 2, code: `cadran.token.${error.code}` });
      }
    });
