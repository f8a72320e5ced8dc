/**
 * Real Chromium for page tests, driven by playwright-core, which never downloads a browser. The
 * browser is, in this order: the executable named by CHROMIUM_PATH; a `chromium` on PATH (Debian's
 * /usr/bin/chromium, when the machine has one); else the Chromium that ships inside the npm package
 * @sparticuz/chromium (test/support/packaged-chromium.ts), so `npm test` needs nothing but Node and
 * npm. Each browser gets a fresh profile directory, removed on close, and flags that
 * keep it from reaching the (closed) internet on its own.
 */
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { type ChromiumBuild, packagedChromium } from './packaged-chromium.js';

export type { ChromiumBuild } from './packaged-chromium.js';
export { packagedChromium } from './packaged-chromium.js';

/** The Chromium page tests use, found as the header says. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumBuild> {
  if (env.CHROMIUM_PATH) return { kind: 'system', executablePath: env.CHROMIUM_PATH, env: {} };
  const onPath = findOnPath('chromium', env.PATH ?? '');
  if (onPath) return { kind: 'system', executablePath: onPath, env: {} };
  return packagedChromium();
}

function findOnPath(command: string, path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next folder
    }
  }
  return undefined;
}

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

/**
 * A headless Chromium with one page, set up with `options` (viewport, JavaScript, locale, …);
 * `build` picks another browser than the one `findChromium` finds.
 */
export async function openBrowser(options: BrowserContextOptions = {}, build?: ChromiumBuild): Promise<OpenBrowser> {
  const { executablePath, env } = build ?? (await findChromium());
  const profile = mkdtempSync(join(tmpdir(), 'achteraf-profile-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      env: { ...process.env, ...env },
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
