/**
 * The package as a user gets it: importable with plain Node from the repository root after
 * `npm ci` (no build, no TypeScript loader), without runtime dependencies, and with a declaration
 * for every export and an export for every declaration.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGE = new URL('../../packages/sdk/', import.meta.url);

describe('the @achteraf/billink package', () => {
  test('plain Node imports it from the repository root', () => {
    const script = "import('@achteraf/billink').then((m) => console.log(JSON.stringify(Object.keys(m).sort())))";
    const keys = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, env: { PATH: process.env.PATH } }).toString());
    assert.ok(keys.includes('Billink') && keys.includes('verifyWebhook'), keys.join(', '));
  });

  test('has no runtime dependencies and ships its CLI as the achteraf bin', () => {
    const manifest = JSON.parse(readFileSync(new URL('package.json', PACKAGE), 'utf8'));
    assert.equal(manifest.name, '@achteraf/billink');
    assert.equal(manifest.dependencies, undefined);
    assert.equal(manifest.bin.achteraf, './bin/achteraf.js');
    assert.equal(manifest.exports['.'].types, './src/index.d.ts');
  });

  test('declares exactly what it exports', async () => {
    const runtime = Object.keys(await import('@achteraf/billink')).sort();
    const declarations = readFileSync(new URL('src/index.d.ts', PACKAGE), 'utf8');
    const values = [...declarations.matchAll(/^export declare (?:class|const|function) (\w+)/gm)].map((match) => match[1]).sort();
    assert.deepEqual(values, runtime);
  });
});
