import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLinkCode, LINK_LIFETIME_MS, LINKS_FOLDER, redeemLinkCode } from './console-links.js';

const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cadran-links-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('one-time console links', () => {
  it('give their token once, and keep only the hash of the code on disk', async () => {
    const dir = dataDir();
    const code = await createLinkCode(dir, 'the-token');
    expect(readdirSync(join(dir, LINKS_FOLDER)).join()).not.toContain(code);
    expect(await redeemLinkCode(dir, code)).toEqual({ ok: true, token: 'the-token' });
    const second = await redeemLinkCode(dir, code);
    expect(second).toMatchObject({ ok: false, problem: expect.stringContaining('already used') });
    expect(readdirSync(join(dir, LINKS_FOLDER))).toEqual([]);
  });

  it('give the token to exactly one of two uses at the same time', async () => {
    const dir = dataDir();
    const code = await createLinkCode(dir, 'the-token');
    const results = await Promise.all([redeemLinkCode(dir, code), redeemLinkCode(dir, code)]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it('expire unused, and refuse what is not a code', async () => {
    const dir = dataDir();
    const code = await createLinkCode(dir, 'the-token', 0);
    expect(await redeemLinkCode(dir, code, LINK_LIFETIME_MS + 1)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('expired'),
    });
    expect(await redeemLinkCode(dir, '../../jwt-secret')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('expected the 43-character code'),
    });
    expect(await redeemLinkCode(dir, undefined)).toMatchObject({ ok: false });
  });
});
