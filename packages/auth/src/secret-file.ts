import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuthError } from './auth-error.js';

export const SECRET_FILE_NAME = 'jwt-secret';
/** 256 bits, the HS256 key size. */
export const MIN_SECRET_LENGTH = 32;

const ownerOnly = 0o600;
const checksPermissions = process.platform !== 'win32';

/**
 * A secret of the embedded platform (the HS256 key by default): 32 random bytes, base64url, in
 * `<dataDir>/jwt-secret` or `<dataDir>/<fileName>` (mode 0600), created on first call and read on every later one. The file holds the secret as
 * text, so its content can also be given as CADRAN_JWT_SECRET.
 *
 * A secret file readable by group or others is refused, not repaired: it may already have leaked,
 * and silently tightening it would hide that. The error says how to fix or rotate it.
 */
export const loadOrCreateSecret = async (
  dataDir: string,
  fileName: string = SECRET_FILE_NAME,
): Promise<string> => {
  const path = join(dataDir, fileName);
  const existing = await readSecretFile(path);
  if (existing !== undefined) return existing;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await createSecretFile(path);
  const created = await readSecretFile(path);
  if (created === undefined) {
    throw new AuthError(
      'BAD_CONFIGURATION',
      `secret file ${path} vanished right after it was created`,
    );
  }
  return created;
};

const readSecretFile = async (path: string): Promise<string | undefined> => {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  if (checksPermissions && (mode & 0o077) !== 0) {
    throw new AuthError(
      'BAD_CONFIGURATION',
      `secret file ${path} has mode ${(mode & 0o777).toString(8)}, readable by others than its owner; ` +
        `accepted: 600. Run 'chmod 600 ${path}' if it cannot have leaked, or delete it to generate a new ` +
        `secret (every token issued so far stops working)`,
    );
  }
  const secret = (await readFile(path, 'utf8')).trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new AuthError(
      'BAD_CONFIGURATION',
      `secret file ${path} holds ${secret.length} characters; accepted: at least ${MIN_SECRET_LENGTH}. ` +
        `Delete it to generate a new secret`,
    );
  }
  return secret;
};

/**
 * Written whole to a temporary file, then linked into place: a crash never leaves a half-written
 * secret, and of two processes starting at once exactly one creates the file, the other reads it.
 */
const createSecretFile = async (path: string): Promise<void> => {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, `${randomBytes(32).toString('base64url')}\n`, {
      mode: ownerOnly,
      flag: 'wx',
    });
    await chmod(temporary, ownerOnly);
    await link(temporary, path).catch((error: unknown) => {
      if (!isAlreadyExists(error)) throw error;
    });
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
};

const isNotFound = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
const isAlreadyExists = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException | undefined)?.code === 'EEXIST';
