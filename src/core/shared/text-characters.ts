/**
 * Characters no text field may hold (docs/security.md "Control characters"): what XML 1.0 cannot
 * carry (§2.2 Char: C0 controls other than tab, LF and CR; U+FFFE, U+FFFF; surrogates that are
 * not part of a pair) and what PostgreSQL text cannot store (NUL). Accepting them would let one
 * request make our XML answers ill-formed for strict parsers, or fail at the database after other
 * work was done. Every contract refuses them with its own validation error.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasForbiddenCharacter(text: string): boolean {
  return FORBIDDEN.test(text);
}

/**
 * The path of the first string in a parsed JSON value that holds a forbidden character, in
 * key or value, e.g. `customer.lastName` or `transaction.orderItems[1].name`; undefined when there
 * is none. A key that is itself bad is named by its parent's path. Walked with a stack of its own,
 * not recursion, so a deeply nested body cannot exhaust the call stack.
 */
export function forbiddenCharacterPath(root: unknown): string | undefined {
  // Nearly every body holds no such character. Building the path of every value to name the
  // rare one that does cost about 40 µs and 60 kB of garbage per Buckaroo Pay body (2.6 kB,
  // 60 parameters; docs/benchmarks.md "Buckaroo Pay: allocations and async hooks"); a
  // first walk that builds no path answers for those, and only a body with one is walked for it.
  return holdsForbiddenCharacter(root) ? firstForbiddenPath(root) : undefined;
}

/** Whether any string in a parsed JSON value, key or value, holds a forbidden character. */
function holdsForbiddenCharacter(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (hasForbiddenCharacter(value)) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        if (hasForbiddenCharacter(key)) return true;
        pending.push((value as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

function firstForbiddenPath(root: unknown): string | undefined {
  const pending: [value: unknown, path: string][] = [[root, '']];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (hasForbiddenCharacter(value)) return path || '(body)';
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push([value[i], `${path}[${i}]`]);
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value);
      if (entries.some(([key]) => hasForbiddenCharacter(key))) return path || '(body)';
      for (let i = entries.length - 1; i >= 0; i--) pending.push([entries[i]![1], path ? `${path}.${entries[i]![0]}` : entries[i]![0]]);
    }
  }
  return undefined;
}
