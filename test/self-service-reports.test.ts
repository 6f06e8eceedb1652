import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome, startTestPlatform, type Started } from './support/platform.js';

/** What a tenant reads of its own month on the demo setting (c-mistral, March 2026). */
let platform: Started;
let mistral: string;
let other: string;
type Line = { kind: string; gpuModel: string | null; quantity: string; amount: string };
let preview: { subtotal: string; lines: Line[] };

const cents = (value: string) => Math.round(Number(value) * 100);
const micro = (value: string) => Math.round(Number(value) * 1e6);

beforeAll(async () => {
  platform = await startTestPlatform({ demo: true });
  const admin = await platform.token('ADMIN');
  mistral = await platform.token('TENANT', { tenantId: 'mistral' });
  await platform.gql(
    admin,
    'mutation { onboardTenant(input: { id: "other", name: "Other Lab", countryCode: "DE" }) { id } }',
  );
  other = await platform.token('TENANT', { tenantId: 'other' });
  const finance = await platform.token('FINANCE');
  const answer = await platform.gql(
    finance,
    '{ invoicePreview(contractId: "c-mistral", period: "2026-03") { subtotal lines { kind gpuModel quantity amount } } }',
  );
  preview = answer.body.data!.invoicePreview as typeof preview;
}, 60_000);
afterAll(() => platform?.close());

describe('consumption per day', () => {
  it("adds up, over March, to the quantities of finance's preview", async () => {
    const answer = await platform.gql(
      mistral,
      '{ consumption(contractId: "c-mistral", from: "2026-03-01T00:00:00+01:00", to: "2026-04-01T00:00:00+02:00") { timeZone days { day start meteredKwh billedKwh committedKw } meteredKwh billedKwh models { gpuModel reservedGpuHours usedGpuHours } } }',
    );
    expect(outcome(answer)).toBe('OK');
    const report = answer.body.data!.consumption as {
      timeZone: string;
      days: { day: string; start: string; committedKw: string }[];
      billedKwh: string;
      models: { gpuModel: string; reservedGpuHours: string }[];
    };
    expect(report.timeZone).toBe('Europe/Paris');
    expect(report.days).toHaveLength(31);
    expect(report.days[0]).toMatchObject({ day: '2026-03-01', start: '2026-02-28T23:00:00Z' });
    // The day after the change to summer time starts at 22:00 UTC.
    expect(report.days[29]).toMatchObject({ day: '2026-03-30', start: '2026-03-29T22:00:00Z' });
    const energy = preview.lines.filter((line) => line.kind === 'ENERGY');
    expect(micro(report.billedKwh)).toBe(
      energy.reduce((sum, line) => sum + micro(line.quantity), 0),
    );
    for (const model of report.models) {
      const reserved = preview.lines.filter(
        (line) => line.kind === 'RESERVED_CAPACITY' && line.gpuModel === model.gpuModel,
      );
      expect(micro(model.reservedGpuHours)).toBe(
        reserved.reduce((sum, line) => sum + micro(line.quantity), 0),
      );
    }
  });

  it("answers another tenant's contract as missing, and refuses a window over a year", async () => {
    const foreign = await platform.gql(
      other,
      '{ consumption(contractId: "c-mistral", from: "2026-03-01T00:00:00Z", to: "2026-03-02T00:00:00Z") { timeZone } }',
    );
    expect(outcome(foreign)).toBe('NOT_FOUND');
    const long = await platform.gql(
      mistral,
      '{ consumption(contractId: "c-mistral", from: "2026-01-01T00:00:00Z", to: "2027-03-02T00:00:00Z") { timeZone } }',
    );
    expect(outcome(long)).toBe('BAD_USER_INPUT');
    expect(long.body.errors![0]!.message).toMatch(/at most 366 days/);
  });
});

describe('FOCUS export', () => {
  const download = (token: string, query: string) =>
    fetch(`${platform.url}/v1/usage/focus.csv?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it("gives one FOCUS row per line of the period's invoice, adding up to its subtotal", async () => {
    const response = await download(mistral, 'contractId=c-mistral&period=2026-03');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(preview.lines.length);
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining([
        'BilledCost',
        'ChargeCategory',
        'ChargePeriodStart',
        'ServiceCategory',
        'SubAccountId',
      ]),
    );
    expect(rows.reduce((sum, row) => sum + cents(row.BilledCost!), 0)).toBe(
      cents(preview.subtotal),
    );
    const reserved = rows.find((row) => row.x_CadranLineKind === 'RESERVED_CAPACITY')!;
    expect(reserved).toMatchObject({
      ChargeCategory: 'Purchase',
      BillingCurrency: 'EUR',
      SubAccountId: 'mistral',
    });
    const energy = rows.find((row) => row.x_CadranLineKind === 'ENERGY');
    if (energy)
      expect(energy).toMatchObject({ ChargeCategory: 'Usage', ConsumedUnit: expect.any(String) });
  });

  it("answers another tenant's contract as missing, a bad period with what is accepted, no token with 401", async () => {
    expect((await download(other, 'contractId=c-mistral&period=2026-03')).status).toBe(404);
    const bad = await download(mistral, 'contractId=c-mistral&period=2026-13');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/YYYY-MM/);
    expect(
      (await fetch(`${platform.url}/v1/usage/focus.csv?contractId=c-mistral&period=2026-03`))
        .status,
    ).toBe(401);
  });

  it('refuses with 401 a token for a tenant that does not exist, as GraphQL does', async () => {
    const ghost = await platform.token('TENANT', { tenantId: 'ghost' });
    const refused = await download(ghost, 'contractId=c-mistral&period=2026-03');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(await refused.json()).toEqual({
      error: {
        code: 'UNAUTHENTICATED',
        message: expect.stringMatching(/no tenant "ghost" exists/),
      },
    });
  });
});
