/**
 * Every error a dashboard form can meet, as a sentence for people, in Dutch and English. The keys
 * are the core's codes and item outcomes; the compiler checks that none is missing, so a new code
 * in a use case the dashboard calls fails the build until it has its words (house rule 2).
 */
import type { InvoiceSearchError } from '../../core/dashboard/invoice-filters.js';
import type { SignInError } from '../../core/dashboard/sign-in.js';
import type { MessageError } from '../../core/invoices/add-message.js';
import type { ReturnDomainError } from '../../core/merchants/return-url-domains.js';
import type { RotateClientIdError } from '../../core/merchants/rotate-client-id.js';
import type { CreditError, CreditItemResult } from '../../core/payments/apply-credit.js';
import type { PaymentError, PaymentItemResult } from '../../core/payments/register-payment.js';
import type { AuthError } from '../../core/shared/errors.js';
import type { DeliveryLogError, ReplayError } from '../../core/webhooks/delivery-log.js';
import type { WebhookSetError } from '../../core/webhooks/manage-webhooks.js';
import type { OnHoldError } from '../../core/workflows/put-on-hold.js';
import type { ResumeError } from '../../core/workflows/resume-workflow.js';
import type { StartWorkflowError, StartWorkflowItemResult } from '../../core/workflows/start-workflow.js';
import type { ChangeWorkflowError } from '../../core/workflows/change-workflow.js';
import type { PayoutPeriodError } from '../../core/dashboard/payout-period.js';
import type { ListInvoicesError } from '../../core/invoices/list-invoices.js';
import type { RotateControlKeyError } from '../../core/psp/billblend-control-keys.js';
import type { CallbackUrlError, PushUrlError } from '../../core/psp/notification-urls.js';
import type { TestClockError } from '../../core/sandbox/test-clock.js';
import { MAX_ADVANCE_MS } from '../../core/shared/merchant-clocks.js';
import { DAY } from '../../core/shared/clock.js';
import type { Language } from './page-text.js';

export type DashboardProblem =
  | InvoiceSearchError
  | SignInError
  | MessageError
  | ReturnDomainError
  | RotateClientIdError
  | CreditError
  | Exclude<CreditItemResult['outcome'], 'applied'>
  | PaymentError
  | Exclude<PaymentItemResult['outcome'], 'applied'>
  | AuthError
  | DeliveryLogError
  | ReplayError
  | WebhookSetError
  | OnHoldError
  | ResumeError
  | StartWorkflowError
  | Exclude<StartWorkflowItemResult, 'started'>
  | TestClockError
  | ChangeWorkflowError
  | PayoutPeriodError
  | RotateControlKeyError
  | PushUrlError
  | CallbackUrlError
  | 'notification_url_missing'
  | ListInvoicesError
  | 'keys_unconfirmed'
  | 'csrf_failed'
  | 'text_invalid'
  | 'rate_limited'
  | 'unexpected';

export const PROBLEMS = {
  search_too_long: ['De zoektekst is te lang.', 'The search text is too long.'],
  step_unknown: ['Die workflowstap bestaat niet.', 'That workflow step does not exist.'],
  filter_unknown: ['Dat filter bestaat niet.', 'That filter does not exist.'],
  cursor_invalid: ['Die pagina bestaat niet.', 'That page does not exist.'],
  credentials_wrong: ['Gebruikersnaam of wachtwoord klopt niet.', 'The username or password is wrong.'],
  merchant_unknown: ['Die webshop bestaat niet.', 'That webshop does not exist.'],
  invoice_number_missing: ['Geef een factuurnummer op.', 'Give an invoice number.'],
  message_missing: ['Schrijf een bericht.', 'Write a message.'],
  message_too_long: ['Het bericht is langer dan 5000 tekens.', 'The message is longer than 5000 characters.'],
  invoice_unknown: ['Deze factuur bestaat niet.', 'This invoice does not exist.'],
  domains_invalid: ['Geef tot 20 domeinnamen, zoals shop.example, één per regel.', 'Give up to 20 domain names such as shop.example, one a line.'],
  invoices_missing: ['Geef een factuur op.', 'Give an invoice.'],
  workflow_unknown: ['Die workflow bestaat niet.', 'That workflow does not exist.'],
  invoices_too_many: ['Te veel facturen in één keer.', 'Too many invoices at once.'],
  unknown: ['Deze factuur bestaat niet.', 'This invoice does not exist.'],
  not_possible: ['Crediteren kan niet meer: de factuur is al betaald of gecrediteerd.', 'No credit is possible: the invoice is paid or credited already.'],
  amount_invalid: ['Geef een bedrag groter dan nul, zoals 12,50.', 'Give an amount above zero, such as 12.50.'],
  already_paid: ['Deze factuur is al betaald.', 'This invoice is paid already.'],
  description_too_long: ['De omschrijving is langer dan 30 tekens.', 'The description is longer than 30 characters.'],
  amount_exceeds_open: ['Het bedrag is hoger dan wat nog open staat.', 'The amount is more than what is still open.'],
  invoice_closed: ['Deze factuur is gesloten.', 'This invoice is closed.'],
  username_unknown: ['Gebruikersnaam of wachtwoord klopt niet.', 'The username or password is wrong.'],
  client_id_wrong: ['Gebruikersnaam of wachtwoord klopt niet.', 'The username or password is wrong.'],
  page_invalid: ['Die pagina bestaat niet.', 'That page does not exist.'],
  page_size_invalid: ['Die paginagrootte kan niet.', 'That page size is not possible.'],
  state_invalid: ['Die status bestaat niet.', 'That state does not exist.'],
  delivery_id_missing: ['Kies een of meer webhooks.', 'Choose one or more webhooks.'],
  delivery_unknown: ['Die webhook bestaat niet.', 'That webhook does not exist.'],
  url_missing: ['Geef een URL op.', 'Give a URL.'],
  url_invalid: ['Geef een volledige http- of https-URL, zonder gebruikersnaam of wachtwoord.', 'Give a whole http or https URL, without user name or password.'],
  url_not_public: ['Deze URL wijst naar een intern adres; Achteraf stuurt alleen naar publieke adressen.', 'This URL points to an internal address; Achteraf sends to public addresses only.'],
  notification_url_missing: ['Geef een URL op, of kies Verwijderen om de URL weg te halen.', 'Give a URL, or choose Remove to take the URL away.'],
  psp_credentials_missing: ['Deze webshop heeft nog geen Buckaroo-sleutels: maak eerst sleutels aan.', 'This webshop has no Buckaroo keys yet: make keys first.'],
  endpoint_missing: ['Kies een BillBlend-endpoint.', 'Choose a BillBlend endpoint.'],
  secret_missing: ['Maak eerst een geheim aan voor ondertekende webhooks (v3).', 'Generate a secret first for signed webhooks (v3).'],
  on_hold_too_long: ['Zo lang kan de factuur niet on hold.', 'The invoice cannot be on hold that long.'],
  on_hold_not_possible: ['On hold kan niet voor deze factuur.', 'This invoice cannot be put on hold.'],
  resume_param_unsupported: ['Hervatten kan zo niet.', 'Resuming is not possible like this.'],
  invoices_unknown: ['Deze factuur bestaat niet.', 'This invoice does not exist.'],
  already_started: ['De workflow van deze factuur loopt al.', 'The workflow of this invoice has started already.'],
  client_id_fixed: ['Een sandbox-webshop houdt zijn gepubliceerde client id.', 'A sandbox webshop keeps its published client id.'],
  clock_live_merchant: ['Alleen een sandbox-webshop heeft een testklok; een live webshop loopt altijd op echte tijd.', 'Only a sandbox webshop has a test clock; a live webshop always runs on real time.'],
  clock_move_missing: ['Geef een aantal dagen of uren, of een datum en tijd.', 'Give a number of days or hours, or a date and time.'],
  clock_move_ambiguous: ['Geef óf een aantal dagen of uren, óf een datum en tijd, niet beide.', 'Give either a number of days or hours or a date and time, not both.'],
  clock_move_invalid: ['Geef een heel getal groter dan nul, of een geldige datum en tijd.', 'Give a whole number above zero, or a valid date and time.'],
  clock_backward: ['De testklok gaat alleen vooruit: die tijd ligt vóór de tijd van de webshop nu.', 'The test clock only moves forward: that time is before the webshop’s time now.'],
  clock_move_too_far: [`De testklok gaat hoogstens ${MAX_ADVANCE_MS / DAY} dagen in één keer vooruit.`, `The test clock moves at most ${MAX_ADVANCE_MS / DAY} days at once.`],
  workflow_settings_invalid: ['Een of meer instellingen van de workflow kunnen zo niet.', 'One or more of the workflow’s settings are not possible like this.'],
  month_invalid: ['Geef een maand als jjjj-mm, zoals 2026-03.', 'Give a month as yyyy-mm, such as 2026-03.'],
  date_from_invalid: ['De begindatum klopt niet; schrijf hem als jjjj-mm-dd of dd-mm-jjjj.', 'The first date is not a date; write it as yyyy-mm-dd or dd-mm-yyyy.'],
  date_to_invalid: ['De einddatum klopt niet; schrijf hem als jjjj-mm-dd of dd-mm-jjjj.', 'The last date is not a date; write it as yyyy-mm-dd or dd-mm-yyyy.'],
  date_range_invalid: ['De begindatum ligt na de einddatum.', 'The first date is after the last date.'],
  invoices_not_found: ['Geen facturen gevonden.', 'No invoices found.'],
  endpoint_id_missing: ['Kies een BillBlend-endpoint.', 'Choose a BillBlend endpoint.'],
  endpoint_unknown: ['Dat BillBlend-endpoint bestaat niet.', 'That BillBlend endpoint does not exist.'],
  control_key_fixed: ['Een sandbox-webshop houdt de gepubliceerde control keys van zijn endpoints.', 'A sandbox webshop keeps the published control keys of its endpoints.'],
  keys_unconfirmed: ['Vink aan dat u begrijpt dat de oude sleutels direct ophouden te werken.', 'Tick that you understand the old keys stop working at once.'],
  text_invalid: ['De invoer bevat een teken dat niet kan, zoals een stuurteken.', 'The input holds a character that is not allowed, such as a control character.'],
  csrf_failed: ['Het formulier was verlopen of kwam niet van deze pagina. Probeer het opnieuw.', 'The form had expired or did not come from this page. Please try again.'],
  rate_limited: ['Te veel pogingen. Wacht een minuut en probeer het opnieuw.', 'Too many attempts. Wait a minute and try again.'],
  unexpected: ['Er ging iets mis. Probeer het opnieuw.', 'Something went wrong. Please try again.'],
} satisfies Record<DashboardProblem, readonly [nl: string, en: string]>;

export function problemText(code: string, language: Language): string {
  const entry = Object.hasOwn(PROBLEMS, code) ? PROBLEMS[code as DashboardProblem] : PROBLEMS.unexpected;
  return entry[language === 'nl' ? 0 : 1];
}
