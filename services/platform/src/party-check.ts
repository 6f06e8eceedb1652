import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AuthError, type Env, type PartyCheck } from '@cadran/auth';
import { createReadModelQueries } from '@cadran/projections';
import { DATABASE_FILE, dataDirFrom } from './data-dir.js';
import { withRunner } from './read-models-command.js';

/**
 * For `cadran token` and `cadran console-link`: refuses a tenant or partner the read models of the
 * data directory do not hold (brought up to the log first, as `read-models list` does), since the
 * platform refuses its tokens. An embedded store that is not there holds no party, and is not
 * created.
 */
export const checkPartyIn =
  (env: Env): PartyCheck =>
  async (kind, id) => {
    const dataDir = resolve(dataDirFrom(env));
    const embedded = !(env.ESDB_CONNECTION_STRING?.trim() ?? '');
    const found =
      (!embedded || existsSync(join(dataDir, DATABASE_FILE))) &&
      (await withRunner(
        env,
        async (_runner, readModelDb) =>
          createReadModelQueries(readModelDb).partyOnboarding(kind, id) !== null,
      ));
    if (found) return;
    const what = kind.toLowerCase();
    throw new AuthError(
      'BAD_USER_INPUT',
      `--${what} ${JSON.stringify(id)}: no ${what} ${JSON.stringify(id)} exists in the data directory ${dataDir}; accepted: the id of an onboarded ${what} (${kind === 'TENANT' ? 'onboardTenant' : 'registerPartner'} first, or check CADRAN_DATA_DIR)`,
    );
  };
