import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { maxAppendSizeFrom, openStores, synchronousFrom } from './data-dir.js';
import { logLevelFrom } from './start-platform.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('CADRAN_SQLITE_SYNCHRONOUS', () => {
  it('defaults to FULL and reaches the embedded store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadran-sync-'));
    dirs.push(dir);
    for (const [value, pragma] of [
      [undefined, 2],
      ['normal', 1],
    ] as const) {
      const { store, readModelDb } = openStores(
        dir,
        undefined,
        synchronousFrom({ CADRAN_SQLITE_SYNCHRONOUS: value }),
      );
      expect(readModelDb.pragma('synchronous', { simple: true })).toBe(pragma);
      await store.close();
    }
  });

  it('refuses anything else, naming the variable and what is accepted', () => {
    expect(() => synchronousFrom({ CADRAN_SQLITE_SYNCHRONOUS: 'OFF' })).toThrow(
      /CADRAN_SQLITE_SYNCHRONOUS 'OFF' .*accepted: FULL \(default\) or NORMAL/,
    );
  });
});

describe('LOG_LEVEL', () => {
  it('accepts pino levels and refuses a typo with the list', () => {
    expect(logLevelFrom({})).toBe('info');
    expect(logLevelFrom({ LOG_LEVEL: 'debug' })).toBe('debug');
    expect(() => logLevelFrom({ LOG_LEVEL: 'verbose' })).toThrow(
      /LOG_LEVEL 'verbose' .*accepted: fatal, error/,
    );
  });
});

describe('ESDB_MAX_APPEND_SIZE', () => {
  it('is unset by default, an integer of bytes up to 16 MiB otherwise', () => {
    expect(maxAppendSizeFrom({})).toBeUndefined();
    expect(maxAppendSizeFrom({ ESDB_MAX_APPEND_SIZE: '16777216' })).toBe(16_777_216);
    for (const bad of ['0', '1.5', '16777217', 'lots'])
      expect(() => maxAppendSizeFrom({ ESDB_MAX_APPEND_SIZE: bad })).toThrow(
        /ESDB_MAX_APPEND_SIZE .* accepted: an integer from 1 to 16777216/,
      );
  });
});
