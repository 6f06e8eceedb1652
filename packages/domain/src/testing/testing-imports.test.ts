import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
// The event store's contract suite (packages/event-store/src/contract) is test support for adapters.
const isTestSupport = (path: string) =>
  /\.test\.ts$|\.test-support\.ts$|\/test-setup\.ts$|\/testing\/|^packages\/event-store\/src\/contract\//.test(
    path,
  );

describe('@cadran/domain/testing', () => {
  it('is imported by tests and test support only, never by production code', () => {
    const sources = ['packages', 'services'].flatMap((top) =>
      readdirSync(`${root}${top}`, { recursive: true, encoding: 'utf8' })
        .filter((path) => /\/src\/.*\.ts$/.test(path) && !path.includes('node_modules'))
        .map((path) => `${top}/${path}`),
    );
    const importers = sources.filter((path) =>
      readFileSync(`${root}${path}`, 'utf8').includes('@cadran/domain/testing'),
    );
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((path) => !isTestSupport(path))).toEqual([]);
  });
});
