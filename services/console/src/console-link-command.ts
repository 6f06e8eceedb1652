import { ROLES, isAuthError, tokenCommand, type Env, type PartyCheck } from '@cadran/auth';
import { Command, Option } from 'commander';
import { createLinkCode, LINK_LIFETIME_MS } from './console-links.js';

export type ConsoleLinkOptions = {
  role: string;
  tenant?: string;
  partner?: string;
  subject?: string;
  expires?: string;
};

/** The console's address as printed: CADRAN_CONSOLE_URL, or http://HOST:PORT of `pnpm start`. */
export const consoleUrlFrom = (env: Env): string => {
  const configured = env.CADRAN_CONSOLE_URL?.trim();
  if (configured) return configured.replace(/\/+$/, '');
  const host = env.HOST?.trim() || '127.0.0.1';
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${env.PORT?.trim() || '4000'}`;
};

/** A one-time sign-in link: the code travels in the fragment, which browsers never send to a server. */
export const consoleLink = async (
  options: ConsoleLinkOptions,
  dataDir: string,
  env: Env,
  checkParty?: PartyCheck,
): Promise<string> => {
  const token = await tokenCommand(
    { ...options, subject: options.subject ?? 'cadran-console' },
    { ...env, CADRAN_DATA_DIR: dataDir },
    checkParty,
  );
  const code = await createLinkCode(dataDir, token);
  return `${consoleUrlFrom(env)}/#link=${code}`;
};

/** `cadran console-link`, for the platform CLI to mount. */
export const createConsoleLinkCommand = ({
  dataDir,
  env = process.env,
  write = (text: string) => process.stdout.write(text),
  checkParty,
}: {
  dataDir: () => string;
  env?: Env;
  write?: (text: string) => void;
  /** Refuses a tenant or partner that does not exist; without it, any id is accepted. */
  checkParty?: PartyCheck;
}): Command =>
  new Command('console-link')
    .description(
      `print a one-time link that signs a browser into the web console (valid ${LINK_LIFETIME_MS / 60_000} minutes, once)`,
    )
    .addOption(
      new Option('--role <role>', 'role of the session').choices(ROLES).makeOptionMandatory(),
    )
    .option('--tenant <id>', 'tenant id (required with --role TENANT)')
    .option('--partner <id>', 'partner id (required with --role PARTNER)')
    .option('--subject <subject>', 'subject (sub claim) of the session token')
    .option('--expires <duration>', 'lifetime of the session: seconds or <n><s|m|h|d|w>', '12h')
    .action(async function (this: Command, options: ConsoleLinkOptions) {
      try {
        write(`${await consoleLink(options, dataDir(), env, checkParty)}\n`);
      } catch (error) {
        if (!isAuthError(error)) throw error;
        this.error(`error: ${error.message}`, {
          exitCode: 2,
          code: `cadran.console-link.${error.code}`,
        });
      }
    });
