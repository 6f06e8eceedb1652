import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Started } from './support/platform.js';
import { INVOICE_FIELDS, lineSummary, type InvoiceResult } from './support/worked-setting.js';

/** `pnpm start --demo` leaves a newcomer able to bill March 2026 and find Example 1's figures. */
let platform: Started;
let finance: string;

beforeAll(async () => {
  platform = await startTestPlatform({ demo: true });
  finance = await platform.token('FINANCE');
});
afterAll(() => platform?.close());

const read = async (query: string) => {
  const result = await platform.gql(finance, query);
  expect(result.body.errors).toBeUndefined();
  return result.body.data!;
};

const EXAMPLE_ONE = [
  'RESERVED_CAPACITY GB300 760832 3.10 2358579.20',
  'ON_DEMAND_USAGE GB300 39168 4.20 164505.60',
  'POWER_COMMITMENT  2000 145.00 290000.00',
  'ENERGY  1440000 0.115 165600.00',
  'SLA_CREDIT GB300 2358579.2 -0.10 -235857.92',
];

describe('the demo is the setting of worked example 1', () => {
  it('holds 1024 GB300 reserved and 2000 kW for March, 800000 GPU-hours and the 2.5 h site-wide incident', async () => {
    const data = await read(`{
      contract(id: "c-mistral") {
        billTo paymentTermsDays billingTimeZone startsAt endsAt
        rateCard(at: "2026-03-15T00:00:00Z") { powerPricePerKwMonth energyPricePerKwh pue gpuRates { gpuModel reservedPricePerGpuHour onDemandPricePerGpuHour } }
        reservations { gpuModel gpuCount startsAt endsAt cancelled }
        powerCommitments { kw startsAt endsAt }
      }
      usage(tenantId: "mistral", from: "2026-02-28T23:00:00Z", to: "2026-03-31T22:00:00Z", granularity: MONTH, timeZone: "Europe/Paris") { byModel { gpuModel gpuHours } }
      incidents(siteId: "bru-1") { scope startedAt resolvedAt impacts { gpuCount } }
      tenant(id: "mistral") { countryCode vatId partner { id countryCode vatId } }
    }`);
    const march = { startsAt: '2026-02-28T23:00:00Z', endsAt: '2026-03-31T22:00:00Z' };
    expect(data.contract).toMatchObject({
      billTo: 'TENANT',
      paymentTermsDays: 30,
      billingTimeZone: 'Europe/Paris',
      startsAt: '2025-12-31T23:00:00Z',
      endsAt: null,
      reservations: [{ gpuModel: 'GB300', gpuCount: 1024, ...march, cancelled: false }],
      powerCommitments: [{ kw: '2000', ...march }],
    });
    const card = (data.contract as { rateCard: Record<string, unknown> }).rateCard;
    expect(card.gpuRates).toEqual([
      {
        gpuModel: 'GB300',
        reservedPricePerGpuHour: expect.stringMatching(/^3\.10?$/),
        onDemandPricePerGpuHour: expect.stringMatching(/^4\.20?$/),
      },
      {
        gpuModel: 'H200',
        reservedPricePerGpuHour: expect.stringMatching(/^2\.20?$/),
        onDemandPricePerGpuHour: expect.stringMatching(/^3(\.00?)?$/),
      },
    ]);
    expect(data.usage).toEqual({
      byModel: [{ gpuModel: 'GB300', gpuHours: expect.stringMatching(/^800000(\.0+)?$/) }],
    });
    expect(data.incidents).toEqual([
      {
        scope: 'SITE',
        startedAt: '2026-03-10T08:00:00Z',
        resolvedAt: '2026-03-10T10:30:00Z',
        impacts: [],
      },
    ]);
    expect(data.tenant).toEqual({
      countryCode: 'FR',
      vatId: 'FR12345678901',
      partner: { id: 'fluidstack', countryCode: 'GB', vatId: 'GB123456789' },
    });
  });

  it('previews c-mistral for 2026-03 with Example 1 exactly: total 3291392.26', async () => {
    const data = await read(
      `{ invoicePreview(contractId: "c-mistral", period: "2026-03") { ${INVOICE_FIELDS} } }`,
    );
    const preview = data.invoicePreview as InvoiceResult;
    expect(lineSummary(preview.lines)).toEqual(EXAMPLE_ONE);
    expect(preview).toMatchObject({
      subtotal: '2742826.88',
      taxAmount: '548565.38',
      total: '3291392.26',
      number: null,
    });
  });

  it('runs and issues the March batch: one invoice of 3291392.26', async () => {
    const run = await read(
      'mutation { runInvoiceBatch(period: "2026-03") { id total invoices { lines { amount } } } }',
    );
    expect(run).toEqual({
      runInvoiceBatch: {
        id: 'batch-2026-03',
        total: '3291392.26',
        invoices: [{ lines: EXAMPLE_ONE.map((line) => ({ amount: line.split(' ').at(-1) })) }],
      },
    });
    const issued = await read(
      'mutation { issueInvoices(batchId: "batch-2026-03") { status invoices { number total billTo { name address } } } }',
    );
    expect(issued).toEqual({
      issueInvoices: {
        status: 'ISSUED',
        invoices: [
          {
            number: 'INV-2026-000001',
            total: '3291392.26',
            billTo: { name: 'Mistral AI', address: '15 rue des Halles, 75001 Paris, France' },
          },
        ],
      },
    });
  });
});
