/**
 * GET /docs: a browsable reference of the OpenAPI document, rendered by Swagger UI from the npm
 * package swagger-ui-dist, served by this server. Nothing is loaded from elsewhere, so the page
 * works offline and behind a firewall; the page's policy forbids any other origin.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const SWAGGER_UI = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const ASSETS: Readonly<Record<string, { file: string; type: string }>> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
  'favicon-32x32.png': { file: 'favicon-32x32.png', type: 'image/png' },
};

/** The page's own script: a separate file, so the policy needs no inline script. */
const START = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/v2/openapi.json',
    dom_id: '#reference',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    validatorUrl: null,
    defaultModelsExpandDepth: 0,
  });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Achteraf API reference</title>
<link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/start.js"></script>
</body>
</html>
`;

const POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'";

export function referencePageRoutes(app: FastifyInstance): void {
  const cache = new Map<string, Buffer>();
  app.get('/docs', { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('content-security-policy', POLICY).send(PAGE),
  );
  // Its own files live under /docs/assets/: /docs/<name>.md are the project's documents (api/landing).
  app.get('/docs/assets/start.js', { schema: { hide: true } }, (_request, reply) => reply.type('text/javascript; charset=utf-8').send(START));
  app.get('/docs/assets/:asset', { schema: { hide: true } }, async (request, reply) => {
    const name = (request.params as { asset: string }).asset;
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) return reply.code(404).send({ error: 'Not found' });
    let content = cache.get(name);
    if (!content) {
      content = await readFile(join(SWAGGER_UI, asset.file));
      cache.set(name, content);
    }
    return reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(content);
  });
}
