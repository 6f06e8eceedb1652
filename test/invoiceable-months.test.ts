import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Started } from './support/platform.js';
import { createApi, workedContract, workedSite, type Api } from './support/worked-setting.js';

/**
 * Which months FINANCE may run and issue, through the gateway, on the platform's invoicing clock
 * (not today's date): a month runs once it has started in the operator's time zone (Europe/Paris)
 * and is issued once it has ended there.
 */
let now = '2026-04-30T21:59:59Z';
let platform: Started;
let api: Api;

beforeAll(async () => {
  platform = await startTestPlatform({ clock: () => now });
  api = await createApi(platform);
  await workedSite(api);
  await workedContract(api, { tenantId: 'mistral', contractId: 'c-mistral' });
});
afterAll(() => platform?.close());

const finance = async (query: string) => {
  const { status, body } = await platform.gql(api.tokens.finance, query);
  return { status, code: body.errors?.[0]?.extensions?.code, message: body.errors?.[0]?.message };
};

describe('invoice batches and the calendar of the operator', () => {
  it('refuses to run a month that has not started there, naming it and the current month', async () => {
    expect(await finance('mutation { runInvoiceBatch(period: "2026-05") { id } }')).toEqual({
      status: 200,
      code: 'BAD_USER_INPUT',
      message:
        'period: expected a month that has started in Europe/Paris (the current month there is 2026-04), got "2026-05"',
    });
  });

  it('runs the current month, but refuses to issue it before it has ended there', async () => {
    expect(
      (await finance('mutation { runInvoiceBatch(period: "2026-04") { id } }')).code,
    ).toBeUndefined();
    expect(await finance('mutation { issueInvoices(batchId: "batch-2026-04") { id } }')).toEqual({
      status: 200,
      code: 'BAD_USER_INPUT',
      message:
        'batchId: expected the batch of a month that has ended in Europe/Paris (the current month there is 2026-04; 2026-04 can be issued from 2026-04-30T22:00:00Z, its end), got "batch-2026-04"',
    });
  });

  it('at midnight in Paris (22:00 UTC) May runs and April is issued', async () => {
    now = '2026-04-30T22:00:00Z';
    expect(
      (await finance('mutation { runInvoiceBatch(period: "2026-05") { id } }')).code,
    ).toBeUndefined();
    const { body } = await platform.gql(
      api.tokens.finance,
      'mutation { issueInvoices(batchId: "batch-2026-04") { status invoices { number } } }',
    );
    expect(body.data).toEqual({
      issueInvoices: { status: 'ISSUED', invoices: [{ number: 'INV-2026-000001' }] },
    });
  });
});
