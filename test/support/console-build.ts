import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_DIST } from '@cadran/console';
import { build } from 'vite';

const CONSOLE_ROOT = join(CONSOLE_DIST, '..');

const newestChange = (path: string): number => {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(
    stats.mtimeMs,
    ...readdirSync(path).map((name) => newestChange(join(path, name))),
  );
};

const builtAt = (): number => {
  try {
    return statSync(join(CONSOLE_DIST, 'index.html')).mtimeMs;
  } catch {
    return -1;
  }
};

/** The console as `pnpm install` builds it; built again when its sources changed since (or it is missing). */
export const ensureConsoleBuilt = async (): Promise<void> => {
  if (builtAt() >= newestChange(join(CONSOLE_ROOT, 'web'))) return;
  // vitest runs with NODE_ENV=test, under which Vite and the React plugin build React's
  // development bundle: the tests look at the console as `pnpm install` builds it.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(CONSOLE_ROOT, 'vite.config.ts'),
      root: join(CONSOLE_ROOT, 'web'),
      logLevel: 'warn',
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
};
