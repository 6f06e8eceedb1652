import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TempDir = { dir: string; file: (name: string) => string; remove: () => void };

/** A fresh directory under the system temp dir, for real files (SQLite) in a test. */
export function tempDir(prefix = 'cadran-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs `work` in a fresh directory under the system temp dir, removed afterwards whatever happens. */
export async function withTempDir<T>(
  prefix: string,
  work: (dir: TempDir) => Promise<T>,
): Promise<T> {
  const dir = tempDir(prefix);
  try {
    return await work(dir);
  } finally {
    dir.remove();
  }
}
