/**
 * A shop's webhook endpoint in a dozen lines: verifies each v3 signature from the raw body and
 * answers 200, or 400 when it does not check out. Try it with `achteraf listen`:
 *   WEBHOOK_SECRET=… node packages/sdk/examples/webhook-receiver.js
 *   npx achteraf listen --forward-to http://localhost:3000/webhooks
 */
import { createServer } from 'node:http';
import { verifyWebhook } from '@achteraf/billink';

const secret = process.env.WEBHOOK_SECRET ?? '';
const port = Number(process.env.PORT ?? 3000);

createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    try {
      const event = verifyWebhook({ secret, rawBody: Buffer.concat(chunks), headers: request.headers });
      console.log('verified', event.kind, event.kind === 'order' ? event.payload.event : event.payload.status, event.webhookId);
      response.end('ok');
    } catch (error) {
      console.log('refused', error.message);
      response.writeHead(400).end(error.message);
    }
  });
}).listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}/webhooks`));
