/**
 * `npm run build`: compiles src/ to plain JavaScript in dist/ (or the folder given as the first
 * argument) and copies every file the server reads at run time beside its module (SQL migrations,
 * the checkout stylesheet), so production runs `node dist/bin/server.js` without a TypeScript
 * runtime (docs/operations.md).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, 'dist'));
const source = join(root, 'src');

rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', out], { stdio: 'inherit' });

let copied = 0;
for (const file of walk(source)) {
  if (file.endsWith('.ts')) continue;
  cpSync(file, join(out, relative(source, file)));
  copied++;
}
console.log(`Built ${relative(process.cwd(), out) || '.'} (${copied} assets copied); start it with: node ${join(relative(process.cwd(), out) || '.', 'bin/server.js')}`);

function* walk(folder) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
