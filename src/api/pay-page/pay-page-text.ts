/** Every word of the customer pay page in Dutch and English; the compiler checks both have all. */
import type { CostRegime } from '../../core/workflows/collection-costs.js';
import type { Language } from '../checkout/page-text.js';

export interface PayPageText {
  title(invoiceNumber: string): string;
  intro(merchant: string): string;
  summaryHeading: string;
  total: string;
  paid: string;
  credited: string;
  principalOpen: string;
  /** The costs with the rule they are charged under (docs/collection.md "The law"). */
  collectionCosts: Record<CostRegime, string>;
  reminderFees: string;
  costsPaid: string;
  costsOpen: string;
  /** Why a payment lowers the costs first. */
  paymentOrder: string;
  open: string;
  dueDate: string;
  settled: string;
  pdf: string;
  transferHeading: string;
  iban: string;
  accountHolder: string;
  reference: string;
  qrLabel: string;
  qrHint: string;
  payHeading: string;
  sandboxNote: string;
  amountLabel: string;
  amountHint(open: string): string;
  payButton: string;
  paidNotice(amount: string): string;
  errorTitle: string;
  errors: Record<'amount_invalid' | 'amount_exceeds_open' | 'invoice_closed' | 'not_offered', string>;
  unknownTitle: string;
  unknownBody: string;
}

const DUTCH: PayPageText = {
  title: (number) => `Factuur ${number}`,
  intro: (merchant) => `Je factuur voor je bestelling bij ${merchant}${merchant.endsWith('.') ? '' : '.'}`,
  summaryHeading: 'Wat je nog moet betalen',
  total: 'Factuurbedrag (incl. btw)',
  paid: 'Al betaald',
  credited: 'Gecrediteerd',
  principalOpen: 'Factuurbedrag nog open',
  collectionCosts: {
    nl_consumer: 'Incassokosten (wettelijke staffel, art. 6:96 BW)',
    be_consumer: 'Schadevergoeding (Boek XIX Wetboek van economisch recht)',
    business: 'Vergoeding voor invorderingskosten (art. 6:96 lid 4 BW, richtlijn 2011/7/EU)',
    consumer_unregulated: 'Kosten',
  },
  reminderFees: 'Herinneringskosten',
  costsPaid: 'Kosten al betaald',
  costsOpen: 'Kosten nog open',
  paymentOrder: 'Wat je betaalt, gaat eerst naar de kosten en daarna naar het factuurbedrag (art. 6:44 BW).',
  open: 'Nog te betalen',
  dueDate: 'Vervaldatum',
  settled: 'Deze factuur is helemaal betaald. Je hoeft niets meer te doen.',
  pdf: 'Factuur downloaden (pdf)',
  transferHeading: 'Betalen per bankoverschrijving',
  iban: 'IBAN',
  accountHolder: 'Ten name van',
  reference: 'Betalingskenmerk',
  qrLabel: 'QR-code voor je bank-app',
  qrHint: 'Scan deze code met je bank-app; bedrag, rekening en kenmerk staan er al in.',
  payHeading: 'Nu betalen',
  sandboxNote: 'Testomgeving: hier betaal je via een gesimuleerde bank. Er wordt geen echt geld overgemaakt.',
  amountLabel: 'Bedrag',
  amountHint: (open) => `Het hele bedrag (${open}) of een deel ervan, bijvoorbeeld 25,00`,
  payButton: 'Betalen',
  paidNotice: (amount) => `Bedankt! We hebben je betaling van ${amount} ontvangen.`,
  errorTitle: 'Fout',
  errors: {
    amount_invalid: 'Vul een bedrag in, bijvoorbeeld 25,00.',
    amount_exceeds_open: 'Dat is meer dan je nog moet betalen. Vul hoogstens het openstaande bedrag in.',
    invoice_closed: 'Deze factuur staat niet meer open.',
    not_offered: 'Online betalen kan hier niet; maak het bedrag over naar de rekening hierboven.',
  },
  unknownTitle: 'Deze betaalpagina bestaat niet',
  unknownBody: 'Controleer de link in je e-mail. Je kunt ook betalen met de gegevens op je factuur.',
};

const ENGLISH: PayPageText = {
  title: (number) => `Invoice ${number}`,
  intro: (merchant) => `Your invoice for your order at ${merchant}${merchant.endsWith('.') ? '' : '.'}`,
  summaryHeading: 'What you still owe',
  total: 'Invoice amount (incl. VAT)',
  paid: 'Already paid',
  credited: 'Credited',
  principalOpen: 'Invoice amount still open',
  collectionCosts: {
    nl_consumer: 'Collection costs (statutory scale, art. 6:96 Dutch Civil Code)',
    be_consumer: 'Damages (Book XIX Belgian Code of Economic Law)',
    business: 'Compensation for recovery costs (Directive 2011/7/EU)',
    consumer_unregulated: 'Costs',
  },
  reminderFees: 'Reminder fees',
  costsPaid: 'Costs already paid',
  costsOpen: 'Costs still open',
  paymentOrder: 'What you pay goes to the costs first and then to the invoice amount (art. 6:44 Dutch Civil Code).',
  open: 'Still to pay',
  dueDate: 'Due date',
  settled: 'This invoice is paid in full. There is nothing left to do.',
  pdf: 'Download the invoice (PDF)',
  transferHeading: 'Pay by bank transfer',
  iban: 'IBAN',
  accountHolder: 'Account holder',
  reference: 'Payment reference',
  qrLabel: 'QR code for your banking app',
  qrHint: 'Scan this code with your banking app; amount, account and reference are filled in.',
  payHeading: 'Pay now',
  sandboxNote: 'Test environment: you pay through a simulated bank here. No real money moves.',
  amountLabel: 'Amount',
  amountHint: (open) => `The whole amount (${open}) or part of it, for example 25.00`,
  payButton: 'Pay',
  paidNotice: (amount) => `Thank you! We have received your payment of ${amount}.`,
  errorTitle: 'Error',
  errors: {
    amount_invalid: 'Enter an amount, for example 25.00.',
    amount_exceeds_open: 'That is more than you still owe. Enter at most the amount still to pay.',
    invoice_closed: 'This invoice is no longer open.',
    not_offered: 'Paying online is not possible here; please transfer the amount to the account above.',
  },
  unknownTitle: 'This payment page does not exist',
  unknownBody: 'Please check the link in your e-mail. You can also pay with the details on your invoice.',
};

export const PAY_TEXTS: Readonly<Record<Language, PayPageText>> = { nl: DUTCH, en: ENGLISH };
