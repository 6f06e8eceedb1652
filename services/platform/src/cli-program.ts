import { createTokenCommand } from '@cadran/auth';
import { createConsoleLinkCommand } from '@cadran/console';
import { createInvoicesCommand } from '@cadran/invoicing';
import { createReceivablesCommand } from '@cadran/receivables-service';
import { Command } from 'commander';
import { dataDirFrom, openInvoicingData, openReceivablesData } from './data-dir.js';
import { checkPartyIn } from './party-check.js';
import { createReadModelsCommand } from './read-models-command.js';

/** `pnpm cadran <command>`: the platform's command line, on the data directory of `pnpm start`. */
export const createCli = (env: NodeJS.ProcessEnv = process.env): Command =>
  new Command('cadran')
    .description('Cadran: contracts and billing for AI datacenters')
    .addCommand(createTokenCommand({ env, checkParty: checkPartyIn(env) }))
    .addCommand(createInvoicesCommand({ open: () => openInvoicingData(env) }))
    .addCommand(createReceivablesCommand({ open: () => openReceivablesData(env) }))
    .addCommand(
      createConsoleLinkCommand({
        dataDir: () => dataDirFrom(env),
        env,
        checkParty: checkPartyIn(env),
      }),
    )
    .addCommand(createReadModelsCommand(env))
    .showHelpAfterError();
