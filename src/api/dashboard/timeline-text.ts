/**
 * The words of an invoice's timeline and of a customer e-mail's page, in Dutch and English. Kept
 * beside page-text.ts, as sandbox-text.ts is; the compiler checks that each language has every
 * text, and a word for every kind of entry, cost, e-mail and timer.
 */
import type { CostKind, TimelineKind } from '../../core/dashboard/invoice-timeline.js';
import type { MailKind, TimerKind } from '../../core/invoices/life-cycle/types.js';
import type { Language } from './page-text.js';

const NL = {
  kinds: {
    order_placed: 'Order geplaatst',
    workflow_started: 'Workflow gestart',
    step: 'Workflowstap',
    mail: 'E-mail',
    costs: 'Kosten',
    payment: 'Betaling geregistreerd',
    credit: 'Creditering',
    on_hold: 'On hold gezet',
    resumed: 'Workflow hervat',
    dispute_opened: 'Geschil geopend',
    dispute_resolved: 'Geschil opgelost',
    settlement: 'Afrekening',
    message: 'Bericht',
    event: 'Gebeurtenis',
  } satisfies Record<TimelineKind, string>,
  costs: { reminder_fee: 'Herinneringskosten', collection_costs: 'Incassokosten', costs_adjustment: 'Kosten verlaagd' } satisfies Record<CostKind, string>,
  mails: {
    invoice: 'Factuur',
    reminder: 'Herinnering',
    final_notice: 'Laatste aanmaning',
    collection: 'Incassobericht',
    receipt: 'Betaalbevestiging',
  } satisfies Record<MailKind, string>,
  timers: {
    send_invoice: 'Factuur versturen',
    reminder: 'Herinnering',
    final_notice: 'Laatste aanmaning',
    collection: 'Naar incasso',
    payout: 'Uitbetaling aan de webshop',
    hold_end: 'Einde van on hold',
  } satisfies Record<TimerKind, string>,
  mailStates: { pending: 'wacht op verzending', sent: 'verstuurd', failed: 'mislukt' } as Record<string, string>,
  payout: 'Uitbetaald',
  clawback: 'Teruggeboekt',
  gross: 'bruto',
  fee: 'vergoeding',
  net: 'netto',
  toCosts: (amount: string) => `waarvan ${amount} naar kosten`,
  paidToMerchant: 'rechtstreeks aan de webshop',
  restarted: 'opnieuw gestart na een creditering',
  to: 'aan',
  sentAt: 'verstuurd',
  category: 'categorie',
  until: 'tot',
  delivery: 'Webhook',
  attempt: 'poging',
  noAttempts: 'nog niet verstuurd',
  viewText: 'Tekst bekijken',
  downloadPdf: 'Pdf downloaden',
  nextHeading: 'Wat hierna gebeurt',
  now: (at: string) => `Tijd van de webshop: ${at}.`,
  nothingNext: 'Er staat geen stap meer gepland.',
  pausedByDispute: 'De workflow staat stil zolang het geschil open is.',
  pausedByHold: (until: string) => `De workflow staat stil tot ${until}.`,
  mailHeading: 'E-mail aan de klant',
  subject: 'Onderwerp',
  recipient: 'Aan',
  queued: 'In de wachtrij gezet',
  mailState: 'Status',
  notSentYet: 'Nog niet verstuurd: zo ziet de tekst eruit als hij nu verstuurd wordt.',
  backToInvoice: 'Terug naar de factuur',
  costsOpen: 'Kosten open',
};

type TimelineText = typeof NL;

const EN: TimelineText = {
  kinds: {
    order_placed: 'Order placed',
    workflow_started: 'Workflow started',
    step: 'Workflow step',
    mail: 'E-mail',
    costs: 'Costs',
    payment: 'Payment registered',
    credit: 'Credit',
    on_hold: 'Put on hold',
    resumed: 'Workflow resumed',
    dispute_opened: 'Dispute opened',
    dispute_resolved: 'Dispute resolved',
    settlement: 'Settlement',
    message: 'Message',
    event: 'Event',
  },
  costs: { reminder_fee: 'Reminder fee', collection_costs: 'Collection costs', costs_adjustment: 'Costs lowered' },
  mails: { invoice: 'Invoice', reminder: 'Reminder', final_notice: 'Final notice', collection: 'Collection notice', receipt: 'Receipt' },
  timers: {
    send_invoice: 'Send the invoice',
    reminder: 'Reminder',
    final_notice: 'Final notice',
    collection: 'To collection',
    payout: 'Payout to the webshop',
    hold_end: 'End of the hold',
  },
  mailStates: { pending: 'waiting to be sent', sent: 'sent', failed: 'failed' },
  payout: 'Paid out',
  clawback: 'Clawed back',
  gross: 'gross',
  fee: 'fee',
  net: 'net',
  toCosts: (amount) => `of which ${amount} to costs`,
  paidToMerchant: 'to the webshop directly',
  restarted: 'restarted after a credit',
  to: 'to',
  sentAt: 'sent',
  category: 'category',
  until: 'until',
  delivery: 'Webhook',
  attempt: 'attempt',
  noAttempts: 'not sent yet',
  viewText: 'View text',
  downloadPdf: 'Download PDF',
  nextHeading: 'What happens next',
  now: (at) => `The webshop's time: ${at}.`,
  nothingNext: 'No further step is planned.',
  pausedByDispute: 'The workflow stands still while the dispute is open.',
  pausedByHold: (until) => `The workflow stands still until ${until}.`,
  mailHeading: 'E-mail to the customer',
  subject: 'Subject',
  recipient: 'To',
  queued: 'Queued',
  mailState: 'State',
  notSentYet: 'Not sent yet: this is the text as it would be sent now.',
  backToInvoice: 'Back to the invoice',
  costsOpen: 'Costs open',
};

export const TIMELINE_TEXTS: Record<Language, TimelineText> = { nl: NL, en: EN };

/** "Reminder 2", "Invoice": an e-mail's or a timer's name with its reminder number. */
export function numbered(name: string, reminderNumber: number | undefined): string {
  return reminderNumber === undefined ? name : `${name} ${reminderNumber}`;
}
