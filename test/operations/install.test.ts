/**
 * `npm install` prints no EBADENGINE warning on the Node versions we support (docs/operations.md,
 * "Installing without warnings"): every locked package's `engines.node` accepts them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

// semver is what npm itself uses to read `engines`; Fastify depends on it.
const { satisfies } = createRequire(import.meta.url)('semver') as { satisfies(version: string, range: string): boolean };
const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};
const SUPPORTED = ['20.11.0', '22.0.0', '24.0.0'];

test('every locked package accepts Node 20.11, 22 and 24 in its engines field', () => {
  const refusing: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
    if (!range) continue;
    for (const version of SUPPORTED) {
      if (!satisfies(version, range)) refusing.push(`${path || 'achteraf'}@${entry.version} needs node ${range}, not ${version}`);
    }
  }
  assert.deepEqual(refusing, []);
});
