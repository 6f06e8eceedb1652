import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import {
  exampleOneMarch,
  openHarness,
  workedContract,
  workedSetting,
} from '../harness.test-support.js';
import { runTypeScriptChild } from '@cadran/domain/testing';
import { createInvoicesCommand } from './invoices-command.js';

const CLI = new URL('../invoices-cli.child.ts', import.meta.url);

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

async function cadran(...args: string[]) {
  const result = await runTypeScriptChild(CLI, ['invoices', ...args], {
    env: { ...process.env, CADRAN_DATA_DIR: dir },
  }).finished;
  return { code: result.code, stdout: result.stdout, stderr: result.stderr };
}

describe('cadran invoices (finance CLI) against a data dir', () => {
  // Eight CLI runs, each a fresh Node process compiling the CLI through tsx: slow on a loaded machine.
  it(
    'bills the worked examples month: run, issue, export, show',
    { timeout: 180_000 },
    async () => {
      const h = await openHarness();
      dir = h.dir;
      await workedSetting(h);
      await exampleOneMarch(h);
      await workedContract(h, 'c-partner', 'other', 'PARTNER');
      await h.close(true);

      const run = await cadran('run', '--period', '2026-03');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/batch-2026-03.*DRAFT.*2.*2742826\.88.*548565\.38.*3291392\.26/);

      const bad = await cadran('run', '--period', '2026-3');
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('error (BAD_USER_INPUT): period: expected a month as "YYYY-MM"');

      const issue = await cadran('issue', '--batch', 'batch-2026-03');
      expect(issue.code, issue.stderr).toBe(0);
      expect(issue.stdout).toContain(
        'issued 2 invoices of batch batch-2026-03: INV-2026-000001 to INV-2026-000002',
      );
      expect((await cadran('issue', '--batch', 'batch-2026-03')).stdout).toContain(
        'already issued',
      );

      const csv = await cadran('export', '--period', '2026-03', '--format', 'csv');
      const rows = csv.stdout.trim().split('\r\n');
      expect(rows[0]).toMatch(/^invoiceId,number,status,/);
      expect(rows.slice(1).filter((row) => row.includes('INV-2026-000001'))).toHaveLength(5);
      expect(rows.some((row) => row.includes('SLA_CREDIT') && row.includes('-235857.92'))).toBe(
        true,
      );
      const json = JSON.parse(
        (await cadran('export', '--period', '2026-03', '--format', 'json')).stdout,
      ) as {
        kind: string;
        amount: string;
      }[];
      expect(json.filter((row) => row.kind === 'ENERGY').map((row) => row.amount)).toEqual([
        '165600.00',
      ]);

      const show = await cadran('show', 'INV-2026-000001');
      expect(show.code, show.stderr).toBe(0);
      for (const mention of [
        'INV-2026-000001',
        'Cadran Compute SAS',
        'SIREN 912345678',
        'FR74912345678',
        'mistral SAS',
        'FR12345678901',
        '15 rue des Halles',
        'Service period:  2026-03 (01/03/2026 – 31/03/2026)',
        'Due date:',
        'Issue date:',
        'Net at VAT 20 %',
        '2742826.88 EUR',
        '548565.38 EUR',
        '3291392.26 EUR',
        'Pénalités de retard : 12.15 %',
        '40.00 €',
      ]) {
        expect(show.stdout).toContain(mention);
      }
      expect((await cadran('show', 'INV-2026-000002')).stdout).toContain(
        'TVA non applicable – art. 259-1 du CGI',
      );
      expect(await cadran('show', 'INV-2026-000099')).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('NOT_FOUND'),
      });

      const xmlFile = join(dir!, 'INV-2026-000001.xml');
      const document = await cadran(
        'document',
        'INV-2026-000001',
        '--format',
        'cii',
        '--out',
        xmlFile,
      );
      expect(document.code, document.stderr).toBe(0);
      const xml = readFileSync(xmlFile);
      const sha = createHash('sha256').update(xml).digest('hex');
      expect(document.stdout).toContain(`SHA-256 ${sha}`);
      expect(xml.toString()).toContain('<ram:ID>INV-2026-000001</ram:ID>');

      const zipFile = join(dir!, 'batch.zip');
      const zip = await cadran('documents', '--batch', 'batch-2026-03', '--out', zipFile);
      expect(zip.code, zip.stderr).toBe(0);
      const entries = unzipSync(readFileSync(zipFile));
      expect(Object.keys(entries)).toEqual([
        'INV-2026-000001.pdf',
        'INV-2026-000001.xml',
        'INV-2026-000002.pdf',
        'INV-2026-000002.xml',
      ]);
      expect(Buffer.from(entries['INV-2026-000001.xml']!).equals(xml)).toBe(true);
    },
  );
});

describe('cadran invoices show: what parties typed, printed visibly', () => {
  it(
    'escapes ESC and U+202E frozen into an issued invoice from before the control-character check; refuses a month not started',
    { timeout: 120_000 },
    async () => {
      const h = await openHarness();
      dir = h.dir;
      await workedSetting(h);
      await exampleOneMarch(h);
      // Written straight to the log, as the API no longer accepts it: a name and an address
      // that would clear the terminal and reverse the text after them.
      await h.append('tenant-mistral', [
        {
          type: 'TenantOnboarded',
          data: {
            tenantId: 'mistral',
            name: 'mistral\u001b[2J SAS\u202egnp.exe',
            countryCode: 'FR',
            vatId: 'FR12345678901',
            address: '15 rue des Halles\u0007, 75001 Paris',
            partnerId: 'fluidstack',
          },
        },
      ]);
      await h.service.runInvoiceBatch('2026-03');
      await h.service.issueInvoices('batch-2026-03');
      await h.close(true);

      const show = await cadran('show', 'INV-2026-000001');
      expect(show.code, show.stderr).toBe(0);
      expect(show.stdout).toContain('mistral<U+001B>[2J SAS<U+202E>gnp.exe');
      expect(show.stdout).toContain('15 rue des Halles<U+0007>, 75001 Paris');
      for (const raw of ['\u001b', '\u202e', '\u0007']) expect(show.stdout).not.toContain(raw);

      // The last month the API takes has not started, whatever today is.
      const future = '2999-12';
      const run = await cadran('run', '--period', future);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        new RegExp(
          `^error \\(BAD_USER_INPUT\\): period: expected a month that has started in Europe/Paris \\(the current month there is \\d{4}-\\d{2}\\), got "${future}"\\n$`,
        ),
      );
    },
  );
});

describe('cadran invoices run: progress on stderr', () => {
  /** `invoices run` in this process over the service of a harness, stderr kept. */
  const runWith = async (progressEveryMs: number) => {
    const h = await openHarness();
    dir = h.dir;
    await workedSetting(h);
    await workedContract(h, 'c-two', 'tenant-two');
    const stderr: string[] = [];
    let stdout = '';
    const command = createInvoicesCommand({
      open: async () => ({ service: h.service, close: async () => undefined }),
      stdout: (text) => (stdout += text),
      stderr: (text) => stderr.push(text),
      stderrIsTTY: false,
      progressEveryMs,
    });
    await command.parseAsync(['run', '--period', '2026-03'], { from: 'user' });
    await h.close(true);
    expect(stdout).toMatch(/batch-2026-03.*DRAFT.*2/);
    return stderr;
  };

  it('off a terminal, writes a line at most every interval, and the total at the end', async () => {
    expect(await runWith(0)).toEqual([
      'pricing: 0 of 2 contracts\n',
      'pricing: 1 of 2 contracts\n',
      'pricing: 2 of 2 contracts\n',
    ]);
  });

  it('a run shorter than the interval writes nothing', async () => {
    expect(await runWith(3_600_000)).toEqual([]);
  });
});
