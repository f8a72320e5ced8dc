/**
 * The dependency rule (docs/architecture.md, house rules 3 and 4): the core imports nothing from
 * outside src/core and reads no clock, randomness or environment of its own. The sources are
 * parsed with the TypeScript compiler, so comments and strings never count as code.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import ts from 'typescript';

const CORE = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/core');

/** Every violation in one source file, as `line: what`. */
export function violations(fileName: string, source: string, coreRoot: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (node: ts.Node, what: string) => {
    found.push(`${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}: ${what}`);
  };
  const checkSpecifier = (node: ts.Node, specifier: string) => {
    if (specifier.startsWith('node:')) return report(node, `imports ${specifier}`);
    if (!specifier.startsWith('.')) return report(node, `imports package ${specifier}`);
    const target = resolve(dirname(fileName), specifier);
    if (target !== coreRoot && !target.startsWith(coreRoot + sep)) report(node, `imports ${specifier} from outside src/core`);
  };
  const isNamed = (node: ts.Node, name: string) => ts.isIdentifier(node) && node.text === name;
  const isAccess = (node: ts.Node, object: string, property: string) =>
    ts.isPropertyAccessExpression(node) && isNamed(node.expression, object) && node.name.text === property;

  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      checkSpecifier(node, node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) checkSpecifier(node, expression.text);
    } else if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      const dynamic = node.expression.kind === ts.SyntaxKind.ImportKeyword || isNamed(node.expression, 'require');
      if (dynamic) {
        if (first && ts.isStringLiteralLike(first)) checkSpecifier(node, first.text);
        else report(node, 'loads a module by a computed name');
      }
      if (isAccess(node.expression, 'Date', 'now')) report(node, 'reads the clock with Date.now()');
      if (isAccess(node.expression, 'performance', 'now')) report(node, 'reads the clock with performance.now()');
      if (isNamed(node.expression, 'Date')) report(node, 'reads the clock with Date()');
    } else if (ts.isNewExpression(node) && isNamed(node.expression, 'Date') && (node.arguments?.length ?? 0) === 0) {
      report(node, 'reads the clock with new Date()');
    } else if (ts.isPropertyAccessExpression(node) && (isNamed(node.expression, 'process') || isAccess(node, 'globalThis', 'process'))) {
      report(node, `reads ${node.getText(file)}`);
    } else if (ts.isVariableDeclaration(node) && node.initializer && isNamed(node.initializer, 'process')) {
      report(node, 'reads process');
    } else if (isAccess(node, 'Math', 'random')) {
      report(node, 'draws randomness with Math.random');
    } else if (isAccess(node, 'crypto', 'randomUUID') || isAccess(node, 'crypto', 'getRandomValues')) {
      report(node, 'draws randomness from crypto');
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function coreSources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return coreSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The src/ folders a file's relative imports reach, e.g. `api` or `store`. */
function importedFolders(fileName: string, source: string, srcRoot: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const folders: string[] = [];
  for (const statement of file.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      const specifier = statement.moduleSpecifier.text;
      if (!specifier.startsWith('.')) continue;
      const [folder] = relative(srcRoot, resolve(dirname(fileName), specifier)).split(sep);
      if (folder) folders.push(folder);
    }
  }
  return folders;
}

describe('the dependency rule', () => {
  test('store and jobs import no contract folder, and the contracts import neither store nor jobs', () => {
    const src = resolve(CORE, '..');
    const rules: Record<string, string[]> = { store: ['api', 'jobs'], jobs: ['api'], api: ['store', 'jobs'] };
    const broken = Object.entries(rules).flatMap(([folder, forbidden]) =>
      coreSources(join(src, folder)).flatMap((path) =>
        importedFolders(path, readFileSync(path, 'utf8'), src)
          .filter((target) => forbidden.includes(target))
          .map((target) => `src/${relative(src, path)} imports src/${target}`),
      ),
    );
    assert.deepEqual(broken, []);
    assert.deepEqual(importedFolders(join(src, 'store', 'x.ts'), "import { a } from '../api/billink-common/notifications.js';", src), ['api']);
  });

  test('every import in src/core points inside src/core, and core code reads no clock, randomness or environment', () => {
    const files = coreSources(CORE);
    assert.ok(files.length > 20, `expected the core's sources under ${CORE}`);
    const broken = files.flatMap((path) =>
      violations(path, readFileSync(path, 'utf8'), CORE).map((problem) => `src/core/${relative(CORE, path)}:${problem}`),
    );
    assert.deepEqual(broken, []);
  });

  test('the checker recognises each forbidden construct and lets the allowed ones pass', () => {
    const at = join(CORE, 'orders', 'sample.ts');
    const check = (source: string) => violations(at, source, CORE);
    const forbidden = [
      "import { readFileSync } from 'node:fs';",
      "import pg from 'pg';",
      "import type { Config } from '../../config.js';",
      "export { sqlStore } from '../../store/sql-store.js';",
      "const fs = await import('node:fs');",
      "const store = require('../../store/sql-store.js');",
      'const port = process.env.PORT;',
      'const { env } = process;',
      'const argv = globalThis.process.argv;',
      'const at = Date.now();',
      'const at = new Date();',
      'const at = new Date;',
      'const text = Date();',
      'const at = performance.now();',
      'const pick = Math.random();',
      'const id = crypto.randomUUID();',
    ];
    for (const source of forbidden) assert.equal(check(source).length, 1, `${source} → ${JSON.stringify(check(source))}`);
    const allowed = [
      "import type { Invoice } from './invoice.js';",
      "import { parseAmount } from '../shared/money.js';",
      "export * from '../workflows/steps.js';",
      'const at = new Date(clock.now().getTime() + DAY);',
      'const day = new Date(Date.UTC(2026, 0, 1));',
      "// Date.now() and process.env are mentioned here only in a comment",
      "const text = 'Math.random() inside a string';",
      'const step = job.process.name;',
    ];
    for (const source of allowed) assert.deepEqual(check(source), [], source);
  });
});
