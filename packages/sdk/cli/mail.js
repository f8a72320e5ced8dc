/**
 * `achteraf mail`: the server's mail outbox (`npm run mail`), run from the checkout this CLI
 * belongs to. It opens the server's database directly (DATABASE_URL or DATA_DIR), so it works
 * on the machine that runs the server; on the embedded database stop the server first.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError, EXIT } from './output.js';

export async function mail({ options, out }) {
  const script = fileURLToPath(new URL('../../../src/bin/mail-outbox.ts', import.meta.url));
  if (!existsSync(script)) throw new CliError('achteraf mail works inside an Achteraf checkout (it runs src/bin/mail-outbox.ts)', EXIT.failed);
  let tsx;
  try {
    tsx = import.meta.resolve('tsx');
  } catch {
    throw new CliError('achteraf mail needs the checkout\'s dependencies: run npm ci first', EXIT.failed);
  }
  const args = ['--import', tsx, script, ...(options.all ? ['--all'] : []), ...(options.limit ? ['--limit', String(options.limit)] : [])];
  if (out.json) args.push('--json');
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  const code = await new Promise((resolve) => child.on('close', (status) => resolve(status ?? EXIT.failed)));
  return code === 0 ? EXIT.ok : code === 2 ? EXIT.usage : EXIT.failed;
}
