/**
 * Golden files: one per wire shape that real clients parse (house rule 8). Volatile values (UUIDs,
 * order numbers) become `{{NAME}}` placeholders, then the answer must equal the file byte for byte.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const GOLDEN_DIR = new URL('../golden/', import.meta.url);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g;

/** Replaces each given value by its placeholder, longest first, and every v4 UUID by `{{UUID}}`. */
export function withPlaceholders(text: string, volatile: Record<string, string> = {}): string {
  let result = text;
  for (const [name, value] of Object.entries(volatile).sort(([, a], [, b]) => b.length - a.length)) {
    assert.ok(value !== '', `the volatile value for {{${name}}} is empty`);
    result = result.replaceAll(value, `{{${name}}}`);
  }
  return result.replace(UUID, '{{UUID}}');
}

export function readGolden(name: string): string {
  return readFileSync(new URL(name, GOLDEN_DIR), 'utf8');
}

/** Asserts that an answer, with its volatile values replaced, equals test/golden/<name> exactly. */
export function assertGolden(name: string, actual: string, volatile: Record<string, string> = {}): void {
  assert.equal(withPlaceholders(actual, volatile), readGolden(name), `answer differs from test/golden/${name}`);
}
