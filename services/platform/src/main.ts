import { pino } from 'pino';
import { DataDirRefusedError } from './data-dir-guard.js';
import { DemoRefusedError } from './demo.js';
import { logLevelFrom, shutdownGraceFrom, startPlatform } from './start-platform.js';

/** `pnpm start [--demo]`: the whole platform in one process. */
// Files the platform creates (database, WAL, secrets) are its user's only.
process.umask(0o077);
let level: string;
try {
  level = logLevelFrom(process.env);
  shutdownGraceFrom(process.env);
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exit(2);
}
const logger = pino({ level });
const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--demo' && arg !== '--');
if (unknown.length > 0) {
  console.error(
    `unknown argument ${unknown.join(' ')}; accepted: --demo (load the worked examples on an empty store)`,
  );
  process.exit(2);
}

try {
  const platform = await startPlatform({ demo: args.includes('--demo'), logger });
  logger.info({ url: platform.graphqlUrl }, 'Cadran is up');
  process.stdout.write(
    [
      '',
      `  Web console   ${platform.url}/   (sign in: pnpm cadran console-link --role ADMIN)`,
      `  GraphQL API   ${platform.graphqlUrl}`,
      `  health        ${platform.url}/healthz`,
      `  bulk usage    POST ${platform.url}/v1/usage, ${platform.url}/v1/energy (NDJSON)`,
      '',
      '  Get a token (same CADRAN_DATA_DIR):  pnpm cadran token --role ADMIN',
      '  Bill a month (same CADRAN_DATA_DIR): pnpm cadran invoices run --period 2026-03',
      `  First query:  curl -s ${platform.graphqlUrl} -H "authorization: Bearer $TOKEN" \\`,
      `                  -H 'content-type: application/json' -d '{"query":"{ viewer { role } sites { id name } }"}'`,
      '',
    ].join('\n'),
  );
  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    platform.stop().then(
      () => {
        logger.info('stopped; read-model checkpoint kept');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
  if (error instanceof DemoRefusedError || error instanceof DataDirRefusedError) {
    console.error(`error: ${error.message}`);
    process.exit(2);
  }
  logger.fatal({ err: error }, 'Cadran could not start');
  process.exit(1);
}
