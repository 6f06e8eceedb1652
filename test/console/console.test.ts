import { readFileSync } from 'node:fs';
import { consoleLink } from '@cadran/console';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchHold } from '../support/batch-hold.js';
import { launchBrowser, type Browser } from '../support/browser.js';
import { ensureConsoleBuilt } from '../support/console-build.js';
import { startTestPlatform, type Started } from '../support/platform.js';

// The web console in headless Chromium against the real platform on the demo data (March 2026
// at bru-1 for mistral). The steps build on each other: one platform, one browser, in order.
let platform: Started;
let browser: Browser;
const batches = createBatchHold();

beforeAll(async () => {
  await ensureConsoleBuilt();
  platform = await startTestPlatform({ demo: true, onBatchProgress: batches.onBatchProgress });
  // A second tenant, at the demo's partner, that mistral must never see.
  const admin = await platform.token('ADMIN');
  const onboarded = await platform.gql(
    admin,
    'mutation { onboardTenant(input: { id: "kyutai", name: "Kyutai Labs", countryCode: "FR", partnerId: "fluidstack" }) { id } }',
  );
  expect(onboarded.body.errors).toBeUndefined();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

const linkFor = (options: { role: string; tenant?: string; partner?: string }) =>
  consoleLink(options, platform.dataDir, { CADRAN_CONSOLE_URL: platform.url });

const signInWithToken = async (page: Page, token: string) => {
  await page.goto(platform.url);
  await page.getByLabel('Bearer token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
};

describe('the web console', () => {
  it('is served at / beside /graphql, with a one-time sign-in link', async () => {
    const signIn = await browser.page();
    const scripts = new Map<string, number>();
    signIn.on('response', (response: Response) => {
      if (response.url().endsWith('.js'))
        void response.body().then((body) => scripts.set(response.url(), body.length));
    });
    await signIn.goto(platform.url);
    await expect.poll(() => signIn.getByLabel('Bearer token').isVisible()).toBe(true);
    await signIn.waitForLoadState('networkidle');
    // The pages are chunks of their own: signing in loads neither them nor the charts.
    expect([...scripts.keys()].filter((url) => /Page-|Chart-/.test(url))).toEqual([]);
    const loaded = [...scripts.values()].reduce((sum, size) => sum + size, 0);
    expect(loaded).toBeGreaterThan(0);
    expect(loaded).toBeLessThan(400_000);
    await browser.screenshot(signIn, 'sign-in');

    const link = await linkFor({ role: 'ACCOUNT_MANAGER' });
    expect(link).toMatch(new RegExp(`^${platform.url}/#link=[A-Za-z0-9_-]{43}$`));
    const page = await browser.page();
    await page.goto(link);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Sites & capacity' }).isVisible())
      .toBe(true);
    expect(page.url()).not.toContain('#link');
    await expect.poll(() => page.locator('.recharts-surface').count()).toBeGreaterThan(1);
    await page.getByLabel('Year').fill('2026');
    await page.getByLabel(/^At /).fill('15/03/2026 12:00');
    await expect
      .poll(() => page.getByRole('row', { name: /GB300/ }).last().innerText())
      .toMatch(/13\s824\s+1\s024\s+12\s800/);
    await browser.screenshot(page, 'am-sites');

    const again = await browser.page();
    await again.goto(link);
    await expect.poll(() => again.getByRole('alert').innerText()).toContain('already used');
    await browser.screenshot(again, 'sign-in-link-used');
  });

  it('lets an account manager draft, sign and reserve, and shows the refusal of a reservation over capacity', async () => {
    const page = await browser.page();
    await page.goto(await linkFor({ role: 'ACCOUNT_MANAGER' }));
    await page.getByRole('link', { name: 'Contracts' }).click();
    await page.getByRole('link', { name: 'Draft a contract' }).click();
    await page.getByLabel('Contract id').fill('c-kyutai');
    await page.getByLabel('Tenant').selectOption('kyutai');
    await page.getByLabel(/^Starts/).fill('01/04/2026 00:00');
    await page.getByLabel('GPU model').first().fill('GB300');
    await page.getByLabel('Reserved € / GPU-hour').first().fill('3.05');
    await page.getByLabel('On-demand € / GPU-hour').first().fill('4.10');
    await page.getByLabel('Reserved € / GPU-hour').nth(1).fill('2.15');
    await page.getByLabel('On-demand € / GPU-hour').nth(1).fill('2.95');
    await page.getByLabel('Power € / kW-month').fill('140');
    await browser.screenshot(page, 'am-draft-contract');
    await page.getByRole('button', { name: 'Draft the contract' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: /Contract c-kyutai/ }).innerText())
      .toMatch(/draft/i);

    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: /Contract c-kyutai/ }).innerText())
      .toMatch(/signed/i);

    const reserve = page.getByRole('form', { name: 'Reserve capacity' });
    await reserve.getByLabel('GPUs').fill('512');
    await reserve.getByLabel(/^From/).fill('01/04/2026 00:00');
    await reserve.getByLabel(/^To/).fill('01/05/2026 00:00');
    await reserve.getByRole('button', { name: 'Reserve' }).click();
    await expect
      .poll(() => reserve.getByRole('status').innerText())
      .toContain('Reserved 512 × GB300');
    // Read fresh after the write: the reservation is in the contract's table.
    await expect.poll(() => page.getByRole('cell', { name: '512 × GB300' }).count()).toBe(1);

    await reserve.getByLabel('GPUs').fill('20000');
    await reserve.getByRole('button', { name: 'Reserve' }).click();
    const refusal = reserve.getByRole('alert');
    await expect.poll(() => refusal.innerText()).toMatch(/CONFLICT/);
    expect(await refusal.innerText()).toMatch(/13312 GB300 free .*20000 asked/);
    await browser.screenshot(page, 'am-contract-refused-reservation');

    // The history is the contract's own events, the amendment just sent among them.
    const amend = page.getByRole('form', { name: 'Amend the rate card' });
    await amend.getByLabel(/^Effective/).fill('01/05/2026 00:00');
    await amend.getByLabel('Power € / kW-month').fill('150');
    await amend.getByRole('button', { name: 'Amend' }).click();
    await expect.poll(() => amend.getByRole('status').innerText()).toContain('Amendment recorded');
    const history = page.getByRole('list', { name: 'Contract history' }).getByRole('listitem');
    await expect.poll(() => history.count()).toBe(3);
    const events = await history.allInnerTexts();
    expect(events[0]).toMatch(
      /Drafted from 01\/04\/2026 00:00.*GB300 3,05\s€ reserved.*ContractDrafted #0/s,
    );
    expect(events[1]).toMatch(/Signed.*ContractSigned #1/s);
    expect(events[2]).toMatch(
      /Rate card amended from 01\/05\/2026 00:00: .*power 150,00\s€ \/ kW-month.*ContractAmended #2 · by /s,
    );
    await history.nth(2).getByText('ContractAmended #2').click();
    await expect
      .poll(() => history.nth(2).getByText('rateCard.powerPricePerKwMonth').isVisible())
      .toBe(true);
    await browser.screenshot(page, 'am-contract-history');

    await page.getByRole('link', { name: 'Contracts' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'c-kyutai' }).count()).toBe(1);
    await browser.screenshot(page, 'am-contracts');
    await page.getByRole('link', { name: 'Partners & tenants' }).click();
    await expect.poll(() => page.getByRole('rowheader', { name: /Kyutai Labs/ }).count()).toBe(1);
    await browser.screenshot(page, 'am-partners-tenants');
    await page.getByRole('link', { name: 'SLA incidents' }).click();
    await expect
      .poll(() => page.getByRole('row', { name: /inc-bru-1-2026-03-10/ }).count())
      .toBe(1);
    await browser.screenshot(page, 'am-incidents');
  });

  it('lets finance run, review and issue March 2026, and shows the INV numbers', async () => {
    const page = await browser.page();
    await signInWithToken(page, await platform.token('FINANCE'));
    await expect
      .poll(() => page.getByRole('heading', { name: 'Invoicing batches' }).isVisible())
      .toBe(true);
    await page.getByLabel('Month').fill('2026-03');
    // The run is held once its contracts are counted: the page shows how far it has come.
    const held = batches.holdAt(0);
    await page.getByRole('button', { name: 'Run the batch' }).click();
    await held.reached;
    const bar = page.getByRole('progressbar', { name: 'Contracts of March 2026 priced' });
    await expect.poll(() => bar.getAttribute('aria-valuemax')).toBe('1');
    expect(await bar.getAttribute('aria-valuenow')).toBe('0');
    await expect
      .poll(() => page.getByRole('status').first().innerText())
      .toMatch(/Priced 0 of 1 contract of March 2026… \d+ s/);
    await browser.screenshot(page, 'finance-batch-progress');
    held.release();
    await expect
      .poll(() => page.getByRole('heading', { name: /Batch batch-2026-03/ }).innerText(), {
        timeout: 30_000,
      })
      .toMatch(/draft/i);
    const mistral = page.getByRole('row', { name: /c-mistral/ });
    expect(await mistral.innerText()).toMatch(/\d[\d\s ]*,\d\d\s€/);
    await mistral.getByRole('button', { name: 'Review lines' }).click();
    await page
      .getByRole('button', { name: /744 records|743 records/ })
      .first()
      .click();
    await expect.poll(() => page.getByText(/demo-(usage|energy)-/).count()).toBeGreaterThan(0);
    await browser.screenshot(page, 'finance-batch-review');

    await page.getByRole('button', { name: /^Issue 1 invoice/ }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.innerText()).toMatch(/1 invoice.*total of [\d\s ]+,\d\d\s€/s);
    await browser.screenshot(page, 'finance-issue-confirmation');
    await dialog.getByRole('button', { name: 'Issue 1 invoice' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Issued' }).innerText())
      .toMatch(/INV-2026-\d{6}/);
    await expect
      .poll(() => page.getByRole('link', { name: /INV-2026-\d{6}/ }).count())
      .toBeGreaterThan(0);
    await browser.screenshot(page, 'finance-batch-issued');

    await page
      .getByRole('link', { name: /INV-2026-\d{6}/ })
      .first()
      .click();
    await expect
      .poll(() => page.getByRole('heading', { name: /Invoice INV-2026-/ }).isVisible())
      .toBe(true);
    // The documents made at issue download with the session's token.
    const pdfButton = page.getByRole('button', { name: /^INV-2026-\d{6}\.pdf$/ });
    await expect.poll(() => pdfButton.count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), pdfButton.click()]);
    expect(download.suggestedFilename()).toMatch(/^INV-2026-\d{6}\.pdf$/);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await browser.screenshot(page, 'finance-invoice');
    await page.getByRole('link', { name: 'Invoices & credit notes' }).click();
    await expect.poll(() => page.getByRole('link', { name: /INV-2026-\d{6}/ }).count()).toBe(1);
    await browser.screenshot(page, 'finance-invoices');
  });

  it('lets finance allocate an unmatched payment, refusing in place what the payment does not hold', async () => {
    const finance = await platform.token('FINANCE');
    // A transfer whose remittance names no invoice and whose payer is not given: it waits unmatched.
    const recorded = await platform.gql(
      finance,
      'mutation { recordPayment(input: { amount: "1000000.00", valueDate: "2026-04-20", payerName: "MISTRAL AI SAS", bankReference: "bank-e2e-0420", remittance: "virement avril" }) { id state } }',
    );
    expect(recorded.body.errors).toBeUndefined();
    const page = await browser.page();
    await signInWithToken(page, finance);
    await page.getByRole('link', { name: 'Receivables' }).click();
    const asOf = page.getByLabel(/^As of/);
    await asOf.fill('31/12/2026');
    const mistral = page.getByRole('row', { name: /Mistral AI/ });
    await expect.poll(() => mistral.innerText()).toMatch(/3\s291\s392,26\s€/);
    // A date half typed is flagged, and the figures stay those of the last date typed in full.
    await expect.poll(() => page.getByText('At the end of 31/12/2026').count()).toBe(1);
    await asOf.fill('31/12/20');
    await expect.poll(() => asOf.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('At the end of 31/12/2026').count()).toBe(1);
    await asOf.fill('31/12/2026');
    await expect
      .poll(() => page.getByRole('row', { name: /bank-e2e-0420/ }).innerText())
      .toMatch(/20\/04\/2026.*MISTRAL AI SAS.*1\s000\s000,00\s€/s);
    const issued = await platform.gql(finance, '{ invoices(status: ISSUED) { number } }');
    const number = (issued.body.data as { invoices: { number: string }[] }).invoices[0]?.number;
    expect(number).toBeDefined();

    const allocate = page.getByRole('form', { name: 'Allocate a payment' });
    await allocate
      .getByLabel('Payment')
      .selectOption((recorded.body.data as { recordPayment: { id: string } }).recordPayment.id);
    await allocate.getByLabel('Invoice').fill(number ?? '');
    await allocate.getByLabel('Amount (€)').fill('1500000.00');
    await allocate.getByRole('button', { name: 'Allocate' }).click();
    const refusal = allocate.getByRole('alert');
    await expect.poll(() => refusal.innerText()).toMatch(/BAD_USER_INPUT/);
    expect(await refusal.innerText()).toMatch(/at most 1000000\.00, what payment .* still holds/);
    await browser.screenshot(page, 'finance-allocation-refused');

    await allocate.getByLabel('From').selectOption({ label: 'Mistral AI (tenant)' });
    await allocate.getByLabel('Amount (€)').fill('');
    await allocate.getByRole('button', { name: 'Allocate' }).click();
    await expect
      .poll(() => allocate.getByRole('status').innerText())
      .toMatch(
        new RegExp(
          `Mistral AI's \\(tenant mistral\\): 1\\s000\\s000,00\\s€ to ${number}; 0,00\\s€ left`,
        ),
      );
    // Read fresh after the write: the payment left the queue and Mistral owes a million less.
    await expect.poll(() => page.getByRole('row', { name: /bank-e2e-0420/ }).count()).toBe(0);
    await expect.poll(() => mistral.innerText()).toMatch(/2\s291\s392,26\s€/);
    await browser.screenshot(page, 'finance-receivables');
  });

  it('shows a tenant its chart and its invoice, and nothing of another tenant', async () => {
    const page = await browser.page();
    const answers: string[] = [];
    page.on('response', (response: Response) => {
      if (response.url().endsWith('/graphql'))
        void response.text().then(
          (text) => answers.push(text),
          () => undefined,
        );
    });
    await page.goto(await linkFor({ role: 'TENANT', tenant: 'mistral' }));
    await expect.poll(() => page.getByRole('heading', { name: 'Usage' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel('Month').inputValue()).toBe('2026-03');
    await expect.poll(() => page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(25);
    await expect.poll(() => page.getByRole('link', { name: /INV-2026-\d{6}/ }).count()).toBe(1);
    await expect.poll(() => page.getByText(/billed \(× PUE\) 1\s440\s000 kWh/).count()).toBe(1);
    await browser.screenshot(page, 'tenant-usage');

    await page.getByRole('link', { name: 'Invoices' }).click();
    await expect.poll(() => page.getByRole('link', { name: /INV-2026-\d{6}/ }).count()).toBe(1);
    await browser.screenshot(page, 'tenant-invoices');

    await page.goto(`${platform.url}/contracts/c-kyutai`);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Contract not found' }).isVisible())
      .toBe(true);
    await page.getByRole('link', { name: 'Contracts' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'c-mistral' }).count()).toBe(1);
    expect(await page.getByText('c-kyutai').count()).toBe(0);
    await page.waitForLoadState('networkidle');
    expect(answers.length).toBeGreaterThan(3);
    for (const answer of answers) expect(answer).not.toMatch(/kyutai/i);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('signed out');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it('can be used with the keyboard alone', async () => {
    const page = await browser.page();
    await page.goto(platform.url);
    await page.getByLabel('Bearer token').focus();
    await page.keyboard.insertText(await platform.token('PARTNER', { partnerId: 'fluidstack' }));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Usage' }).isVisible()).toBe(true);
    // Focus starts at the page's content; the navigation is just before it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    for (const name of ['Sign out', 'Invoices', 'Contracts']) {
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(name);
    }
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Contracts' }).isVisible())
      .toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The partner sees both tenants it brought, kyutai included, and nothing else.
    await expect.poll(() => page.getByRole('link', { name: /c-(mistral|kyutai)/ }).count()).toBe(2);
    await browser.screenshot(page, 'partner-contracts');
  });
});
