import { describe, expect, it } from 'vitest';
import { stringify, validate, version } from 'uuid';
import { uuidV7Bytes } from './uuid-v7-bytes.js';

describe('uuidV7Bytes', () => {
  it('makes valid, distinct, strictly increasing version 7 ids, also across batches past 4096', () => {
    const ids = [...uuidV7Bytes(5000), ...uuidV7Bytes(3)].map((bytes) => stringify(bytes));
    for (const id of ids) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
      expect(id[19]).toMatch(/[89ab]/);
    }
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(
      Math.abs(parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16) - Date.now()),
    ).toBeLessThan(60_000);
  });
});
