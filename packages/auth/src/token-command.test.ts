import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authConfigFromEnv } from './auth-config.js';
import { createAuthenticator } from './authenticator.js';
import { createTokenCommand, tokenCommand } from './token-command.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cadran-token-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** What the platform does on start: the authenticator from the same environment. */
const platformAuthenticator = async (env: Record<string, string>) =>
  createAuthenticator(await authConfigFromEnv(env));

const run = async (command: Command, args: string[]) => {
  let stderr = '';
  command
    .exitOverride()
    .configureOutput({ writeErr: (text) => (stderr += text), writeOut: () => undefined });
  const error = await command.parseAsync(args, { from: 'user' }).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, stderr };
};

describe('tokenCommand', () => {
  it('prints a token that the platform of the same CADRAN_DATA_DIR accepts', async () => {
    const env = { CADRAN_DATA_DIR: dataDir };
    const token = await tokenCommand({ role: 'TENANT', tenant: 'mistral' }, env);
    const authenticator = await platformAuthenticator(env);
    await expect(authenticator.authenticate(`Bearer ${token}`)).resolves.toEqual({
      subject: 'cadran-cli',
      role: 'TENANT',
      tenantId: 'mistral',
    });
  });

  it('is refused by a platform with another data directory', async () => {
    const token = await tokenCommand({ role: 'ADMIN' }, { CADRAN_DATA_DIR: dataDir });
    const other = await platformAuthenticator({ CADRAN_DATA_DIR: join(dataDir, 'other') });
    await expect(other.authenticate(`Bearer ${token}`)).rejects.toThrow(
      /signature verification failed/,
    );
  });

  it('names the CLI flags in its errors', async () => {
    const env = { CADRAN_DATA_DIR: dataDir };
    await expect(tokenCommand({ role: 'PARTNER' }, env)).rejects.toThrow(
      /role PARTNER requires --partner/,
    );
    await expect(tokenCommand({ role: 'ADMIN', tenant: 'x' }, env)).rejects.toThrow(
      '--tenant is accepted only with role TENANT',
    );
    await expect(tokenCommand({ role: 'ADMIN', expires: 'tomorrow' }, env)).rejects.toThrow(
      "--expires 'tomorrow' is not a duration",
    );
  });

  it('refuses when tokens come from an identity provider', async () => {
    await expect(
      tokenCommand({ role: 'ADMIN' }, { CADRAN_JWKS_URL: 'https://idp.example/jwks' }),
    ).rejects.toThrow(/tokens come from the identity provider/);
  });
});

describe('createTokenCommand', () => {
  it('parses the flags and writes the token on a line', async () => {
    const env = { CADRAN_DATA_DIR: dataDir };
    let out = '';
    const command = createTokenCommand({ env, write: (text) => (out += text) });
    const { error } = await run(command, [
      '--role',
      'PARTNER',
      '--partner',
      'fluidstack',
      '--subject',
      'ops',
      '--expires',
      '1h',
    ]);
    expect(error).toBeUndefined();
    expect(out.endsWith('\n')).toBe(true);
    const principal = await (await platformAuthenticator(env)).authenticate(`Bearer ${out.trim()}`);
    expect(principal).toEqual({ subject: 'ops', role: 'PARTNER', partnerId: 'fluidstack' });
  });

  it('rejects an unknown role and a missing --role through commander', async () => {
    const env = { CADRAN_DATA_DIR: dataDir };
    const unknown = await run(createTokenCommand({ env, write: () => undefined }), [
      '--role',
      'ROOT',
    ]);
    expect(unknown.error).toBeInstanceOf(CommanderError);
    expect(unknown.stderr).toMatch(/Allowed choices are ADMIN, ACCOUNT_MANAGER/);
    const missing = await run(createTokenCommand({ env, write: () => undefined }), []);
    expect(missing.stderr).toMatch(/required option '--role <role>' not specified/);
  });

  it('reports a bad combination as a command error with exit code 2, writing no token', async () => {
    let out = '';
    const command = createTokenCommand({
      env: { CADRAN_DATA_DIR: dataDir },
      write: (text) => (out += text),
    });
    const { error, stderr } = await run(command, ['--role', 'TENANT']);
    expect(error).toMatchObject({ exitCode: 2, code: 'cadran.token.BAD_USER_INPUT' });
    expect(stderr).toMatch(/error: role TENANT requires --tenant/);
    expect(out).toBe('');
  });
});
