import type { Env } from '@cadran/auth';
import {
  createProjectionRunner,
  createReadModelProjections,
  type SetAsideEvent,
} from '@cadran/projections';
import type { Database } from 'better-sqlite3';
import { Command } from 'commander';
import { resolve } from 'node:path';
import { dataDirFrom, openStores, synchronousFrom } from './data-dir.js';

const line = (entry: SetAsideEvent) =>
  `${entry.position}\t${entry.eventType}\t${entry.streamName}\t${entry.projection}: ${entry.reason}\n`;

/**
 * The platform's read-model runner on the data directory (running platform or not), brought up to
 * the log, for `work` (with the read models' database); closed afterwards.
 */
export async function withRunner<T>(
  env: Env,
  work: (runner: ReturnType<typeof createProjectionRunner>, readModelDb: Database) => Promise<T>,
): Promise<T> {
  const esdb = env.ESDB_CONNECTION_STRING?.trim() || undefined;
  const { store, readModelDb, closeReadModelDb } = openStores(
    resolve(dataDirFrom(env)),
    esdb,
    synchronousFrom(env),
  );
  try {
    const runner = createProjectionRunner({
      store,
      db: readModelDb,
      projections: createReadModelProjections(),
      onSetAside: () => undefined,
    });
    await runner.start();
    await runner.stop();
    if (runner.failure) throw runner.failure;
    return await work(runner, readModelDb);
  } finally {
    await store.close();
    closeReadModelDb();
  }
}

/** `cadran read-models list|retry`: the events the read models set aside, and applying them again after a fix. */
export const createReadModelsCommand = (
  env: Env,
  out: (text: string) => void = (text) => void process.stdout.write(text),
): Command => {
  const command = new Command('read-models').description(
    'events the read models could not apply (set aside), and retrying them after a fix',
  );
  command
    .command('list')
    .description('lists the set-aside events: position, type, stream, read model: reason')
    .action(() =>
      withRunner(env, async (runner) => {
        const entries = runner.setAside();
        out(entries.length === 0 ? 'no event set aside\n' : entries.map(line).join(''));
      }),
    );
  command
    .command('retry')
    .description('applies the set-aside events again in log order; exit code 1 if some still fail')
    .action(() =>
      withRunner(env, async (runner) => {
        const { applied, stillSetAside } = await runner.retrySetAside();
        out(
          `applied ${applied.length} set-aside events; ${stillSetAside.length} still set aside\n`,
        );
        out(stillSetAside.map(line).join(''));
        if (stillSetAside.length > 0) process.exitCode = 1;
      }),
    );
  return command;
};
