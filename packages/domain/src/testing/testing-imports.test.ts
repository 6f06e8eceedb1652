import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
// The event store's contract suite (packages/event-store/src/contract) is test support for adapters.
const isTestSupport = (path: string) =>
  /\.test\.ts$|\.test-support\.ts$|\.child\.ts$|\/testing\/|^packages\/event-store\/src\/contract\//.test(
    path,
  );

/** Files under `dir` (relative to the root), never entering node_modules (pnpm's links loop). */
const sourceFiles = (dir: string): string[] =>
  readdirSync(`${root}${dir}`, { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.isFile() ? [path] : [];
  });

describe('@cadran/domain/testing', () => {
  it('is imported by tests and test support only, never by production code', () => {
    const sources = ['packages', 'services'].flatMap((top) =>
      sourceFiles(top).filter((path) => /\/src\/.*\.ts$/.test(path)),
    );
    const importers = sources.filter((path) =>
      readFileSync(`${root}${path}`, 'utf8').includes('@cadran/domain/testing'),
    );
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((path) => !isTestSupport(path))).toEqual([]);
  });
});
