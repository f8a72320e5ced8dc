import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OpenAmounts } from '../../core/invoices/open-amounts.js';
import type { Invoice } from '../../core/orders/invoice.js';
import { renderPayPage, type PayView } from './render-pay-page.js';

const INVOICE = { invoiceNumber: '1TSTA-1', total: 30_000, paid: 5_000, credited: 0, dueDate: '2026-03-19' } as Invoice;

function view(language: 'nl' | 'en', amounts: OpenAmounts): PayView {
  return {
    invoice: INVOICE, merchantName: 'Gentse Boekhandel BV', language, amounts,
    platform: { name: 'Achteraf', accountHolder: 'Achteraf', iban: 'NL91ABNA0417164300', bic: undefined },
    pdfUrl: '/files/invoices/t/1TSTA-1.pdf', formAction: '/pay/t/pay', onlinePayment: true, justPaid: undefined, problem: undefined,
    typedAmount: undefined, trust: '',
  };
}

/** The table's rows as "label = amount", spaces normalised. */
function rows(html: string): string[] {
  return [...html.matchAll(/<tr[^>]*><th scope="row">([^<]*)<\/th><td class="num"[^>]*>([^<]*)<\/td><\/tr>/g)].map(
    ([, label, amount]) => `${label!.replaceAll('&#39;', "'")} = ${amount!.replaceAll('\u00a0', ' ')}`,
  );
}

describe('the pay page rows', () => {
  test('a Belgian consumer sees the Book XIX damages and a reminder fee apart, the costs paid, and the total in the form', async () => {
    const html = await renderPayPage(view('en', {
      regime: 'be_consumer', principalOpen: 25_000, collectionCosts: 4_500, reminderFees: 750, costsPaid: 1_000, costsOpen: 4_250, totalOpen: 29_250,
    }));
    assert.deepEqual(rows(html), [
      'Invoice amount (incl. VAT) = €300.00',
      'Already paid = -€50.00',
      'Invoice amount still open = €250.00',
      'Damages (Book XIX Belgian Code of Economic Law) = €45.00',
      'Reminder fees = €7.50',
      'Costs already paid = -€10.00',
      'Costs still open = €42.50',
      'Still to pay = €292.50',
    ]);
    assert.match(html, /value="292\.50"/);
    assert.match(html, /costs first and then to the invoice amount \(art\. 6:44 Dutch Civil Code\)/);
  });

  test('a business customer sees the EU compensation; before any cost the page keeps its short table', async () => {
    const business = await renderPayPage(view('nl', {
      regime: 'business', principalOpen: 25_000, collectionCosts: 4_000, reminderFees: 0, costsPaid: 0, costsOpen: 4_000, totalOpen: 29_000,
    }));
    assert.ok(rows(business).includes('Vergoeding voor invorderingskosten (art. 6:96 lid 4 BW, richtlijn 2011/7/EU) = € 40,00'));
    const plain = await renderPayPage(view('nl', {
      regime: 'nl_consumer', principalOpen: 25_000, collectionCosts: 0, reminderFees: 0, costsPaid: 0, costsOpen: 0, totalOpen: 25_000,
    }));
    assert.deepEqual(rows(plain), ['Factuurbedrag (incl. btw) = € 300,00', 'Al betaald = € -50,00', 'Nog te betalen = € 250,00']);
    assert.doesNotMatch(plain, /art\. 6:44/);
  });
});
