/**
 * The body of a PDF rendering thread (pdf-render-pool.ts): renders one invoice document per
 * message, in the order they arrive, and answers with the PDF's bytes moved, not copied, back to
 * the main thread. A rendering error is answered as an error; only a crash ends the thread.
 */
import { parentPort } from 'node:worker_threads';
import { renderInvoicePdf, type InvoiceDocument } from './invoice-pdf.js';

export interface RenderRequest {
  id: number;
  document: InvoiceDocument;
}

export type RenderAnswer = { id: number; pdf: Uint8Array } | { id: number; error: string };

if (!parentPort) throw new Error('pdf-render-worker runs only as a worker thread');
const port = parentPort;
// One after the other: the pool counts on the oldest job it sent being the one rendering.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: RenderRequest) => {
  queue = queue.then(() => answer(request));
});

async function answer({ id, document }: RenderRequest): Promise<void> {
  try {
    const pdf = await renderInvoicePdf(document);
    // A small Buffer may be a slice of Node's shared pool, which must not be moved away: such a
    // one is copied into memory of its own first (a Uint8Array copy never comes from that pool).
    const owns = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength;
    const bytes = owns ? new Uint8Array(pdf.buffer) : new Uint8Array(pdf);
    port.postMessage({ id, pdf: bytes } satisfies RenderAnswer, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies RenderAnswer);
  }
}
