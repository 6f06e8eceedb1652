import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (.ci/run installs it when missing). */
export const CHROMIUM = '/usr/bin/chromium';

/** Screenshots of the console's pages, for a person to look at (gitignored). */
export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

export type Browser = {
  /** A fresh page at the given size (default a 1280 px laptop screen). */
  page(size?: { width: number; height: number }): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
};

/** Headless Chromium on a fresh profile directory, deleted on close. */
export const launchBrowser = async (): Promise<Browser> => {
  const profile = mkdtempSync(join(tmpdir(), 'cadran-chromium-'));
  const contexts: BrowserContext[] = [];
  mkdirSync(SCREENSHOTS, { recursive: true });
  const launch = (size: { width: number; height: number }) =>
    chromium.launchPersistentContext(join(profile, String(contexts.length)), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: size,
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--lang=fr-FR',
      ],
    });
  return {
    page: async (size = { width: 1280, height: 800 }) => {
      // One context per page: separate sessionStorage, as two people on two machines.
      const context = await launch(size);
      contexts.push(context);
      return context.pages()[0] ?? context.newPage();
    },
    screenshot: async (page, name) => {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    close: async () => {
      for (const context of contexts) await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};
