/**
 * The Chromium that ships inside the npm package @sparticuz/chromium, for machines that have no
 * system Chromium: `npm ci` brings it, nothing is downloaded. The package holds Brotli-compressed
 * files: the browser itself, its software GL (SwiftShader), a font (Open Sans) and the NSS and
 * expat libraries it links against, built for Amazon Linux 2023 on x86-64; with those libraries it
 * needs only glibc, so it runs on Debian and other x86-64 glibc Linux systems as well. They are
 * unpacked once per package version and per user into the temporary directory:
 *
 * - into a private staging directory first, renamed into place only when complete, so two test
 *   files starting at once never run a half-written browser;
 * - per user, because a directory made by root is no use to another user and the reverse;
 * - and used only when the directory belongs to this user and nobody else can write to it, so
 *   another user of the machine cannot slip a browser of their own in.
 *
 * We do not call the package's own `executablePath()`: it unpacks to a fixed /tmp/chromium with
 * mode 0700 (useless to every user but the first), not atomically, and loads the libraries only on
 * Amazon Linux.
 */
import { createReadStream, createWriteStream, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';

export interface ChromiumBuild {
  kind: 'system' | 'packaged';
  executablePath: string;
  /** Extra environment for the browser process. */
  env: Record<string, string>;
}

const PACKAGE_ROOT = join(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '..', '..');
const COMPLETE = 'unpacked';

/** The packaged Chromium, unpacked on first use; later calls, also from other processes, reuse it. */
export async function packagedChromium(): Promise<ChromiumBuild> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`no chromium on PATH, and the Chromium packaged on npm is for x86-64 Linux only (this is ${process.platform}/${process.arch}): set CHROMIUM_PATH`);
  }
  const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  const user = process.getuid?.() ?? 'user';
  const home = join(tmpdir(), `achteraf-chromium-${version}-${user}`);
  if (!existsSync(join(home, COMPLETE))) await unpack(home);
  assertOwnedAndPrivate(home);
  return {
    kind: 'packaged',
    executablePath: join(home, 'chromium'),
    env: { FONTCONFIG_FILE: join(home, 'fonts.conf'), LD_LIBRARY_PATH: join(home, 'lib') },
  };
}

async function unpack(home: string): Promise<void> {
  const staging = mkdtempSync(`${home}.staging-`); // mode 0700, ours alone
  try {
    const bin = join(PACKAGE_ROOT, 'bin');
    await pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(staging, 'chromium'), { mode: 0o700 }));
    // SwiftShader's libraries go beside the executable, where Chromium looks for them.
    for (const archive of ['swiftshader.tar.br', 'fonts.tar.br', 'al2023.tar.br']) {
      extractTar(brotliDecompressSync(readFileSync(join(bin, archive))), staging);
    }
    // The packaged fonts.conf names Lambda's folders; ours names the font we unpacked, and only it,
    // so pages render the same on every machine, whatever fonts the system has or lacks.
    writeFileSync(
      join(staging, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(home, 'fonts')}</dir>\n  <cachedir>${join(home, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    writeFileSync(join(staging, COMPLETE), '');
    renameSync(staging, home);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another process finished first: its copy is as good as ours.
    if (existsSync(join(home, COMPLETE))) return;
    throw error;
  }
}

function assertOwnedAndPrivate(home: string): void {
  const stat = lstatSync(home);
  const mine = process.getuid === undefined || stat.uid === process.getuid();
  if (!stat.isDirectory() || !mine || (stat.mode & 0o022) !== 0) {
    throw new Error(`${home} is not a private directory of this user; remove it to unpack Chromium afresh`);
  }
}

/** Writes the regular files and folders of a (ustar or GNU) tar archive below `target`. */
function extractTar(archive: Buffer, target: string): void {
  for (let offset = 0; offset + 512 <= archive.length; ) {
    const header = archive.subarray(offset, offset + 512);
    const name = field(header, 0, 100);
    if (name === '') break; // two zero blocks end the archive
    const prefix = field(header, 345, 155);
    const path = normalize(prefix ? `${prefix}/${name}` : name);
    if (path.startsWith('..') || path.startsWith(sep)) throw new Error(`tar entry outside its folder: ${path}`);
    const mode = parseInt(field(header, 100, 8), 8) & 0o755;
    const size = parseInt(field(header, 124, 12), 8) || 0;
    const type = field(header, 156, 1) || '0';
    const start = offset + 512;
    if (type === '5') {
      mkdirSync(join(target, path), { recursive: true });
    } else if (type === '0') {
      mkdirSync(dirname(join(target, path)), { recursive: true });
      writeFileSync(join(target, path), archive.subarray(start, start + size), { mode });
    } else {
      throw new Error(`unexpected tar entry of type ${type}: ${path}`);
    }
    offset = start + Math.ceil(size / 512) * 512;
  }
}

function field(header: Buffer, start: number, length: number): string {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? length : end).toString('utf8').trim();
}
