/**
 * GET / : where an operator or developer who opens the server's address goes next (docs/operations.md,
 * "The landing page"). HTML for browsers, JSON for `Accept: application/json`. The documentation
 * is served read-only from the docs folder under /docs/<name>, so every link works offline.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface LandingContext {
  version: string;
  engine: 'postgres' | 'pglite';
  /** Folder of the Markdown documentation; missing in an image that leaves it out. */
  docsDir: string;
  /** The published sandbox credentials present in this database; empty outside the sandbox. */
  sandboxCredentials(): Promise<{ username: string; clientId: string }[]>;
}

interface Doc {
  file: string;
  title: string;
}

const TYPES: Record<string, string> = { '.md': 'text/markdown; charset=utf-8', '.png': 'image/png' };

export async function landingRoutes(app: FastifyInstance, context: LandingContext): Promise<void> {
  const files = readDocs(context.docsDir);
  const docs: Doc[] = files
    .filter((file) => file.endsWith('.md'))
    .map((file) => ({ file, title: /^# (.+)$/m.exec(readFileSync(join(context.docsDir, file), 'utf8'))?.[1] ?? file }));

  app.get('/', async (request, reply) => {
    const credentials = await context.sandboxCredentials();
    const page = {
      name: 'Achteraf',
      version: context.version,
      database: context.engine,
      links: {
        openapi: '/v2/openapi.json',
        checkout: docs.some((doc) => doc.file === 'checkout.md') ? '/docs/checkout.md' : undefined,
        docs: docs.map((doc) => ({ title: doc.title, href: `/docs/${doc.file}` })),
      },
      ...(credentials.length > 0 ? { sandbox: { merchants: credentials } } : {}),
    };
    if (wantsJson(request)) return reply.header('cache-control', 'no-store').send(page);
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .header('cache-control', 'no-store')
      .send(renderHtml(page.version, page.database, docs, credentials));
  });

  // Only names found in the folder at start are served: no path from the request reaches the file system.
  const served = new Set(files.filter((file) => TYPES[extension(file)]));
  app.get('/docs/:file', async (request: FastifyRequest<{ Params: { file: string } }>, reply) => {
    const { file } = request.params;
    if (!served.has(file)) return reply.code(404).send({ error: 'Not Found' });
    return reply.header('content-type', TYPES[extension(file)]!).send(readFileSync(join(context.docsDir, file)));
  });
}

function readDocs(folder: string): string[] {
  try {
    return readdirSync(folder).filter((file) => /^[a-z0-9-]+\.(md|png)$/.test(file)).sort();
  } catch {
    return [];
  }
}

function extension(file: string): string {
  return file.slice(file.lastIndexOf('.'));
}

/** JSON when the client asks for it ahead of HTML; browsers send text/html first, curl sends *\/*. */
function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  const json = accept.indexOf('application/json');
  const html = accept.indexOf('text/html');
  return json !== -1 && (html === -1 || json < html);
}

function renderHtml(version: string, engine: string, docs: Doc[], credentials: { username: string; clientId: string }[]): string {
  const item = (href: string, text: string) => `<li><a href="${escape(href)}">${escape(text)}</a></li>`;
  const sandbox =
    credentials.length === 0
      ? ''
      : `<h2>Sandbox merchants</h2><p>Published test credentials; never use them for real orders.</p><table><tr><th>username</th><th>client id</th></tr>${credentials
          .map((merchant) => `<tr><td><code>${escape(merchant.username)}</code></td><td><code>${escape(merchant.clientId)}</code></td></tr>`)
          .join('')}</table>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Achteraf ${escape(version)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1f2328}code{font-size:.9em}td,th{padding:.2rem .8rem .2rem 0;text-align:left}</style>
</head><body>
<h1>Achteraf</h1>
<p>Version ${escape(version)}, database: ${escape(engine)}. A pay-after-delivery platform that speaks Billink's merchant API: point a Billink client at this address.</p>
<h2>Start here</h2><ul>${item('/v2/openapi.json', 'OpenAPI document of the v2 JSON API')}${docs.some((doc) => doc.file === 'checkout.md') ? item('/docs/checkout.md', 'Hosted checkout') : ''}</ul>
${docs.length > 0 ? `<h2>Documentation</h2><ul>${docs.map((doc) => item(`/docs/${doc.file}`, doc.title)).join('')}</ul>` : ''}
${sandbox}
</body></html>
`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
