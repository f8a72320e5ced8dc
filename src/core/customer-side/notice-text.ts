/**
 * What each customer e-mail says, by law (docs/collection.md "The customer's side"), in Dutch and
 * English. The same paragraphs go into the e-mail's text, its HTML and the PDF it carries, so the
 * legally required content is in every form the customer may read.
 *
 * - Reminder 1 to a Belgian consumer is the free notice of Book XIX art. XIX.2 §1 WER: the amount
 *   due, the damages that will be claimed, the creditor's name and enterprise number, what was
 *   bought and its due date, and the 14 calendar days to pay (from the day after an e-mail).
 * - The final notice to a Dutch consumer is the veertiendagenbrief of art. 6:96 lid 6 BW: the
 *   exact costs that will be added (`announcedCosts`, per the Besluit vergoeding voor
 *   buitengerechtelijke incassokosten) and the last day to pay (`payBefore`), 14 days counted from
 *   the day after sending.
 * - A business customer is told of the fixed compensation of Directive 2011/7/EU art. 6 (art. 6:96
 *   lid 4 BW; in Belgium art. 6 of the Act of 2 August 2002).
 * - A step sent again after a credit (spec §2.5 "step restarted") says that the amount changed.
 */
import type { LifeCycleMail, MailLanguage } from '../invoices/life-cycle/types.js';
import { BUSINESS_COMPENSATION, type CostRegime } from '../workflows/collection-costs.js';
import { formatDateFor, formatMoneyFor } from './people-format.js';

export interface NoticeFacts {
  mail: LifeCycleMail;
  regime: CostRegime;
  invoiceNumber: string;
  /** The seller: the merchant the customer bought from. */
  seller: { name: string; registrationLabel: string; registrationNumber: string | undefined };
  /** What was bought, e.g. the invoice lines' descriptions. */
  purchased: string;
  platformName: string;
  transfer: { iban: string; accountHolder: string; reference: string };
  payUrl: string;
}

export interface NoticeText {
  subject: string;
  /** The heading of the mail and of the PDF's first page. */
  heading: string;
  greeting: string;
  paragraphs: string[];
  /** How to pay, line by line. */
  howToPay: string[];
  closing: string;
}

export function noticeText(facts: NoticeFacts): NoticeText {
  const words = facts.mail.language === 'nl' ? DUTCH : ENGLISH;
  const { mail } = facts;
  const money = (cents: number) => formatMoneyFor(mail.language, cents);
  const date = (iso: string) => formatDateFor(mail.language, iso);
  const paragraphs: string[] = [];
  if (mail.restarted) paragraphs.push(words.restarted);
  const heading = words.heading(mail, facts.invoiceNumber);

  switch (mail.kind) {
    case 'invoice':
      paragraphs.push(words.invoice(facts.seller.name, facts.invoiceNumber, money(mail.amountDue), mail.dueDate && date(mail.dueDate)));
      break;
    case 'reminder': {
      const number = mail.reminderNumber ?? 1;
      if (facts.regime === 'be_consumer' && number === 1) {
        paragraphs.push(
          words.belgianNotice({
            amountDue: money(mail.amountDue),
            damages: money(mail.announcedCosts ?? 0),
            seller: facts.seller,
            purchased: facts.purchased,
            dueDate: mail.dueDate ? date(mail.dueDate) : undefined,
            payBefore: mail.payBefore ? date(mail.payBefore) : undefined,
          }),
        );
      } else {
        paragraphs.push(words.reminder(facts.invoiceNumber, money(mail.amountDue), mail.dueDate && date(mail.dueDate), mail.payBefore && date(mail.payBefore)));
        if (mail.fee) paragraphs.push(words.feeAdded(money(mail.fee)));
        if (mail.announcedCosts) paragraphs.push(words.costsAnnounced(money(mail.announcedCosts), mail.payBefore && date(mail.payBefore)));
      }
      break;
    }
    case 'final_notice':
      if (facts.regime === 'nl_consumer') {
        paragraphs.push(words.veertiendagenbrief(money(mail.amountDue), money(mail.announcedCosts ?? 0), mail.payBefore ? date(mail.payBefore) : undefined));
      } else {
        paragraphs.push(words.finalNotice(money(mail.amountDue), mail.payBefore && date(mail.payBefore)));
        if (mail.announcedCosts) paragraphs.push(words.costsAnnounced(money(mail.announcedCosts), mail.payBefore && date(mail.payBefore)));
      }
      break;
    case 'collection':
      paragraphs.push(words.collection(money(mail.fee ?? 0), money(mail.costsDue), money(mail.amountDue), words.costsBasis[facts.regime]));
      break;
    case 'receipt':
      paragraphs.push(words.receipt(money(mail.amountPaid ?? 0), facts.invoiceNumber, mail.amountDue > 0 ? money(mail.amountDue) : undefined));
      break;
  }
  if (facts.regime === 'business' && (mail.kind === 'reminder' || mail.kind === 'final_notice')) {
    paragraphs.push(words.businessCompensation(money(mail.announcedCosts || BUSINESS_COMPENSATION)));
  }
  paragraphs.push(words.assigned(facts.seller.name, facts.platformName));

  const howToPay =
    mail.amountDue > 0
      ? [
          words.transferTo(money(mail.amountDue)),
          `IBAN: ${facts.transfer.iban}`,
          `${words.accountHolder}: ${facts.transfer.accountHolder}`,
          `${words.reference}: ${facts.transfer.reference}`,
          ...(mail.payBefore
            ? [`${words.payBeforeLabel}: ${date(mail.payBefore)}`]
            : mail.payNow
              ? [words.payNow]
              : mail.dueDate
                ? [`${words.payBeforeLabel}: ${date(mail.dueDate)}`]
                : []),
          words.payOnline(facts.payUrl),
        ]
      : [words.viewOnline(facts.payUrl)];
  return { subject: words.subject(mail, facts.invoiceNumber, facts.seller.name), heading, greeting: words.greeting, paragraphs, howToPay, closing: words.closing(facts.platformName) };
}

interface Words {
  subject(mail: LifeCycleMail, invoiceNumber: string, seller: string): string;
  heading(mail: LifeCycleMail, invoiceNumber: string): string;
  greeting: string;
  restarted: string;
  invoice(seller: string, invoiceNumber: string, amount: string, dueDate: string | undefined): string;
  reminder(invoiceNumber: string, amount: string, dueDate: string | undefined, payBefore: string | undefined): string;
  feeAdded(fee: string): string;
  costsAnnounced(costs: string, payBefore: string | undefined): string;
  belgianNotice(facts: {
    amountDue: string; damages: string; seller: NoticeFacts['seller']; purchased: string; dueDate: string | undefined; payBefore: string | undefined;
  }): string;
  veertiendagenbrief(amount: string, costs: string, payBefore: string | undefined): string;
  finalNotice(amount: string, payBefore: string | undefined): string;
  collection(added: string, costsDue: string, total: string, basis: string): string;
  costsBasis: Record<CostRegime, string>;
  receipt(paid: string, invoiceNumber: string, stillDue: string | undefined): string;
  businessCompensation(amount: string): string;
  assigned(seller: string, platform: string): string;
  transferTo(amount: string): string;
  accountHolder: string;
  reference: string;
  payBeforeLabel: string;
  /** The line in place of a last day that has passed. */
  payNow: string;
  payOnline(url: string): string;
  viewOnline(url: string): string;
  closing(platform: string): string;
}

const DUTCH: Words = {
  subject: (mail, number, seller) =>
    ({
      invoice: `Factuur ${number} van ${seller}`,
      reminder: `Herinnering ${mail.reminderNumber ?? 1}: factuur ${number}`,
      final_notice: `Laatste aanmaning: factuur ${number}`,
      collection: `Incasso: factuur ${number}`,
      receipt: `Betaling ontvangen: factuur ${number}`,
    })[mail.kind],
  heading: (mail, number) =>
    ({
      invoice: `Factuur ${number}`,
      reminder: `Herinnering ${mail.reminderNumber ?? 1}`,
      final_notice: 'Laatste aanmaning',
      collection: 'Incasso',
      receipt: 'Betalingsbewijs',
    })[mail.kind],
  greeting: 'Beste klant,',
  restarted: 'Let op: het bedrag is gewijzigd. Na een creditering is het openstaande bedrag aangepast; dit bericht vervangt ons vorige bericht over deze factuur.',
  invoice: (seller, number, amount, dueDate) =>
    `Hierbij ontvangt u factuur ${number} voor uw bestelling bij ${seller}. Het te betalen bedrag is ${amount}` +
    (dueDate ? `; betaal uiterlijk op ${dueDate}.` : '.') + ' De factuur zit als PDF bij deze e-mail.',
  reminder: (number, amount, dueDate, payBefore) =>
    `Wij hebben uw betaling voor factuur ${number}${dueDate ? `, die verviel op ${dueDate},` : ''} nog niet ontvangen. ` +
    `Het openstaande bedrag is ${amount}${payBefore ? `. Betaal uiterlijk op ${payBefore}.` : '.'}`,
  feeAdded: (fee) => `Voor deze herinnering is ${fee} aan kosten toegevoegd.`,
  costsAnnounced: (costs, payBefore) => `Betaalt u niet${payBefore ? ` uiterlijk op ${payBefore}` : ' op tijd'}, dan worden ${costs} aan kosten in rekening gebracht.`,
  belgianNotice: (f) =>
    `Dit is een kosteloze eerste herinnering (Boek XIX, art. XIX.2 Wetboek van economisch recht). U moet nog ${f.amountDue} betalen aan ` +
    `${f.seller.name}${f.seller.registrationNumber ? ` (${f.seller.registrationLabel.toLowerCase()} ${f.seller.registrationNumber})` : ''} ` +
    `voor: ${f.purchased}${f.dueDate ? `, vervallen op ${f.dueDate}` : ''}. U hebt 14 kalenderdagen om zonder extra kosten te betalen, ` +
    `te rekenen vanaf de dag na deze e-mail${f.payBefore ? `: tot en met ${f.payBefore}` : ''}. Betaalt u niet binnen die termijn, dan wordt een ` +
    `schadevergoeding van ${f.damages} gevraagd (art. XIX.4 Wetboek van economisch recht).`,
  veertiendagenbrief: (amount, costs, payBefore) =>
    `Wij hebben uw betaling nog niet ontvangen. U moet nog ${amount} betalen. Betaal dit bedrag ${payBefore ? `uiterlijk op ${payBefore}` : 'binnen 14 dagen'}; ` +
    `dat is 14 dagen, te rekenen vanaf de dag na deze aanmaning. Betaalt u niet binnen die termijn, dan brengen wij u ${costs} aan ` +
    `incassokosten in rekening (art. 6:96 lid 6 BW en het Besluit vergoeding voor buitengerechtelijke incassokosten). Betaalt u op tijd, dan betaalt u geen kosten.`,
  finalNotice: (amount, payBefore) =>
    `Dit is onze laatste aanmaning. U moet nog ${amount} betalen${payBefore ? `; betaal uiterlijk op ${payBefore}` : ''}. Daarna dragen wij de vordering over voor incasso.`,
  collection: (added, costsDue, total, basis) =>
    `U hebt niet op tijd betaald. Wij hebben daarom ${added} aan incassokosten toegevoegd (${basis}). Openstaande kosten: ${costsDue}. Totaal te betalen: ${total}.`,
  costsBasis: {
    nl_consumer: 'art. 6:96 BW en het Besluit vergoeding voor buitengerechtelijke incassokosten',
    be_consumer: 'art. XIX.4 Wetboek van economisch recht',
    business: 'Richtlijn 2011/7/EU art. 6',
    consumer_unregulated: 'zoals aangekondigd',
  },
  receipt: (paid, number, stillDue) =>
    `Wij hebben ${paid} ontvangen voor factuur ${number}. Dank u wel. ` + (stillDue ? `Er staat nog ${stillDue} open.` : 'De factuur is volledig betaald.'),
  businessCompensation: (amount) =>
    `Bij betaling na de vervaldag is een vaste vergoeding voor invorderingskosten van ${amount} verschuldigd (Richtlijn 2011/7/EU art. 6; art. 6:96 lid 4 BW).`,
  assigned: (seller, platform) => `${seller} heeft deze vordering overgedragen aan ${platform}. U betaalt alleen aan ${platform} bevrijdend (art. 3:94 BW).`,
  transferTo: (amount) => `Maak ${amount} over naar:`,
  accountHolder: 'Ten name van',
  reference: 'Betalingskenmerk',
  payBeforeLabel: 'Uiterlijk op',
  payNow: 'Betaaltermijn: per direct',
  payOnline: (url) => `Of bekijk en betaal uw factuur online: ${url}`,
  viewOnline: (url) => `Uw factuur online: ${url}`,
  closing: (platform) => `Met vriendelijke groet,\n${platform}`,
};

const ENGLISH: Words = {
  subject: (mail, number, seller) =>
    ({
      invoice: `Invoice ${number} from ${seller}`,
      reminder: `Reminder ${mail.reminderNumber ?? 1}: invoice ${number}`,
      final_notice: `Final notice: invoice ${number}`,
      collection: `Collection: invoice ${number}`,
      receipt: `Payment received: invoice ${number}`,
    })[mail.kind],
  heading: (mail, number) =>
    ({
      invoice: `Invoice ${number}`,
      reminder: `Reminder ${mail.reminderNumber ?? 1}`,
      final_notice: 'Final notice',
      collection: 'Collection',
      receipt: 'Payment receipt',
    })[mail.kind],
  greeting: 'Dear customer,',
  restarted: 'Please note: the amount has changed. After a credit the amount due was adjusted; this message replaces our previous message about this invoice.',
  invoice: (seller, number, amount, dueDate) =>
    `Here is invoice ${number} for your order at ${seller}. The amount to pay is ${amount}` +
    (dueDate ? `; please pay by ${dueDate}.` : '.') + ' The invoice is attached to this e-mail as a PDF.',
  reminder: (number, amount, dueDate, payBefore) =>
    `We have not yet received your payment for invoice ${number}${dueDate ? `, which was due on ${dueDate}` : ''}. ` +
    `The amount due is ${amount}${payBefore ? `. Please pay by ${payBefore}.` : '.'}`,
  feeAdded: (fee) => `A fee of ${fee} has been added for this reminder.`,
  costsAnnounced: (costs, payBefore) => `If you do not pay${payBefore ? ` by ${payBefore}` : ' in time'}, costs of ${costs} will be charged.`,
  belgianNotice: (f) =>
    `This is a free first reminder (Book XIX, art. XIX.2 of the Belgian Code of Economic Law). You still owe ${f.amountDue} to ` +
    `${f.seller.name}${f.seller.registrationNumber ? ` (${f.seller.registrationLabel.toLowerCase()} ${f.seller.registrationNumber})` : ''} ` +
    `for: ${f.purchased}${f.dueDate ? `, due on ${f.dueDate}` : ''}. You have 14 calendar days to pay without extra costs, ` +
    `counted from the day after this e-mail${f.payBefore ? `: until ${f.payBefore} inclusive` : ''}. If you do not pay within that term, ` +
    `damages of ${f.damages} will be claimed (art. XIX.4 of the Code of Economic Law).`,
  veertiendagenbrief: (amount, costs, payBefore) =>
    `We have not yet received your payment. You still owe ${amount}. Please pay this amount ${payBefore ? `by ${payBefore}` : 'within 14 days'}; ` +
    `that is 14 days counted from the day after this notice. If you do not pay within that term, we will charge you ${costs} in ` +
    `collection costs (art. 6:96(6) of the Dutch Civil Code and the Decree on extrajudicial collection costs). If you pay in time, you pay no costs.`,
  finalNotice: (amount, payBefore) =>
    `This is our final notice. You still owe ${amount}${payBefore ? `; please pay by ${payBefore}` : ''}. After that we hand the claim over for collection.`,
  collection: (added, costsDue, total, basis) =>
    `You did not pay in time. We have therefore added ${added} in collection costs (${basis}). Costs open: ${costsDue}. Total due: ${total}.`,
  costsBasis: {
    nl_consumer: 'art. 6:96 of the Dutch Civil Code and the Decree on extrajudicial collection costs',
    be_consumer: 'art. XIX.4 of the Belgian Code of Economic Law',
    business: 'Directive 2011/7/EU art. 6',
    consumer_unregulated: 'as announced',
  },
  receipt: (paid, number, stillDue) =>
    `We have received ${paid} for invoice ${number}. Thank you. ` + (stillDue ? `${stillDue} is still due.` : 'The invoice is paid in full.'),
  businessCompensation: (amount) =>
    `Payment after the due date makes a fixed compensation for recovery costs of ${amount} due (Directive 2011/7/EU art. 6).`,
  assigned: (seller, platform) => `${seller} has assigned this claim to ${platform}. Only a payment to ${platform} discharges you (art. 3:94 of the Dutch Civil Code).`,
  transferTo: (amount) => `Please transfer ${amount} to:`,
  accountHolder: 'Account holder',
  reference: 'Payment reference',
  payBeforeLabel: 'Pay by',
  payNow: 'Payment term: immediately',
  payOnline: (url) => `Or view and pay your invoice online: ${url}`,
  viewOnline: (url) => `Your invoice online: ${url}`,
  closing: (platform) => `Kind regards,\n${platform}`,
};

export function isMailLanguage(value: string): value is MailLanguage {
  return value === 'nl' || value === 'en';
}
