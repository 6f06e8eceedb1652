import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_DIST } from '@cadran/console';
import { build } from 'vite';

/** The console as `pnpm install` builds it; built here only when a checkout skipped that step. */
export const ensureConsoleBuilt = async (): Promise<void> => {
  if (existsSync(join(CONSOLE_DIST, 'index.html'))) return;
  await build({
    configFile: join(CONSOLE_DIST, '..', 'vite.config.ts'),
    root: join(CONSOLE_DIST, '..', 'web'),
    logLevel: 'warn',
  });
};
