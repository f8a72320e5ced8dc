/**
 * How page tests find a browser on any machine with Node and npm (docs/architecture.md, testing):
 * CHROMIUM_PATH, else a `chromium` on PATH, else the Chromium packaged on npm, unpacked privately
 * per user and rendering with its own font.
 */
import assert from 'node:assert/strict';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { findChromium, openBrowser, packagedChromium } from './browser.js';

const packageRoot = join(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '..', '..');
const packagedVersion = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** Runs `body` with os.tmpdir() pointing at a new, empty folder, removed afterwards. */
async function inFreshTmpdir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'achteraf-tmpdir-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await body(dir);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the browser page tests use', () => {
  test('CHROMIUM_PATH comes first, then a chromium on PATH, then the Chromium packaged on npm', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'achteraf-path-'));
    try {
      const onPath = join(dir, 'chromium');
      writeFileSync(onPath, '#!/bin/sh\n', { mode: 0o755 });
      const notExecutable = mkdtempSync(join(tmpdir(), 'achteraf-path-'));
      writeFileSync(join(notExecutable, 'chromium'), '', { mode: 0o644 });

      assert.deepEqual(await findChromium({ CHROMIUM_PATH: '/opt/chrome/chrome', PATH: dir }), { kind: 'system', executablePath: '/opt/chrome/chrome', env: {} });
      assert.deepEqual(await findChromium({ PATH: `/no/such/folder:${notExecutable}:${dir}` }), { kind: 'system', executablePath: onPath, env: {} });
      rmSync(notExecutable, { recursive: true, force: true });

      const packaged = await findChromium({ PATH: '/no/such/folder' });
      assert.equal(packaged.kind, 'packaged');
      accessSync(packaged.executablePath, constants.X_OK);
      assert.deepEqual(Object.keys(packaged.env).sort(), ['FONTCONFIG_FILE', 'LD_LIBRARY_PATH']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the packaged Chromium renders text with a real font, whatever fonts the machine has', async () => {
    const browser = await openBrowser({}, await packagedChromium());
    try {
      // Without a font every glyph is the same empty box, so a narrow and a wide letter measure alike.
      await browser.page.setContent(
        '<p style="font: 20px sans-serif"><span id="narrow">iiiiiiiiii</span><br><span id="wide">WWWWWWWWWW</span><br><span id="euro">€ 104,85</span></p>',
      );
      const width = async (id: string) => (await browser.page.locator(`#${id}`).boundingBox())!.width;
      const [narrow, wide] = [await width('narrow'), await width('wide')];
      assert.ok(wide > narrow * 2.5, `"WWWWWWWWWW" is ${wide}px wide, "iiiiiiiiii" ${narrow}px`);
      assert.ok((await width('euro')) > 0);
    } finally {
      await browser.close();
    }
  });

  test('two first uses at once both get a complete browser, unpacked once into a private folder', async () => {
    await inFreshTmpdir(async (dir) => {
      const [first, second] = await Promise.all([packagedChromium(), packagedChromium()]);
      assert.equal(first.executablePath, second.executablePath);
      assert.deepEqual(readdirSync(dir), [`achteraf-chromium-${packagedVersion}-${process.getuid!()}`]);
      const browser = await openBrowser({}, first);
      try {
        await browser.page.setContent('<h1>Achteraf betalen</h1>');
        assert.equal(await browser.page.locator('h1').textContent(), 'Achteraf betalen');
      } finally {
        await browser.close();
      }
    });
  });

  test('an unpacked folder that other users could write to is refused, not run', async () => {
    await inFreshTmpdir(async (dir) => {
      const home = join(dir, `achteraf-chromium-${packagedVersion}-${process.getuid!()}`);
      mkdirSync(home);
      writeFileSync(join(home, 'unpacked'), '');
      chmodSync(home, 0o777);
      await assert.rejects(packagedChromium(), /is not a private directory of this user/);
    });
  });
});
