import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * The official validation kit, `../shared/einvoicing/validate` beside the repository (CI always
 * has it). EINVOICING_VALIDATE names another copy (a git worktree has no `../shared`).
 */
export function validationKit(): string | undefined {
  const path =
    process.env.EINVOICING_VALIDATE ?? join(REPO_ROOT, '..', 'shared', 'einvoicing', 'validate');
  return existsSync(path) ? path : undefined;
}

export type Validation = { ok: boolean; output: string; lastLine: string };

/** Runs the kit once over every file (one Java start per step, ~10 s). */
export function validate(kit: string, files: string[]): Promise<Validation> {
  return new Promise((done) => {
    execFile(kit, files, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      const lastLine = stdout.trim().split('\n').at(-1) ?? '';
      done({ ok: error === null, output, lastLine });
    });
  });
}

/** The `[fatal]` findings of a kit's output (warnings do not fail). */
export const fatalFindings = (output: string) =>
  output.split('\n').filter((line) => line.includes('[fatal]') || line.includes(': XSD '));
