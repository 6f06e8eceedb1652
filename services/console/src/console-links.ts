import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where pending one-time links wait, beside the JWT secret in the data directory. */
export const LINKS_FOLDER = 'console-links';
/** How long a printed link may wait before its first (and only) use. */
export const LINK_LIFETIME_MS = 15 * 60_000;

const CODE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The file holds only the code's hash: reading the folder does not give working links. */
const fileOf = (dataDir: string, code: string) =>
  join(dataDir, LINKS_FOLDER, createHash('sha256').update(code).digest('hex'));

type PendingLink = { token: string; expiresAt: number };

/** Stores a token behind a fresh random code (256 bits, base64url) and returns the code. */
export const createLinkCode = async (
  dataDir: string,
  token: string,
  now: number = Date.now(),
): Promise<string> => {
  const code = randomBytes(32).toString('base64url');
  const path = fileOf(dataDir, code);
  await mkdir(join(dataDir, LINKS_FOLDER), { recursive: true, mode: 0o700 });
  const pending: PendingLink = { token, expiresAt: now + LINK_LIFETIME_MS };
  await writeFile(`${path}.tmp`, JSON.stringify(pending), { mode: 0o600, flag: 'wx' });
  await rename(`${path}.tmp`, path);
  return code;
};

export type Redeemed = { ok: true; token: string } | { ok: false; problem: string };

/**
 * Exchanges a code for its token, once: the link file is renamed away before it is read, so of
 * two uses at the same time exactly one gets the token; the file is deleted either way.
 */
export const redeemLinkCode = async (
  dataDir: string,
  code: unknown,
  now: number = Date.now(),
): Promise<Redeemed> => {
  if (typeof code !== 'string' || !CODE_PATTERN.test(code))
    return { ok: false, problem: 'code: expected the 43-character code of a console link' };
  const path = fileOf(dataDir, code);
  const claimed = `${path}.${randomBytes(6).toString('hex')}.redeeming`;
  try {
    await rename(path, claimed);
  } catch {
    return {
      ok: false,
      problem:
        'this sign-in link was already used or does not exist; print a new one with pnpm cadran console-link',
    };
  }
  try {
    const pending = JSON.parse(await readFile(claimed, 'utf8')) as PendingLink;
    if (pending.expiresAt <= now)
      return {
        ok: false,
        problem: `this sign-in link expired (links last ${LINK_LIFETIME_MS / 60_000} minutes); print a new one`,
      };
    return { ok: true, token: pending.token };
  } finally {
    await unlink(claimed).catch(() => undefined);
  }
};
