import { describe, expect, it } from 'vitest';
import { createReportCache } from './report-cache.js';

describe('createReportCache', () => {
  it('computes once per question and position, and forgets everything when the position moves', () => {
    const cache = createReportCache<string>();
    let computed = 0;
    const ask = (position: bigint) => cache.get(position, 'q', () => `answer ${++computed}`);
    expect(ask(5n)).toBe('answer 1');
    expect(ask(5n)).toBe('answer 1');
    expect(ask(6n)).toBe('answer 2');
    expect(cache.peek(5n, 'q')).toBeUndefined();
    expect(cache.peek(6n, 'q')).toBe('answer 2');
  });

  it('keeps only answers put at the current position', () => {
    const cache = createReportCache<string>();
    cache.put(1n, 'a', 'one');
    expect(cache.peek(1n, 'a')).toBe('one');
    expect(cache.peek(2n, 'a')).toBeUndefined();
    cache.put(2n, 'b', 'two');
    expect(cache.peek(1n, 'a')).toBeUndefined();
    expect(cache.peek(2n, 'b')).toBe('two');
  });

  it('forgets the oldest answers past maxEntries', () => {
    const cache = createReportCache<number>({ maxEntries: 2 });
    cache.put(0n, 'a', 1);
    cache.put(0n, 'b', 2);
    cache.put(0n, 'c', 3);
    expect(cache.peek(0n, 'a')).toBeUndefined();
    expect([cache.peek(0n, 'b'), cache.peek(0n, 'c')]).toEqual([2, 3]);
  });

  it('forgets the oldest answers past maxBytes, and never keeps one larger than maxBytes', () => {
    const cache = createReportCache<string>({
      maxBytes: 10,
      sizeOf: (_key, value) => value.length,
    });
    cache.put(0n, 'a', 'xxxx');
    cache.put(0n, 'b', 'yyyy');
    cache.put(0n, 'c', 'zzzz');
    expect(cache.peek(0n, 'a')).toBeUndefined();
    expect([cache.peek(0n, 'b'), cache.peek(0n, 'c')]).toEqual(['yyyy', 'zzzz']);
    cache.put(0n, 'big', 'x'.repeat(11));
    expect(cache.peek(0n, 'big')).toBeUndefined();
    expect(cache.peek(0n, 'c')).toBe('zzzz');
  });
});
