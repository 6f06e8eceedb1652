import { fileURLToPath } from 'node:url';
import { runTypeScriptChild } from '@cadran/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Started } from './support/platform.js';

const CLI = 'services/platform/src/cli.ts';
const CAMT = fileURLToPath(
  new URL('../packages/receivables/fixtures/camt053-2026-05-02.xml', import.meta.url),
);

/** `pnpm cadran receivables …` in child processes, on the data directory of a running platform. */
let platform: Started;
const cadran = (...args: string[]) =>
  runTypeScriptChild(CLI, ['receivables', ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CADRAN_DATA_DIR: platform.dataDir },
  }).finished;

beforeAll(async () => {
  platform = await startTestPlatform({ demo: true });
  const finance = await platform.token('FINANCE');
  for (const query of [
    'mutation { runInvoiceBatch(period: "2026-03") { id } }',
    'mutation { issueInvoices(batchId: "batch-2026-03") { id } }',
  ]) {
    const result = await platform.gql(finance, query);
    expect(result.body.errors).toBeUndefined();
  }
});
afterAll(() => platform?.close());

describe('cadran receivables', () => {
  it('imports a camt.053 file once; again, it writes nothing', async () => {
    const first = await cadran('import', CAMT);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(
      'statement CAMT053-20260502-0001: 6 entries, 5 new payments, 0 already known, 2 skipped',
    );
    expect(first.stdout).toMatch(
      /bank-2612200145873001 .*1000\.00 .*MISTRAL AI .*ALLOCATED .*INV-2026-000001 1000\.00/,
    );
    expect(first.stdout).toContain('skipped 2612200145873004: DBIT: not money received');
    const again = await cadran('import', CAMT);
    expect(again.stdout).toContain('0 new payments, 5 already known, 2 skipped (nothing written)');
  });

  it('lists the unmatched payments, allocates one by hand, and ages the account', async () => {
    const unmatched = await cadran('unmatched');
    expect(unmatched.stdout).toContain('bank-2612200145873003');
    expect(unmatched.stdout).toContain('VIREMENT CONTRAT BRU-1 AVRIL');
    const allocated = await cadran(
      'allocate',
      '--payment',
      'bank-2612200145873003',
      '--invoice',
      'INV-2026-000001',
    );
    expect(allocated.stdout).toContain(
      'payment bank-2612200145873003: ALLOCATED, allocated 250.00, unallocated 0.00',
    );
    const ageing = await cadran('ageing', '--as-of', '2099-01-01');
    expect(ageing.stdout).toMatch(/Mistral AI \(TENANT:mistral\)/);
    const refused = await cadran(
      'statement',
      '--party',
      'mistral',
      '--from',
      '2026-01-01',
      '--to',
      '2026-12-31',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'error (BAD_USER_INPUT): --party: expected a party as KIND:id',
    );
  });
});
