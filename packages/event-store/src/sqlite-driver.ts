import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * The better-sqlite3 constructor that works on the running Node.js. Version 12 aborts Node 24
 * when the garbage collector frees a statement (its destructor removes an environment cleanup
 * hook where Node 24 has no environment); version 13 fixes that with Node-API but crashes Node 20.
 * Both are installed (13 as `better-sqlite3-napi`); each Node major loads the one that works.
 */
const require = createRequire(import.meta.url);

export const SQLITE_DRIVER =
  Number(process.versions.node.split('.')[0]) >= 24 ? 'better-sqlite3-napi' : 'better-sqlite3';

export const Sqlite: typeof BetterSqlite3 = require(SQLITE_DRIVER);
