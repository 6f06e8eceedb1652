import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECRET_FILE_NAME, type Env } from '@cadran/auth';
import type { Database } from 'better-sqlite3';

/** Written once the store holds an event: an empty store beside it is a lost store, not a new one. */
export const STORE_MARKER_FILE = 'store-held-events';
const DATABASE_FILE = 'cadran.db';

/** The data directory is not safe to start on; the message says why and what to do. */
export class DataDirRefusedError extends Error {
  override readonly name = 'DataDirRefusedError';
}

/**
 * Before anything opens: the directory exists and only its owner can read it (unless
 * CADRAN_ALLOW_SHARED_DATA_DIR=1), and an embedded store that would start empty is refused beside
 * a JWT secret (a zero-length cadran.db) or beside the marker saying it once held events.
 */
export function guardDataDir(dataDir: string, env: Env, embedded: boolean): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const mode = statSync(dataDir).mode & 0o777;
  if ((mode & 0o077) !== 0 && env.CADRAN_ALLOW_SHARED_DATA_DIR?.trim() !== '1')
    throw new DataDirRefusedError(
      `the data directory ${dataDir} can be read by other users (mode ${mode.toString(8)}); run chmod 700 on it, or set CADRAN_ALLOW_SHARED_DATA_DIR=1 to start anyway`,
    );
  if (!embedded) return;
  const database = join(dataDir, DATABASE_FILE);
  const exists = existsSync(database);
  const empty = !exists || statSync(database).size === 0;
  if (!empty) return;
  const marker = existsSync(join(dataDir, STORE_MARKER_FILE));
  if (marker || (exists && existsSync(join(dataDir, SECRET_FILE_NAME))))
    throw new DataDirRefusedError(
      `${database} is ${exists ? 'empty' : 'missing'} beside ${marker ? STORE_MARKER_FILE : SECRET_FILE_NAME}: this platform's store once held events (invoice numbers would start again at 1); restore ${DATABASE_FILE} from a backup, or remove ${marker ? STORE_MARKER_FILE : SECRET_FILE_NAME} to start a new platform`,
    );
}

/**
 * Once the embedded store is open: every file of the directory 0600, SQLite's quick_check passed,
 * no store without events beside the marker (a command line run on the directory after the store
 * was lost makes a new file with its tables and no event), and the marker written when the store
 * holds events.
 */
export function secureStore(dataDir: string, database: Database, holdsEvents: boolean): void {
  const check = database.pragma('quick_check', { simple: true }) as string;
  if (check !== 'ok')
    throw new DataDirRefusedError(
      `${join(dataDir, DATABASE_FILE)} failed its integrity check (quick_check: ${check.slice(0, 300)}); stop, and restore it from a backup`,
    );
  if (!holdsEvents && existsSync(join(dataDir, STORE_MARKER_FILE)))
    throw new DataDirRefusedError(
      `${join(dataDir, DATABASE_FILE)} holds no event beside ${STORE_MARKER_FILE}: this platform's store once held events (invoice numbers would start again at 1); restore ${DATABASE_FILE} from a backup, or remove ${STORE_MARKER_FILE} to start a new platform`,
    );
  markStore(dataDir, holdsEvents);
}

/** The marker written when the store holds events; every file 0600. */
export function markStore(dataDir: string, holdsEvents: boolean): void {
  if (holdsEvents && !existsSync(join(dataDir, STORE_MARKER_FILE)))
    writeFileSync(
      join(dataDir, STORE_MARKER_FILE),
      'The event store of this directory holds events: an empty cadran.db here is refused.\n',
      { mode: 0o600 },
    );
  restrictFiles(dataDir);
}

/** Every regular file of the directory readable by its owner only. */
export function restrictFiles(dataDir: string): void {
  for (const entry of readdirSync(dataDir, { withFileTypes: true }))
    if (entry.isFile()) chmodSync(join(dataDir, entry.name), 0o600);
}
