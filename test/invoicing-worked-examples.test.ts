import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome, startTestPlatform, type Started } from './support/platform.js';
import {
  INVOICE_FIELDS,
  createApi,
  hourlyUsage,
  lineSummary,
  reserve,
  workedContract,
  workedMarch,
  type Api,
  type InvoiceResult,
} from './support/worked-setting.js';

/**
 * design/worked-examples.md end to end through the started platform: the setting built with
 * GraphQL mutations and NDJSON ingestion, then runInvoiceBatch / issueInvoices / invoice queries.
 * One platform, the examples in order (each tenant has its own contract at bru-1):
 * - mistral / c-mistral, billed to the tenant: Example 1 (March), Example 4 (April), Example 3 (October);
 * - mistral-eu / c-mistral-partner, billed to fluidstack: Example 2 (March);
 * - tiny / c-tiny: Example 5 (May); late / c-late: late usage for an issued March.
 */
let platform: Started;
let api: Api;
const batches: Record<string, InvoiceResult[]> = {};

const runBatch = async (period: string) => {
  const data = await api.call(
    api.tokens.finance,
    `mutation { runInvoiceBatch(period: "${period}") { id period status subtotal taxAmount total invoices { ${INVOICE_FIELDS} } } }`,
  );
  const batch = data.runInvoiceBatch as { id: string; invoices: InvoiceResult[] };
  batches[period] = batch.invoices;
  return batch;
};
const invoiceOf = (period: string, contractId: string) => {
  const found = batches[period]?.find((invoice) => invoice.contract.id === contractId);
  if (!found) throw new Error(`no ${period} invoice for ${contractId}`);
  return found;
};

beforeAll(async () => {
  platform = await startTestPlatform();
  api = await createApi(platform);
  await workedMarch(api);
  await workedContract(api, { tenantId: 'late', contractId: 'c-late' });
  await api.ingest(
    'usage',
    hourlyUsage('u-late', 'late', 'GB300', 4, '25', '2026-03-05T00:00:00Z'),
  );
});
afterAll(() => platform?.close());

describe('worked examples through the GraphQL API of the started platform', () => {
  it('Example 1: March 2026 (743 h) billed to the French tenant', async () => {
    const batch = await runBatch('2026-03');
    expect(batch).toMatchObject({ id: 'batch-2026-03', period: '2026-03', status: 'DRAFT' });
    const invoice = invoiceOf('2026-03', 'c-mistral');
    expect(lineSummary(invoice.lines)).toEqual([
      'RESERVED_CAPACITY GB300 760832 3.10 2358579.20',
      'ON_DEMAND_USAGE GB300 39168 4.20 164505.60',
      'POWER_COMMITMENT  2000 145.00 290000.00',
      'ENERGY  1440000 0.115 165600.00',
      // 10 % of the reserved fee: availability 99.6635 % (2560 GPU-hours lost of 760832).
      'SLA_CREDIT GB300 2358579.2 -0.10 -235857.92',
    ]);
    expect(invoice).toMatchObject({
      status: 'DRAFT',
      number: null,
      billTo: { name: 'mistral SAS', countryCode: 'FR', vatId: 'FR12345678901' },
      subtotal: '2742826.88',
      taxRatePercent: '20',
      taxAmount: '548565.38',
      total: '3291392.26',
      taxNote: null,
    });
    // The preview prices the same figures without saving anything.
    const preview = await api.call(
      api.tokens.finance,
      '{ invoicePreview(contractId: "c-mistral", period: "2026-03") { status subtotal taxAmount total lines { amount } } }',
    );
    expect(preview.invoicePreview).toEqual({
      status: 'DRAFT',
      subtotal: '2742826.88',
      taxAmount: '548565.38',
      total: '3291392.26',
      lines: invoice.lines.map((line) => ({ amount: line.amount })),
    });
  });

  it('Example 1: the records behind the on-demand line page through Invoice.lineRecords', async () => {
    const invoice = invoiceOf('2026-03', 'c-mistral');
    const line = invoice.lines.find((l) => l.kind === 'ON_DEMAND_USAGE')!;
    expect(line.sources.recordCount).toBe(100);
    expect(line.sources.recordDigest).toMatch(/^[0-9a-f]{64}$/);
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const data = await api.call(
        api.tokens.finance,
        'query($id: ID!, $line: Int!, $after: String) { invoice(id: $id) { lineRecords(lineIndex: $line, after: $after, first: 40) { records { id gpuModel quantity startedAt } nextCursor } } }',
        { id: invoice.id, line: line.index, after },
      );
      const got = (
        data.invoice as {
          lineRecords: { records: { id: string; quantity: string }[]; nextCursor: string | null };
        }
      ).lineRecords;
      ids.push(...got.records.map((r) => r.id));
      expect(got.records.every((r) => r.quantity === '8000')).toBe(true);
      after = got.nextCursor;
      if (after === null) break;
    }
    expect(ids).toEqual(
      Array.from({ length: 100 }, (_, i) => `u-mistral-${String(i).padStart(5, '0')}`),
    );
    // A literal `first` counts in the query cost (graphql-armor); a variable is bounded by the resolver.
    const whole = await api.call(
      api.tokens.finance,
      'query($id: ID!, $line: Int!, $first: Int) { invoice(id: $id) { lineRecords(lineIndex: $line, first: $first) { records { id } nextCursor } } }',
      { id: invoice.id, line: line.index, first: 1000 },
    );
    expect(whole.invoice).toMatchObject({
      lineRecords: { records: expect.arrayContaining([{ id: ids[99] }]), nextCursor: null },
    });
    const bad = await platform.gql(
      api.tokens.finance,
      `{ invoice(id: "${invoice.id}") { lineRecords(lineIndex: 0, first: 0) { nextCursor } } }`,
    );
    expect(outcome(bad)).toBe('BAD_USER_INPUT');
    expect(bad.body.errors?.[0]?.message).toMatch(/first: expected an integer from 1 to 1000/);
  });

  it('Example 2: the same month billed to the partner: VAT 0.00, art. 259-1 mention', () => {
    const invoice = invoiceOf('2026-03', 'c-mistral-partner');
    expect(invoice).toMatchObject({
      billTo: { name: 'Fluidstack Ltd', countryCode: 'GB', vatId: 'GB123456789' },
      subtotal: '2742826.88',
      taxAmount: '0.00',
      total: '2742826.88',
      taxNote: 'TVA non applicable – art. 259-1 du CGI',
    });
  });

  it('Example 4: 256 H200 in April (720 h), 32 down for 10 hours: -40550.40', async () => {
    await reserve(api, 'r-apr', 'c-mistral', 'H200', 256, {
      startsAt: '2026-03-31T22:00:00Z',
      endsAt: '2026-04-30T22:00:00Z',
    });
    await api.call(
      api.tokens.admin,
      'mutation($i: OpenIncidentInput!) { openIncident(input: $i) { id } }',
      {
        i: {
          id: 'inc-apr',
          siteId: 'bru-1',
          scope: 'GPUS',
          startedAt: '2026-04-14T06:00:00Z',
          description: 'PDU failure in row 12',
          impacts: [{ contractId: 'c-mistral', gpuModel: 'H200', gpuCount: 32 }],
        },
      },
    );
    await api.call(
      api.tokens.admin,
      'mutation { resolveIncident(id: "inc-apr", resolvedAt: "2026-04-14T16:00:00Z") { id } }',
    );
    await runBatch('2026-04');
    const invoice = invoiceOf('2026-04', 'c-mistral');
    expect(lineSummary(invoice.lines)).toEqual([
      'RESERVED_CAPACITY H200 184320 2.20 405504.00',
      expect.stringMatching(/^SLA_CREDIT H200 .* -40550\.40$/),
    ]);
    expect(invoice.lines[1]!.sources.eventIds.length).toBeGreaterThan(0);
  });

  it('Example 3: 256 H200 for October 2026 (745 h): 190720 GPU-hours, 419584.00', async () => {
    await reserve(api, 'r-oct', 'c-mistral', 'H200', 256, {
      startsAt: '2026-09-30T22:00:00Z',
      endsAt: '2026-10-31T23:00:00Z',
    });
    await runBatch('2026-10');
    const invoice = invoiceOf('2026-10', 'c-mistral');
    expect(lineSummary(invoice.lines)).toEqual(['RESERVED_CAPACITY H200 190720 2.20 419584.00']);
    expect(invoice.subtotal).toBe('419584.00');
  });

  it('Example 5: VAT rounded on the subtotal: 2.46 gives 0.49, total 2.95', async () => {
    await workedContract(api, {
      tenantId: 'tiny',
      contractId: 'c-tiny',
      rateCard: {
        gpuRates: [
          { gpuModel: 'GB300', reservedPricePerGpuHour: '1.00', onDemandPricePerGpuHour: '1.23' },
          { gpuModel: 'H200', reservedPricePerGpuHour: '1.00', onDemandPricePerGpuHour: '1.23' },
        ],
        powerPricePerKwMonth: '145',
      },
    });
    await api.ingest('usage', [
      ...hourlyUsage('u-tiny-gb300', 'tiny', 'GB300', 1, '1', '2026-05-04T10:00:00Z'),
      ...hourlyUsage('u-tiny-h200', 'tiny', 'H200', 1, '1', '2026-05-04T10:00:00Z'),
    ]);
    await runBatch('2026-05');
    const invoice = invoiceOf('2026-05', 'c-tiny');
    expect(invoice.lines.map((l) => l.amount)).toEqual(['1.23', '1.23']);
    expect(invoice).toMatchObject({
      subtotal: '2.46',
      taxRatePercent: '20',
      taxAmount: '0.49',
      total: '2.95',
    });
  });

  it('issueInvoices numbers the March drafts and freezes them; again is a no-op', async () => {
    const issued = await api.call(
      api.tokens.finance,
      'mutation { issueInvoices(batchId: "batch-2026-03") { id status invoices { number status contract { id } issuedAt dueAt total } } }',
    );
    const batch = issued.issueInvoices as {
      status: string;
      invoices: {
        number: string;
        status: string;
        contract: { id: string };
        issuedAt: string;
        dueAt: string;
        total: string;
      }[];
    };
    expect(batch.status).toBe('ISSUED');
    expect(batch.invoices.map((i) => [i.contract.id, i.number, i.total])).toEqual([
      ['c-late', 'INV-2026-000001', '504.00'],
      ['c-mistral', 'INV-2026-000002', '3291392.26'],
      ['c-mistral-partner', 'INV-2026-000003', '2742826.88'],
    ]);
    const days = (i: { issuedAt: string; dueAt: string }) =>
      (Date.parse(i.dueAt) - Date.parse(i.issuedAt)) / 86_400_000;
    expect(batch.invoices.map(days)).toEqual([30, 30, 30]);

    const again = await platform.gql(
      api.tokens.finance,
      'mutation { issueInvoices(batchId: "batch-2026-03") { invoices { number } } }',
    );
    expect(outcome(again)).toBe('OK');
    expect(again.body.extensions?.position).toBeUndefined();
    const read = await api.call(
      api.tokens.finance,
      '{ invoices(period: "2026-03", status: ISSUED) { number } }',
    );
    expect(read.invoices).toEqual([
      { number: 'INV-2026-000001' },
      { number: 'INV-2026-000002' },
      { number: 'INV-2026-000003' },
    ]);
  });

  it('late data: usage for the issued March lands as an ADJUSTMENT naming 2026-03 on the April invoice', async () => {
    const before = await api.call(
      api.tokens.finance,
      '{ invoice(id: "INV-2026-000001") { total lines { kind quantity amount } } }',
    );
    expect(before.invoice).toEqual({
      total: '504.00',
      lines: [{ kind: 'ON_DEMAND_USAGE', quantity: '100', amount: '420.00' }],
    });
    await api.ingest(
      'usage',
      hourlyUsage('u-late-again', 'late', 'GB300', 1, '10', '2026-03-20T00:00:00Z'),
    );
    await runBatch('2026-04');
    const april = invoiceOf('2026-04', 'c-late');
    expect(april.lines).toEqual([
      expect.objectContaining({ kind: 'ADJUSTMENT', correctsPeriod: '2026-03', amount: '42.00' }),
    ]);
    expect(april.lines[0]!.description).toContain('2026-03');
    expect(april).toMatchObject({ subtotal: '42.00', taxAmount: '8.40', total: '50.40' });
    // The issued March invoice is untouched.
    const after = await api.call(
      api.tokens.finance,
      '{ invoice(id: "INV-2026-000001") { total lines { kind quantity amount } } }',
    );
    expect(after).toEqual(before);
    // Behind the ADJUSTMENT: every record of March as re-priced, the late one included.
    expect(april.lines[0]!.sources.recordCount).toBe(5);
    const records = await api.call(
      api.tokens.finance,
      'query($id: ID!) { invoice(id: $id) { lineRecords(lineIndex: 0) { records { id quantity } nextCursor } } }',
      { id: april.id },
    );
    expect(records.invoice).toEqual({
      lineRecords: {
        records: [0, 1, 2, 3]
          .map((i) => ({ id: `u-late-0000${i}`, quantity: '25' }))
          .concat([{ id: 'u-late-again-00000', quantity: '10' }]),
        nextCursor: null,
      },
    });
  });

  it('credit notes: never more than what remains, refused with a clear error', async () => {
    const first = await api.call(
      api.tokens.finance,
      'mutation { issueCreditNote(input: { id: "cn-goodwill", invoiceId: "INV-2026-000002", reason: "goodwill", amount: "1000.00" }) { id number subtotal taxAmount total invoice { number } } }',
    );
    expect(first.issueCreditNote).toEqual({
      id: 'cn-goodwill',
      number: 'CN-2026-000001',
      subtotal: '1000.00',
      taxAmount: '200.00',
      total: '1200.00',
      invoice: { number: 'INV-2026-000002' },
    });
    const tooMuch = await platform.gql(
      api.tokens.finance,
      'mutation { issueCreditNote(input: { invoiceId: "INV-2026-000002", reason: "too much", amount: "2741826.89" }) { id } }',
    );
    expect(outcome(tooMuch)).toBe('BAD_USER_INPUT');
    expect(tooMuch.body.errors?.[0]?.message).toMatch(
      /more than what remains of the invoice: at most 2741826\.88 net/,
    );
    expect(tooMuch.body.data).toBeNull();

    const rest = await api.call(
      api.tokens.finance,
      'mutation { issueCreditNote(input: { invoiceId: "INV-2026-000002", reason: "contract ended" }) { number subtotal taxAmount total } }',
    );
    expect(rest.issueCreditNote).toEqual({
      number: 'CN-2026-000002',
      subtotal: '2741826.88',
      taxAmount: '548365.38',
      total: '3290192.26',
    });
    const nothingLeft = await platform.gql(
      api.tokens.finance,
      'mutation { issueCreditNote(input: { invoiceId: "INV-2026-000002", reason: "again" }) { id } }',
    );
    expect(outcome(nothingLeft)).toBe('BAD_USER_INPUT');
    expect(nothingLeft.body.errors?.[0]?.message).toMatch(/INV-2026-000002/);

    const invoice = await api.call(
      api.tokens.finance,
      '{ invoice(id: "INV-2026-000002") { total creditNotes { number total invoice { number } } } }',
    );
    expect(invoice.invoice).toEqual({
      total: '3291392.26',
      creditNotes: [
        { number: 'CN-2026-000001', total: '1200.00', invoice: { number: 'INV-2026-000002' } },
        { number: 'CN-2026-000002', total: '3290192.26', invoice: { number: 'INV-2026-000002' } },
      ],
    });
  });

  it("scoping: a tenant reads its own issued invoices only; another tenant's answers as missing", async () => {
    const mistral = await platform.token('TENANT', { tenantId: 'mistral' });
    const own = await platform.gql(
      mistral,
      '{ invoices { number contract { id } } mine: invoice(id: "INV-2026-000002") { number } theirs: invoice(id: "INV-2026-000003") { number } }',
    );
    expect(own.body).toEqual({
      data: {
        invoices: [{ number: 'INV-2026-000002', contract: { id: 'c-mistral' } }],
        mine: { number: 'INV-2026-000002' },
        theirs: null,
      },
    });
    const drafts = await platform.gql(
      mistral,
      '{ invoices(status: DRAFT) { id } other: invoices(tenantId: "mistral-eu") { id } }',
    );
    expect(drafts.body).toEqual({ data: { invoices: [], other: [] } });
    const partner = await platform.token('PARTNER', { partnerId: 'fluidstack' });
    const ofPartner = await platform.gql(partner, '{ invoices(period: "2026-03") { number } }');
    expect(ofPartner.body.data?.invoices).toEqual([
      { number: 'INV-2026-000001' },
      { number: 'INV-2026-000002' },
      { number: 'INV-2026-000003' },
    ]);
  });
});
