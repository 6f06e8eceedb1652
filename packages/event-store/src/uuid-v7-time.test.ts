import { randomUUID } from 'node:crypto';
import { stringify } from 'uuid';
import { describe, expect, it } from 'vitest';
import { uuidV7Bytes } from './uuid-v7-bytes.js';
import { uuidV7Time } from './uuid-v7-time.js';

describe('uuidV7Time', () => {
  it('reads the milliseconds a UUIDv7 carries', () => {
    expect(uuidV7Time('0192d6a4-5b3c-7def-8123-456789abcdef')).toEqual(new Date(0x0192d6a45b3c));
    const before = Date.now();
    const time = uuidV7Time(stringify(uuidV7Bytes(1)[0]!))!.getTime();
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('knows no time for another kind of id', () => {
    expect(uuidV7Time(randomUUID())).toBeNull();
    expect(uuidV7Time('evt-1')).toBeNull();
  });
});
