/** Every word of the invoice PDF in Dutch and English; the compiler checks that both have all. */
import type { MailLanguage } from '../core/invoices/life-cycle/types.js';

export interface PdfWords {
  invoice: string;
  to: string;
  invoiceNumber: string;
  yourOrderNumber: string;
  issueDate: string;
  deliveryDate: string;
  dueDate: string;
  vatNumber: string;
  customerVatNumber: string;
  description: string;
  quantity: string;
  unitPrice: string;
  vatRate: string;
  amount: string;
  subtotal: string;
  vatOver(rate: string, basis: string): string;
  totalInclusive: string;
  paid: string;
  credited: string;
  costs: string;
  toPay: string;
  howToPay: string;
  accountHolder: string;
  reference: string;
  payBy: string;
  payWhen: string;
  now: string;
  payOnline: string;
  scan: string;
  settled(invoiceNumber: string): string;
}

const DUTCH: PdfWords = {
  invoice: 'Factuur',
  to: 'Aan',
  invoiceNumber: 'Factuurnummer',
  yourOrderNumber: 'Uw ordernummer',
  issueDate: 'Factuurdatum',
  deliveryDate: 'Leveringsdatum',
  dueDate: 'Vervaldatum',
  vatNumber: 'Btw-nummer',
  customerVatNumber: 'Uw btw-nummer',
  description: 'Omschrijving',
  quantity: 'Aantal',
  unitPrice: 'Prijs excl. btw',
  vatRate: 'Btw',
  amount: 'Bedrag excl. btw',
  subtotal: 'Totaal exclusief btw',
  vatOver: (rate, basis) => `Btw ${rate}% over ${basis}`,
  totalInclusive: 'Totaal inclusief btw',
  paid: 'Betaald',
  credited: 'Gecrediteerd',
  costs: 'Kosten',
  toPay: 'Te betalen',
  howToPay: 'Zo betaalt u',
  accountHolder: 'Ten name van',
  reference: 'Betalingskenmerk',
  payBy: 'Uiterlijk op',
  payWhen: 'Betaaltermijn',
  now: 'per direct',
  payOnline: 'Online betalen',
  scan: 'Scan met uw bank-app',
  settled: (number) => `Factuur ${number} is voldaan; u hoeft niets meer te betalen.`,
};

const ENGLISH: PdfWords = {
  invoice: 'Invoice',
  to: 'To',
  invoiceNumber: 'Invoice number',
  yourOrderNumber: 'Your order number',
  issueDate: 'Invoice date',
  deliveryDate: 'Delivery date',
  dueDate: 'Due date',
  vatNumber: 'VAT number',
  customerVatNumber: 'Your VAT number',
  description: 'Description',
  quantity: 'Quantity',
  unitPrice: 'Price excl. VAT',
  vatRate: 'VAT',
  amount: 'Amount excl. VAT',
  subtotal: 'Total excluding VAT',
  vatOver: (rate, basis) => `VAT ${rate}% on ${basis}`,
  totalInclusive: 'Total including VAT',
  paid: 'Paid',
  credited: 'Credited',
  costs: 'Costs',
  toPay: 'To pay',
  howToPay: 'How to pay',
  accountHolder: 'Account holder',
  reference: 'Payment reference',
  payBy: 'Pay by',
  payWhen: 'Payment term',
  now: 'immediately',
  payOnline: 'Pay online',
  scan: 'Scan with your banking app',
  settled: (number) => `Invoice ${number} is settled; there is nothing left to pay.`,
};

export const PDF_WORDS: Readonly<Record<MailLanguage, PdfWords>> = { nl: DUTCH, en: ENGLISH };
