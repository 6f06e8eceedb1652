import { createTokenCommand } from '@cadran/auth';
import { Command } from 'commander';

/** `pnpm cadran <command>`: the platform's command line. */
export const createCli = (): Command =>
  new Command('cadran')
    .description('Cadran: contracts and billing for AI datacenters')
    .addCommand(createTokenCommand())
    .showHelpAfterError();
