import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('docs/contributing.md', () => {
  it('names only files and folders that exist', () => {
    const map = readFileSync(`${root}docs/contributing.md`, 'utf8');
    const paths = [...map.matchAll(/`((?:packages|services|test|bench|docs)\/[^`<>*…\s]+)`/g)].map(
      (match) => match[1]!.replace(/\/$/, ''),
    );
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((path) => !existsSync(`${root}${path}`))).toEqual([]);
  });
});
