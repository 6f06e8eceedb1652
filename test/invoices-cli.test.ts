import { DEMO_OPERATOR_ENV } from '@cadran/invoicing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTypeScriptChild } from '@cadran/domain/testing';
import { startTestPlatform, type Started } from './support/platform.js';
import { createApi, workedMarch, type Api } from './support/worked-setting.js';

const CLI = 'services/platform/src/cli.ts';

/**
 * The month of the worked examples billed from `pnpm cadran invoices …` (the platform's CLI, in
 * child processes) on the data directory of a platform that is running meanwhile.
 */
let platform: Started;
let api: Api;

const cadranWith = (env: Record<string, string>, ...args: string[]) =>
  runTypeScriptChild(CLI, ['invoices', ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CADRAN_DATA_DIR: platform.dataDir,
      ...env,
    },
  }).finished;

const cadran = (...args: string[]) => cadranWith(DEMO_OPERATOR_ENV, ...args);

/** dd/MM/yyyy in Paris, as the invoice prints dates. */
const parisDate = (instant: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(instant));

beforeAll(async () => {
  platform = await startTestPlatform();
  api = await createApi(platform);
  await workedMarch(api);
});
afterAll(() => platform?.close());

describe('cadran invoices: the month billed from the CLI while the platform runs', () => {
  // Ten CLI runs, each a fresh Node process compiling the CLI through tsx: slow on a loaded machine.
  it(
    'run, issue, export and show, then the API serves what the CLI issued',
    { timeout: 180_000 },
    async () => {
      const run = await cadran('run', '--period', '2026-03');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/batch-2026-03.*DRAFT.*2.*5485653\.76.*548565\.38.*6034219\.14/);

      const bad = await cadran('run', '--period', '2026-13');
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('error (BAD_USER_INPUT): period: expected a month as "YYYY-MM"');
      const badOperator = await cadranWith(
        { CADRAN_OPERATOR_SIREN: '12' },
        'show',
        'INV-2026-000001',
      );
      expect(badOperator).toMatchObject({
        code: 1,
        stderr:
          'error (BAD_USER_INPUT): CADRAN_OPERATOR_SIREN: expected a SIREN of 9 digits such as "912345678", got "12"\n',
      });
      const missing = await cadran('issue', '--batch', 'batch-2026-02');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(
        'error (NOT_FOUND): invoice batch batch-2026-02 does not exist',
      );

      const issue = await cadran('issue', '--batch', 'batch-2026-03');
      expect(issue.code, issue.stderr).toBe(0);
      expect(issue.stdout).toContain(
        'issued 2 invoices of batch batch-2026-03: INV-2026-000001 to INV-2026-000002',
      );
      const again = await cadran('issue', '--batch', 'batch-2026-03');
      expect(again.stdout).toContain(
        'batch batch-2026-03 is already issued (2 invoices): nothing issued again',
      );

      const csv = await cadran('export', '--period', '2026-03', '--format', 'csv');
      expect(csv.code, csv.stderr).toBe(0);
      const rows = csv.stdout.trim().split('\r\n');
      expect(rows[0]).toMatch(/^invoiceId,number,status,/);
      expect(rows).toHaveLength(1 + 10);
      expect(
        rows.filter((row) => row.includes('SLA_CREDIT') && row.includes('-235857.92')),
      ).toHaveLength(2);
      const json = JSON.parse(
        (await cadran('export', '--period', '2026-03', '--format', 'json')).stdout,
      ) as { number: string; kind: string; amount: string }[];
      expect(
        json
          .filter((row) => row.number === 'INV-2026-000001')
          .map((row) => `${row.kind} ${row.amount}`),
      ).toEqual([
        'RESERVED_CAPACITY 2358579.20',
        'ON_DEMAND_USAGE 164505.60',
        'POWER_COMMITMENT 290000.00',
        'ENERGY 165600.00',
        'SLA_CREDIT -235857.92',
      ]);

      // The running platform serves what the CLI issued (its invoices read model follows the file).
      let served: { number: string; issuedAt: string; dueAt: string; total: string } | null = null;
      for (let attempt = 0; attempt < 100 && served === null; attempt++) {
        const data = await api.call(
          api.tokens.finance,
          '{ invoice(id: "INV-2026-000001") { number issuedAt dueAt total } }',
        );
        served = data.invoice as typeof served;
        if (served === null) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(served).toMatchObject({ number: 'INV-2026-000001', total: '3291392.26' });

      const show = await cadran('show', 'INV-2026-000001');
      expect(show.code, show.stderr).toBe(0);
      const mentions = {
        'invoice number': 'INV-2026-000001',
        'operator name': 'Cadran Compute SAS',
        'operator address': '12 rue de la Boétie, 75008 Paris, France',
        'operator SIREN': 'SIREN 912345678',
        'operator VAT number': 'VAT FR74912345678',
        'billed party name': 'mistral SAS (FR)',
        'billed party address': '15 rue des Halles, 75001 Paris, France',
        'billed party VAT number': 'VAT FR12345678901',
        'issue date': `Issue date:      ${parisDate(served!.issuedAt)}`,
        'service period': 'Service period:  2026-03 (01/03/2026 – 31/03/2026)',
        'due date': `Due date:        ${parisDate(served!.dueAt)}`,
        'net at the VAT rate': 'Net at VAT 20 %',
        net: '2742826.88 EUR',
        VAT: '548565.38 EUR',
        total: '3291392.26 EUR',
        'late-payment penalty rate': 'Pénalités de retard : 12.15 %',
        'fixed recovery indemnity': 'Indemnité forfaitaire pour frais de recouvrement : 40.00 €',
      };
      for (const [mention, text] of Object.entries(mentions))
        expect(show.stdout, mention).toContain(text);

      const partner = await cadran('show', 'INV-2026-000002');
      for (const text of [
        'Fluidstack Ltd (GB)',
        '1 Canada Square, London E14 5AB, United Kingdom',
        'VAT GB123456789',
        '2742826.88 EUR',
        'TVA non applicable – art. 259-1 du CGI',
      ]) {
        expect(partner.stdout).toContain(text);
      }
      expect(await cadran('show', 'INV-2026-000099')).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('error (NOT_FOUND): no invoice INV-2026-000099'),
      });
    },
  );
});
