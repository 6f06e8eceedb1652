import { Sqlite } from './sqlite-driver.js';
import { describe, expect, it } from 'vitest';
import { createSqliteCheckpointStore } from './checkpoint-store.js';

describe('SQLite checkpoint store', () => {
  it('stores positions beyond 2^53 and rolls back with the caller transaction', () => {
    const db = new Sqlite(':memory:');
    const checkpoints = createSqliteCheckpointStore(db);
    expect(checkpoints.load('p')).toBeUndefined();
    checkpoints.store('p', 2n ** 60n + 1n);
    expect(checkpoints.load('p')).toBe(2n ** 60n + 1n);
    db.exec('CREATE TABLE model (v TEXT)');
    const failing = db.transaction(() => {
      db.prepare('INSERT INTO model VALUES (?)').run('half');
      checkpoints.store('p', 5n);
      throw new Error('projection failed');
    });
    expect(() => failing()).toThrow('projection failed');
    expect(checkpoints.load('p')).toBe(2n ** 60n + 1n);
    expect(db.prepare('SELECT count(*) FROM model').pluck().get()).toBe(0);
    db.close();
  });
});
