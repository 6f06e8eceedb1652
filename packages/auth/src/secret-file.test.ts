import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError } from './auth-error.js';
import { loadOrCreateSecret } from './secret-file.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cadran-auth-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('loadOrCreateSecret', () => {
  it('creates the data directory and a 256-bit secret readable by its owner only, then reuses it', async () => {
    const dataDir = join(root, 'nested', 'data');
    const first = await loadOrCreateSecret(dataDir);
    const file = join(dataDir, 'jwt-secret');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from(first, 'base64url')).toHaveLength(32);
    expect((await readFile(file, 'utf8')).trim()).toBe(first);

    await expect(loadOrCreateSecret(dataDir)).resolves.toBe(first);
    expect(await readdir(dataDir)).toEqual(['jwt-secret']);
  });

  it('gives two data directories two different secrets', async () => {
    expect(await loadOrCreateSecret(join(root, 'a'))).not.toBe(
      await loadOrCreateSecret(join(root, 'b')),
    );
  });

  it('gives the same secret to callers racing on first start', async () => {
    const secrets = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateSecret(root)));
    expect(new Set(secrets).size).toBe(1);
    expect(await readdir(root)).toEqual(['jwt-secret']);
  });

  it('refuses a secret file readable by group or others, and leaves it as it was', async () => {
    const file = join(root, 'jwt-secret');
    await writeFile(file, 'x'.repeat(43));
    await chmod(file, 0o644);
    const error = await loadOrCreateSecret(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe('BAD_CONFIGURATION');
    expect((error as AuthError).message).toContain(
      `has mode 644, readable by others than its owner; accepted: 600. Run 'chmod 600 ${file}'`,
    );
    expect((await stat(file)).mode & 0o777).toBe(0o644);
  });

  it('refuses a secret file too short to be a 256-bit secret', async () => {
    const file = join(root, 'jwt-secret');
    await writeFile(file, 'short\n', { mode: 0o600 });
    await expect(loadOrCreateSecret(root)).rejects.toThrow(
      /holds 5 characters; accepted: at least 32/,
    );
  });
});
