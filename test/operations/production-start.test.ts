/**
 * How the server is started outside development (docs/operations.md): `npm start` hands signals
 * to the server itself, and `npm run build` produces a dist/ that plain `node` runs.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { apiXml, checkFields } from '../support/legacy-client.js';
import { listeningUrl, ROOT, spawnServer } from '../support/server-process.js';

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function* files(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) yield* files(join(folder, entry.name));
    else yield join(folder, entry.name);
  }
}

describe('starting the server for real', { timeout: 300_000 }, () => {
  test('SIGTERM sent to npm start stops the server process itself, gracefully', async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const server = spawnServer({ command: npm, args: ['start', '--silent'] });
    try {
      await listeningUrl(server);
      const line = await server.line(/Achteraf listening on/);
      const pid = (JSON.parse(line) as { pid: number }).pid;
      assert.notEqual(pid, server.child.pid, 'the server runs as a process of its own beside npm');
      server.child.kill('SIGTERM');
      await server.exited;
      await server.line(/Achteraf stopped/);
      for (let tries = 0; running(pid) && tries < 100; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(running(pid), false, `the server process ${pid} outlived npm`);
    } finally {
      await server.stop();
    }
  });

  test('npm run build produces a dist/ that plain node starts, migrations and assets included', async () => {
    // A folder of its own, so the build never touches the working copy's dist/.
    const folder = mkdtempSync(join(tmpdir(), 'achteraf-build-'));
    try {
      cpSync(join(ROOT, 'package.json'), join(folder, 'package.json'));
      symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
      execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), join(folder, 'dist')], { stdio: 'pipe' });
      const built = [...files(join(folder, 'dist'))];
      assert.ok(!built.some((file) => file.endsWith('.ts')), 'no TypeScript in dist/');
      assert.ok(!built.some((file) => file.endsWith('.test.js')), 'no tests in dist/');
      assert.ok(existsSync(join(folder, 'dist/store/migrations/001-initial.sql')));
      assert.ok(existsSync(join(folder, 'dist/api/checkout/checkout.css')));
      assert.ok(existsSync(join(folder, 'dist/outbound/pdf-render-worker.js')), 'the PDF rendering thread is in the build');

      // The built pool renders on a thread of plain node, with no TypeScript runtime anywhere.
      const renderOnThread = `
        import { PdfRenderPool } from './dist/outbound/pdf-render-pool.js';
        const pool = new PdfRenderPool({ size: 1 });
        const customer = { type: 'P', firstName: 'Anna', lastName: 'de Vries', address: { houseNumber: '1', postalCode: '1017 GC', city: 'Amsterdam', countryCode: 'NL' } };
        const pdf = await pool.render({
          invoice: { invoiceNumber: '1TSTBUILT', merchantNumber: 'BUILT', customer, lines: [], total: 1000, paid: 0, credited: 0 },
          seller: { name: 'Winkel BV', address: [] }, language: 'en',
          platform: { name: 'Achteraf', accountHolder: 'Achteraf', iban: 'NL91ABNA0417164300' },
          issueDate: '2026-11-24', deliveryDate: '2026-11-24', dueDate: '2026-12-08', amountDue: 1000, costsDue: 0,
        });
        process.stdout.write(JSON.stringify({ head: pdf.subarray(0, 5).toString('latin1'), threads: pool.threadCount }));
        await pool.close();`;
      const rendered = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', renderOnThread], { cwd: folder, encoding: 'utf8' })) as { head: string; threads: number };
      assert.deepEqual(rendered, { head: '%PDF-', threads: 1 });

      const server = spawnServer({ args: ['dist/bin/server.js'], cwd: folder });
      try {
        const url = await listeningUrl(server);
        const check = await fetch(url + '/api/check', { method: 'POST', headers: { 'content-type': 'text/xml' }, body: apiXml('Check', checkFields()) });
        assert.match(await check.text(), /<RESULT>MSG<\/RESULT><MSG><CODE>500<\/CODE>/);
        const landing = (await (await fetch(url + '/', { headers: { accept: 'application/json' } })).json()) as { version: string };
        assert.match(landing.version, /^\d+\.\d+\.\d+/);
        server.child.kill('SIGTERM');
        assert.equal(await server.exited, 0);
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
