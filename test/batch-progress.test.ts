import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome, startTestPlatform, type Started } from './support/platform.js';
import { createBatchHold } from './support/batch-hold.js';
import { createApi, workedContract } from './support/worked-setting.js';

const PROGRESS = `query($period: Period!) { invoiceBatchProgress(period: $period) {
  period priced total running startedAt finishedAt } }`;

const batches = createBatchHold();

let platform: Started;
let finance: string;

beforeAll(async () => {
  platform = await startTestPlatform({
    demo: true,
    onBatchProgress: batches.onBatchProgress,
  });
  // A second contract billing in March beside the demo's c-mistral.
  await workedContract(await createApi(platform), { tenantId: 'acme', contractId: 'c-acme' });
  finance = await platform.token('FINANCE');
}, 60_000);
afterAll(() => platform?.close());

const progressOf = async (token: string, period: string) => {
  const answer = await platform.gql(token, PROGRESS, { period });
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data!.invoiceBatchProgress;
};

describe('invoiceBatchProgress', () => {
  it('shows a run of the batch mid-way, then at its total', async () => {
    expect(await progressOf(finance, '2026-03')).toBeNull();
    const held = batches.holdAt(1);

    const run = platform.gql(
      finance,
      'mutation { runInvoiceBatch(period: "2026-03") { id invoices { contract { id } } } }',
    );
    await held.reached;
    const midway = await progressOf(finance, '2026-03');
    expect(midway).toMatchObject({ period: '2026-03', priced: 1, total: 2, running: true });
    expect((midway as { finishedAt: unknown }).finishedAt).toBeNull();
    held.release();

    const ran = await run;
    expect(ran.body.errors).toBeUndefined();
    expect(ran.body.data).toEqual({
      runInvoiceBatch: {
        id: 'batch-2026-03',
        invoices: [{ contract: { id: 'c-acme' } }, { contract: { id: 'c-mistral' } }],
      },
    });
    const done = (await progressOf(finance, '2026-03')) as Record<string, unknown>;
    expect(done).toMatchObject({ priced: 2, total: 2, running: false });
    expect(Date.parse(done.finishedAt as string)).toBeGreaterThanOrEqual(
      Date.parse(done.startedAt as string),
    );
    expect(await progressOf(finance, '2026-04')).toBeNull();
  });

  it('is for staff: a tenant is refused, and a bad period is refused with what is accepted', async () => {
    const tenant = await platform.token('TENANT', { tenantId: 'mistral' });
    expect(outcome(await platform.gql(tenant, PROGRESS, { period: '2026-03' }))).toBe('FORBIDDEN');
    const bad = await platform.gql(finance, PROGRESS, { period: '2026-3' });
    expect(outcome(bad)).toBe('BAD_USER_INPUT');
    expect(bad.body.errors?.[0]?.message).toMatch(/YYYY-MM/);
  });
});
