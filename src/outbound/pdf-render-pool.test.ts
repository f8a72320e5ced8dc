import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderInvoicePdf, type InvoiceDocument } from './invoice-pdf.js';
import { PdfRenderPool } from './pdf-render-pool.js';

const CRASHING_WORKER = new URL('../../test/fixtures/pdf-render-worker-that-crashes.ts', import.meta.url);

function document(invoiceNumber: string): InvoiceDocument {
  return {
    invoice: {
      invoiceNumber,
      merchantNumber: 'ORDER-7',
      customer: {
        type: 'P', firstName: 'Anna', initials: undefined, lastName: 'de Vries', sex: undefined, birthDate: undefined,
        email: 'anna@example.com', email2: undefined, phone: '0612345678', companyName: undefined, chamberOfCommerce: undefined,
        vatNumber: undefined, ip: undefined, delivery: undefined,
        address: { street: 'Kerkstraat', houseNumber: '12', houseExtension: 'A', postalCode: '1017 GC', city: 'Amsterdam', countryCode: 'NL' },
      },
      lines: [{ code: 'SKU-1', description: 'Wollen trui', quantity: 2, unitPriceInclusive: 4995, vatRate: 2100, totalInclusive: 9990 }],
      total: 9990,
      paid: 0,
      credited: 0,
    },
    seller: { name: 'Winkel BV', address: ['Damrak 1', '1012 LG Amsterdam', 'NL'], countryCode: 'NL', registrationNumber: '12345678', vatNumber: 'NL123456789B01' },
    language: 'nl',
    platform: { name: 'Achteraf', accountHolder: 'Achteraf', iban: 'NL91ABNA0417164300', bic: undefined },
    payUrl: 'https://pay.example/pay/token',
    issueDate: '2026-11-24',
    deliveryDate: '2026-11-21',
    dueDate: '2026-12-08',
    amountDue: 9990,
    costsDue: 0,
    notice: undefined,
  };
}

async function textOf(pdf: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  const words: string[] = [];
  for (let page = 1; page <= doc.numPages; page++) {
    const content = await (await doc.getPage(page)).getTextContent();
    for (const item of content.items) if ('str' in item) words.push(item.str);
  }
  return words.join(' ');
}

describe('the PDF rendering pool', { timeout: 120_000 }, () => {
  test('starts no thread before the first PDF, and renders the same document as the main thread does', async () => {
    const pool = new PdfRenderPool({ size: 1 });
    try {
      assert.equal(pool.threadCount, 0);
      const fromThread = await pool.render(document('1TSTORDER-7'));
      assert.equal(pool.threadCount, 1);
      assert.equal(Buffer.isBuffer(fromThread), true);
      const fromMain = await renderInvoicePdf(document('1TSTORDER-7'));
      const text = await textOf(fromThread);
      assert.equal(text, await textOf(fromMain));
      assert.match(text, /1TSTORDER-7/);
      assert.match(text, /Winkel BV/);
    } finally {
      await pool.close();
    }
  });

  test('passes a whole invoice, Dates and life-cycle state included, as plain data to the thread', async () => {
    const pool = new PdfRenderPool({ size: 1 });
    try {
      const base = document('1TSTDATES');
      // What a caller really hands over: the full invoice, with fields the PDF never reads.
      const invoice = { ...base.invoice, createdAt: new Date('2026-11-20T10:00:00Z'), lifeCycle: { timers: [{ kind: 'step', at: new Date() }] }, fileToken: 'x' };
      assert.match(await textOf(await pool.render({ ...base, invoice })), /1TSTDATES/);
    } finally {
      await pool.close();
    }
  });

  test('a thread that crashes fails only the PDF it was rendering; the next PDF renders on a new thread', async () => {
    const pool = new PdfRenderPool({ size: 1, workerUrl: CRASHING_WORKER });
    try {
      // Two at once on one thread: the crash takes the one rendering, the one waiting moves on.
      const [crashed, waiting] = await Promise.allSettled([pool.render(document('CRASH')), pool.render(document('1TSTAFTER'))]);
      assert.equal(crashed.status, 'rejected');
      assert.match(String((crashed as PromiseRejectedResult).reason), /PDF rendering thread stopped \(exit code 70\)/);
      assert.equal(waiting.status, 'fulfilled');
      assert.match(await textOf((waiting as PromiseFulfilledResult<Buffer>).value), /1TSTAFTER/);
      assert.match(await textOf(await pool.render(document('1TSTNEXT'))), /1TSTNEXT/);
      assert.equal(pool.threadCount, 1);
    } finally {
      await pool.close();
    }
  });

  test('keeps to its size under many PDFs at once, and every one of them arrives', async () => {
    const pool = new PdfRenderPool({ size: 2 });
    try {
      const numbers = Array.from({ length: 12 }, (_, index) => `1TSTMANY-${index}`);
      const pdfs = await Promise.all(numbers.map((number) => pool.render(document(number))));
      assert.ok(pool.threadCount <= 2);
      for (const [index, pdf] of pdfs.entries()) assert.match(await textOf(pdf), new RegExp(`${numbers[index]}\\b`));
    } finally {
      await pool.close();
    }
  });

  test('closing fails the PDFs not yet rendered and refuses new ones', async () => {
    const pool = new PdfRenderPool({ size: 1 });
    const pending = Promise.allSettled([1, 2, 3, 4].map((n) => pool.render(document(`1TSTCLOSE-${n}`))));
    await pool.close();
    const results = await pending;
    assert.ok(results.some((result) => result.status === 'rejected'));
    await assert.rejects(pool.render(document('1TSTLATE')), /closed/);
    assert.equal(pool.threadCount, 0);
  });

  test('a document that cannot cross to the thread fails alone, and the next one renders', async () => {
    const pool = new PdfRenderPool({ size: 1 });
    try {
      const uncloneable = { ...document('1TSTFUNCTION'), payUrl: (() => 'x') as unknown as string };
      await assert.rejects(pool.render(uncloneable), /could not be cloned/);
      assert.match(await textOf(await pool.render(document('1TSTCLONED'))), /1TSTCLONED/);
    } finally {
      await pool.close();
    }
  });

  test('a rendering error inside the thread fails that PDF and keeps the thread', async () => {
    const pool = new PdfRenderPool({ size: 1 });
    try {
      const broken = { ...document('1TSTBROKEN'), language: 'xx' } as unknown as InvoiceDocument;
      await assert.rejects(pool.render(broken), /rendering the invoice PDF failed/);
      assert.match(await textOf(await pool.render(document('1TSTFINE'))), /1TSTFINE/);
      assert.equal(pool.threadCount, 1);
    } finally {
      await pool.close();
    }
  });
});
