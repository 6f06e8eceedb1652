import {
  chmodSync,
  mkdtempSync,
  openSync,
  readSync,
  statSync,
  writeFileSync,
  writeSync,
  closeSync,
  rmSync,
  existsSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore } from '@cadran/event-store';
import { DataDirRefusedError, STORE_MARKER_FILE, startPlatform } from '@cadran/platform';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';

/** Findings 3 and 4 of issue 8: file modes, integrity at start, an empty store beside a lost one. */
const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cadran-safety-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const start = (dataDir: string, env: Record<string, string> = {}) =>
  startPlatform({ dataDir, port: 0, env, logger: pino({ level: 'silent' }) });
const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('the data directory', () => {
  it('refuses a directory others can read, unless told; then every file in it is 0600', async () => {
    const dir = fresh();
    chmodSync(dir, 0o755);
    await expect(start(dir)).rejects.toThrow(
      new DataDirRefusedError(
        `the data directory ${dir} can be read by other users (mode 755); run chmod 700 on it, or set CADRAN_ALLOW_SHARED_DATA_DIR=1 to start anyway`,
      ),
    );
    const platform = await start(dir, { CADRAN_ALLOW_SHARED_DATA_DIR: '1' });
    for (const file of ['cadran.db', 'cadran.db-wal', 'cadran.db-shm', 'jwt-secret'])
      if (existsSync(join(dir, file)))
        expect([file, modeOf(join(dir, file))]).toEqual([file, '600']);
    expect(existsSync(join(dir, 'cadran.db'))).toBe(true);
    await platform.stop();
  });

  it('refuses a zero-length cadran.db beside an existing jwt-secret', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'jwt-secret'), 'x'.repeat(64), { mode: 0o600 });
    writeFileSync(join(dir, 'cadran.db'), '', { mode: 0o600 });
    await expect(start(dir)).rejects.toThrow(
      /cadran\.db is empty beside jwt-secret: this platform's store once held events/,
    );
  });

  it('refuses a missing store beside the marker the store left when it held events', async () => {
    const dir = fresh();
    const platform = await start(dir, {});
    const admin = await fetch(`${platform.url}/healthz`);
    expect(admin.status).toBe(200);
    await platform.stop();
    expect(existsSync(join(dir, STORE_MARKER_FILE))).toBe(false);
    const store = createSqliteEventStore({ path: join(dir, 'cadran.db') });
    await store.appendToStream('site-x', [{ type: 'Seeded', data: {} }]);
    await store.close();
    await (await start(dir)).stop();
    expect(existsSync(join(dir, STORE_MARKER_FILE))).toBe(true);
    for (const file of ['cadran.db', 'cadran.db-wal', 'cadran.db-shm'])
      if (existsSync(join(dir, file))) unlinkSync(join(dir, file));
    await expect(start(dir)).rejects.toThrow(/cadran\.db is missing beside store-held-events/);
  });

  it('refuses a store holding no event beside the marker, even once something opened it and wrote its tables', async () => {
    const dir = fresh();
    const store = createSqliteEventStore({ path: join(dir, 'cadran.db') });
    await store.appendToStream('site-x', [{ type: 'Seeded', data: {} }]);
    await store.close();
    await (await start(dir)).stop();
    for (const file of ['cadran.db', 'cadran.db-wal', 'cadran.db-shm'])
      if (existsSync(join(dir, file))) unlinkSync(join(dir, file));
    // What a command line (read-models list, invoices run) does on the directory: open the store, which makes an empty one.
    await createSqliteEventStore({ path: join(dir, 'cadran.db') }).close();
    expect(statSync(join(dir, 'cadran.db')).size).toBeGreaterThan(0);
    await expect(start(dir)).rejects.toThrow(
      /cadran\.db holds no event beside store-held-events: this platform's store once held events/,
    );
  });

  it('refuses to start on a store with damaged pages, saying so', async () => {
    const dir = fresh();
    const path = join(dir, 'cadran.db');
    const store = createSqliteEventStore({ path });
    for (let i = 0; i < 20; i++)
      await store.appendToStream(
        `s-${i}`,
        Array.from({ length: 50 }, (_, n) => ({
          type: 'Filled',
          data: { n, pad: 'x'.repeat(200) },
        })),
      );
    store.database.pragma('wal_checkpoint(TRUNCATE)');
    await store.close();
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(40 * 4096);
    const fd = openSync(path, 'r+');
    const page = Buffer.alloc(4096);
    readSync(fd, page, 0, 4096, 20 * 4096);
    page.fill(0xa5, 0, 4096);
    writeSync(fd, page, 0, 4096, 20 * 4096);
    closeSync(fd);
    await expect(start(dir)).rejects.toThrow(
      /failed its integrity check \(quick_check: |malformed/,
    );
  });
});

describe('health on a database that fails while running', () => {
  it('answers 503 with the database error, then ok again once the database answers', async () => {
    const dir = fresh();
    const platform = await start(dir);
    const health = async () => {
      const response = await fetch(`${platform.url}/healthz`);
      return { status: response.status, body: (await response.json()) as { status: string } };
    };
    try {
      expect(await health()).toMatchObject({ status: 200, body: { status: 'ok' } });
      // Another connection to the same file takes away a table health reads: the platform's
      // own handle now errors on it, as it would on a damaged or vanished database.
      const other = createSqliteEventStore({ path: join(dir, 'cadran.db') });
      const schema = (
        other.database
          .prepare("SELECT sql FROM sqlite_master WHERE name = 'set_aside_events'")
          .get() as { sql: string }
      ).sql;
      other.database.exec('DROP TABLE set_aside_events');
      expect(await health()).toEqual({
        status: 503,
        body: { status: 'database error: no such table: set_aside_events' },
      });
      other.database.exec(schema);
      await other.close();
      expect(await health()).toMatchObject({ status: 200, body: { status: 'ok' } });
    } finally {
      await platform.stop();
    }
  });
});
