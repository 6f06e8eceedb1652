import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTypeScriptChild } from '@cadran/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome, startTestPlatform, type Started } from './support/platform.js';

const CLI = 'services/platform/src/cli.ts';

/**
 * `pnpm cadran token` and `console-link` (the platform's CLI, in child processes) on the data
 * directory of a demo platform running meanwhile: no token for a tenant or partner that is not there.
 */
let platform: Started;

const cadranIn = (dataDir: string, ...args: string[]) =>
  runTypeScriptChild(CLI, args, {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CADRAN_DATA_DIR: dataDir },
  }).finished;
const cadran = (...args: string[]) => cadranIn(platform.dataDir, ...args);

beforeAll(async () => {
  platform = await startTestPlatform({ demo: true });
});
afterAll(() => platform?.close());

describe('cadran token and console-link for a tenant or partner', { timeout: 60_000 }, () => {
  it('print a token for an onboarded one, which the platform accepts', async () => {
    const printed = await cadran('token', '--role', 'TENANT', '--tenant', 'mistral');
    expect(printed.code, printed.stderr).toBe(0);
    const answer = await platform.gql(printed.stdout.trim(), '{ viewer { tenantId } }');
    expect(answer.body.data).toEqual({ viewer: { tenantId: 'mistral' } });
    const link = await cadran('console-link', '--role', 'PARTNER', '--partner', 'fluidstack');
    expect(link.code, link.stderr).toBe(0);
    expect(link.stdout).toMatch(/#link=/);
  });

  it('refuse one that does not exist, saying so, and print nothing', async () => {
    const tenant = await cadran('token', '--role', 'TENANT', '--tenant', 'ghost');
    expect(tenant.code).toBe(2);
    expect(tenant.stdout).toBe('');
    expect(tenant.stderr).toMatch(
      /--tenant "ghost": no tenant "ghost" exists in the data directory/,
    );
    const partner = await cadran('console-link', '--role', 'PARTNER', '--partner', 'nobody');
    expect(partner.code).toBe(2);
    expect(partner.stdout).toBe('');
    expect(partner.stderr).toMatch(/no partner "nobody" exists/);
  });

  it('finds a tenant onboarded a moment ago, and leaves a data directory without a store as it is', async () => {
    const admin = await platform.token('ADMIN');
    expect(
      outcome(
        await platform.gql(
          admin,
          'mutation { onboardTenant(input: { id: "fresh", name: "Fresh Lab", countryCode: "FR" }) { id } }',
        ),
      ),
    ).toBe('OK');
    const printed = await cadran('token', '--role', 'TENANT', '--tenant', 'fresh');
    expect(printed.code, printed.stderr).toBe(0);
    expect(
      (await platform.gql(printed.stdout.trim(), '{ viewer { tenantId } }')).body.data,
    ).toEqual({ viewer: { tenantId: 'fresh' } });

    const empty = mkdtempSync(join(tmpdir(), 'cadran-token-'));
    try {
      const refused = await cadranIn(empty, 'token', '--role', 'TENANT', '--tenant', 'mistral');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/no tenant "mistral" exists/);
      expect(existsSync(join(empty, 'cadran.db'))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
