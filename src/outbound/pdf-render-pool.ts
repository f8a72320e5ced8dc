/**
 * Renders invoice PDFs on worker threads, so that a second core renders while the event loop does
 * SQL and SMTP (docs/architecture.md "PDF rendering threads", docs/benchmarks.md). The pool is
 * bounded (PDF_WORKERS threads), starts no thread before the first PDF, and each thread gets at
 * most two jobs at a time: one rendering, one waiting, so it never idles while the main thread is
 * busy. A thread that crashes fails the job it was rendering (the mail job retries that mail as
 * after any error), hands its waiting job to a new thread, and is replaced.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InvoiceDocument, PdfInvoice } from './invoice-pdf.js';
import type { RenderAnswer, RenderRequest } from './pdf-render-worker.js';

/** Renders one invoice document; `close` ends whatever it started. */
export interface PdfRenderer {
  render(document: InvoiceDocument): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * Renders on the main thread (PDF_WORKERS=0). pdfkit and its fonts (about 20 MB) are loaded on the
 * first PDF; the module's promise is kept, as an import() per PDF went through the module loader
 * every time (0.24 ms per invoice e-mail under tsx, docs/benchmarks.md).
 */
export function inThreadPdfRenderer(): PdfRenderer {
  let module: Promise<typeof import('./invoice-pdf.js')> | undefined;
  return {
    render: async (document) => (await (module ??= import('./invoice-pdf.js'))).renderInvoicePdf(document),
    close: async () => {},
  };
}

export interface PdfPoolOptions {
  size: number;
  /** The thread's module; another one only in tests (a thread that crashes on purpose). */
  workerUrl?: URL;
}

const PER_WORKER = 2;

interface Job {
  request: RenderRequest;
  resolve(pdf: Buffer): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  /** Sent and not answered, oldest first: the first is the one rendering. */
  jobs: Job[];
}

export class PdfRenderPool implements PdfRenderer {
  private readonly threads = new Set<Thread>();
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PdfPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError('a PDF pool has at least one thread');
  }

  render(document: InvoiceDocument): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('the PDF renderer is closed'));
    return new Promise<Buffer>((resolve, reject) => {
      this.waiting.push({ request: { id: this.nextId++, document: cloneable(document) }, resolve, reject });
      this.dispatch();
    });
  }

  /** Ends every thread; jobs not yet answered fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(new Error('the PDF renderer closed before this PDF was rendered'));
    const threads = [...this.threads];
    this.threads.clear();
    for (const thread of threads) {
      for (const job of thread.jobs.splice(0)) job.reject(new Error('the PDF renderer closed before this PDF was rendered'));
    }
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  /** Threads running now (for tests and the docs' memory figures). */
  get threadCount(): number {
    return this.threads.size;
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const thread = this.leastBusy();
      if (!thread) return;
      const job = this.waiting.shift()!;
      thread.jobs.push(job);
      // A thread with work holds the process open; an idle one does not (unref below).
      thread.worker.ref();
      try {
        thread.worker.postMessage(job.request);
      } catch (error) {
        // Data that cannot be cloned fails its own PDF only.
        thread.jobs.splice(thread.jobs.indexOf(job), 1);
        if (thread.jobs.length === 0) thread.worker.unref();
        job.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  /** An idle thread, else a new one while the pool has room, else the least busy with room. */
  private leastBusy(): Thread | undefined {
    let best: Thread | undefined;
    for (const thread of this.threads) if (!best || thread.jobs.length < best.jobs.length) best = thread;
    if (best?.jobs.length === 0) return best;
    if (this.threads.size < this.options.size) return this.start();
    return best && best.jobs.length < PER_WORKER ? best : undefined;
  }

  private start(): Thread {
    const worker = startWorker(this.options.workerUrl ?? WORKER_URL);
    const thread: Thread = { worker, jobs: [] };
    this.threads.add(thread);
    let crash: Error | undefined;
    worker.on('message', (answer: RenderAnswer) => {
      const index = thread.jobs.findIndex((job) => job.request.id === answer.id);
      if (index < 0) return;
      const [job] = thread.jobs.splice(index, 1);
      if ('pdf' in answer) job!.resolve(Buffer.from(answer.pdf.buffer, answer.pdf.byteOffset, answer.pdf.byteLength));
      else job!.reject(new Error(`rendering the invoice PDF failed: ${answer.error}`));
      if (thread.jobs.length === 0) worker.unref();
      this.dispatch();
    });
    worker.on('error', (error) => {
      crash = error;
    });
    worker.on('exit', (code) => {
      if (!this.threads.delete(thread)) return;
      const [rendering, ...queued] = thread.jobs.splice(0);
      rendering?.reject(new Error(`the PDF rendering thread stopped (${crash ? crash.message : `exit code ${code}`}) while rendering this PDF`));
      // The jobs it had not begun are innocent: first in line for the thread that replaces it.
      this.waiting.unshift(...queued);
      this.dispatch();
    });
    return thread;
  }
}

/** PDF_WORKERS threads, or the main thread when it is 0. */
export function pdfRendererFor(workers: number): PdfRenderer {
  return workers > 0 ? new PdfRenderPool({ size: workers }) : inThreadPdfRenderer();
}

/** The thread's module beside this one: .ts under tsx (npm start, tests), .js in the build. */
const WORKER_URL = new URL(`./pdf-render-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/**
 * The built .js module runs as it is. A .ts module (npm start, tests, the bench) needs tsx in the
 * thread too, and on Node 20 the `--import tsx` that a thread inherits from process.execArgv
 * registers tsx's hooks after the thread's own module was already refused ("Unknown file
 * extension .ts"): the thread therefore starts from a line of JavaScript that registers tsx
 * first and then imports the module.
 */
function startWorker(url: URL): Worker {
  // No flags of the process: a thread needs none, and some (`--input-type`, say) stop a thread
  // that inherits them; the .ts thread must not register tsx a second time either.
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { execArgv: [] });
  // tsx is found from here, not from the working folder an eval'd thread would resolve it from.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, execArgv: [] });
}

/**
 * Only the fields the PDF reads cross to the thread: a structured clone copies data, and the
 * invoice's other fields (its life-cycle state with its timers, the customer's keys) are not needed.
 */
function cloneable(document: InvoiceDocument): InvoiceDocument {
  const { invoiceNumber, merchantNumber, customer, lines, total, paid, credited }: PdfInvoice = document.invoice;
  return { ...document, invoice: { invoiceNumber, merchantNumber, customer, lines, total, paid, credited } };
}
