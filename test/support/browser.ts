/**
 * Real Chromium for page tests: Debian's /usr/bin/chromium through playwright-core, which never
 * downloads a browser. Each browser gets a fresh profile directory, removed on close, and flags
 * that keep it from reaching the (closed) internet on its own.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/** Where tests leave screenshots for people to look at; the folder is gitignored. */
export const ARTIFACTS_DIR = new URL('../../test-artifacts/', import.meta.url).pathname;

export interface OpenBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A headless Chromium with one page, set up with `options` (viewport, JavaScript, locale, …). */
export async function openBrowser(options: BrowserContextOptions = {}): Promise<OpenBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'achteraf-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      // Dutch, like most customers of Dutch shops; a test that wants another language says so.
      locale: 'nl-NL',
      ...options,
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as test-artifacts/<folder>/<name>.png and returns its path. */
export async function screenshot(page: Page, folder: string, name: string): Promise<string> {
  const dir = join(ARTIFACTS_DIR, folder);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
