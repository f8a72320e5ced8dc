/**
 * Renders docs/errors.md from the error tables themselves, so the documentation cannot drift
 * from what the server answers (test/docs/errors-doc.test.ts compares them; `npm run docs:errors`
 * rewrites the file).
 */
import { CHECK_ERRORS } from './check-errors.js';
import { CLOCK_ERRORS } from './clock-errors.js';
import { CREDIT_ERRORS } from './credit-errors.js';
import { FILE_ERRORS } from './file-errors.js';
import { TIMELINE_ERRORS } from './timeline-errors.js';
import { MESSAGE_ERRORS } from './message-errors.js';
import { ON_HOLD_ERRORS } from './on-hold-errors.js';
import { DISPUTE_ERRORS } from './dispute-errors.js';
import { ORDER_ERRORS } from './order-errors.js';
import { PAYMENT_ERRORS } from './payment-errors.js';
import { START_WORKFLOW_ERRORS } from './start-workflow-errors.js';
import { STATUS_ERRORS } from './status-errors.js';
import type { EndpointErrors } from './wire-error.js';
import { WORKFLOW_SET_ERRORS } from '../billink-v2/handlers/workflows.js';

/** What each core code means, in a merchant developer's words. */
const WHEN: Readonly<Record<string, string>> = {
  version_unknown: 'VERSION is not BILLINK2.0',
  username_unknown: 'CLIENTUSERNAME is missing or unknown',
  client_id_wrong: 'CLIENTID does not belong to the username',
  action_unknown: 'ACTION names no known action',
  workflow_missing: 'WORKFLOWNUMBER is missing',
  workflow_unknown: 'the merchant has no workflow with that number',
  workflow_type_mismatch: 'the merchant restricted the workflow to the other customer type (P or B)',
  type_missing: 'TYPE is missing',
  type_invalid: 'TYPE is not P or B',
  company_name_missing: 'a business customer without COMPANYNAME',
  company_name_length: 'COMPANYNAME is not 2–50 characters',
  sex_missing: 'SEX is missing',
  sex_invalid: 'SEX is not M, V, F or O',
  first_name_missing: 'neither FIRSTNAME nor INITIALS',
  last_name_missing: 'LASTNAME is missing',
  coc_missing: 'a business customer without CHAMBEROFCOMMERCE',
  coc_length: 'CHAMBEROFCOMMERCE is not 5–25 characters',
  street_missing: 'STREET is missing',
  house_number_missing: 'HOUSENUMBER is missing',
  house_number_invalid: 'HOUSENUMBER does not start with a number',
  house_extension_length: 'HOUSEEXTENSION is over 10 characters',
  postal_code_missing: 'POSTALCODE is missing',
  postal_code_invalid: 'POSTALCODE does not fit the country (NL 1234AB, BE 1000)',
  city_missing: 'CITY is missing',
  city_invalid: 'CITY holds no letter, or characters other than letters, spaces, dots, brackets, dashes and apostrophes',
  country_invalid: 'COUNTRYCODE is not an ISO 3166-1 alpha-2 code',
  phone_missing: 'PHONENUMBER is missing',
  phone_invalid: 'PHONENUMBER is not 9–18 digits, spaces, +, (, ) and -',
  email_missing: 'EMAIL is missing',
  email_invalid: 'EMAIL is not an e-mail address',
  email2_invalid: 'EMAIL2 is not an e-mail address',
  birth_date_missing: 'a private customer without BIRTHDATE',
  birth_date_invalid: 'BIRTHDATE is not a date (dd-mm-yyyy or yyyy-mm-dd)',
  under_age: 'the customer is younger than the minimum age',
  delivery_house_number_invalid: 'the delivery house number does not start with a number',
  delivery_not_allowed: 'the delivery address is outside the Netherlands and Belgium',
  ip_invalid: 'IP is not an IPv4 or IPv6 address',
  vat_number_invalid: 'VATNUMBER is over 30 characters or holds characters other than letters, digits, spaces, dots and hyphens',
  amount_missing: 'ORDERAMOUNT is missing',
  amount_invalid: 'ORDERAMOUNT is not a positive amount',
  amount_over_workflow_maximum: "the amount exceeds the workflow's maximum",
  paytrust_score_invalid: 'PAYTRUSTSCORE is not a whole number from 0 to 10',
  order_number_missing: 'ORDERNUMBER is missing',
  order_number_invalid: 'ORDERNUMBER holds characters other than letters, digits, _, - and .',
  order_number_too_long: 'ORDERNUMBER is over 50 characters',
  order_number_taken: 'the merchant already has an order with this number',
  date_missing: 'DATE is missing or not a date',
  date_invalid: 'DATE is not a date',
  currency_invalid: 'CURRENCY is not EUR, USD or GBP',
  additional_text_invalid: 'ADITIONALTEXT holds control characters or is over 255 characters',
  bank_account_missing: 'BANKACCOUNTHOLDER without BANKACCOUNTNUMBER',
  bank_account_holder_missing: 'BANKACCOUNTNUMBER without BANKACCOUNTHOLDER',
  iban_invalid: 'BANKACCOUNTNUMBER is not a valid IBAN',
  mandate_id_invalid: 'MANDATEID holds other characters than digits',
  mandate_type_invalid: 'MANDATETYPE is not FIRST, RECURRING or ONETIME',
  order_total_invalid: 'the lines add up to zero or less',
  items_missing: 'ORDERITEMS is missing or empty (or over 500 lines)',
  item_description_missing: 'a line without DESCRIPTION',
  item_code_too_long: 'a line CODE over 50 characters',
  item_vat_invalid: 'a line BTW missing or not an allowed rate',
  item_price_missing: 'a line without PRICEINCL or PRICEEXCL',
  item_quantity_invalid: 'a line quantity that is not a whole number from 1',
  check_missing: 'CHECKUUID is missing',
  check_unknown: "CHECKUUID is not one of this merchant's positive checks",
  check_expired: 'the check is older than CHECK_VALIDITY_MINUTES',
  check_used: 'the check already created an order',
  check_workflow_mismatch: 'the check was made for another workflow',
  amount_over_checked: 'the order total exceeds the checked amount',
  credit_declined: "the customer's exposure, weighed again at order time, is over the limit",
  invoices_missing: 'no invoices in the request',
  invoices_too_many: 'more invoices than the call allows',
  invoices_unknown: 'none of the requested invoices exists; the first number follows the text',
  invoice_number_missing: 'no invoice number',
  invoice_unknown: "no invoice of this merchant with that number (and workflow)",
  rate_limited: 'too many status calls this minute',
  on_hold_too_long: 'DAYS over 14 on a guaranteed workflow',
  on_hold_not_possible: 'the workflow has not started, the invoice is closed, or DAYS is not a whole number from 1 to 90',
  resume_param_unsupported: 'RESUME is not y',
  message_missing: 'MESSAGE is missing',
  message_too_long: 'MESSAGE is over 5000 characters',
  clock_live_merchant: 'the merchant is live: only sandbox merchants have a test clock',
  clock_move_missing: 'none of days, hours or to',
  clock_move_ambiguous: 'more than one of days, hours and to',
  clock_move_invalid: 'days or hours not a whole number above 0, or to not an ISO 8601 date or time',
  clock_backward: "to is before the merchant's time now",
  clock_move_too_far: 'the move is over 3660 days',
  workflow_settings_invalid: 'a setting is missing its form or outside its bounds (docs/collection.md "The workflow definition"); every one is named',
};

const UNSEEDED_NOTE = "Billink publishes no table for this call; these codes follow the On hold table's numbering.";

/** Each endpoint's table; a note for tables Billink does not publish. */
const ENDPOINTS: readonly [title: string, errors: EndpointErrors, note?: string][] = [
  ['Check', CHECK_ERRORS],
  ['Order', ORDER_ERRORS],
  ['Start workflow', START_WORKFLOW_ERRORS],
  ['Status', STATUS_ERRORS],
  ['Payment', PAYMENT_ERRORS],
  ['Credit', CREDIT_ERRORS],
  ['On hold and resume', ON_HOLD_ERRORS],
  ['Disputes (v2, HTTP 400 `{code, message, error}`)', DISPUTE_ERRORS],
  ['Message', MESSAGE_ERRORS, UNSEEDED_NOTE],
  ['File', FILE_ERRORS, UNSEEDED_NOTE],
  ['Invoice timeline (v2 only)', TIMELINE_ERRORS, 'Our own call (docs/v2-api.md "Invoice timeline"): numbered like File and Message.'],
  [
    'Sandbox test clock',
    CLOCK_ERRORS,
    'Billink has no test clocks: `POST /v2/sandbox/clock`, `…/advance` and `…/reset` are ours (docs/collection.md), with the shared texts for the codes every table has.',
  ],
  ['Workflow set (v2 only)', WORKFLOW_SET_ERRORS, 'Our own call (docs/v2-api.md "Workflows"): the credential codes every table shares, then 402 and 403 as in the Order table\'s numbering.'],
];

export function renderErrorsMarkdown(): string {
  const out: string[] = [
    '# Errors',
    '',
    '<!-- Generated from src/api/billink-common by `npm run docs:errors`; a test keeps it equal. -->',
    '',
    'Billink numbers its error codes per endpoint: 402 is a phone format in Check and an unknown',
    'workflow in Order. Achteraf keeps one table per endpoint, copied verbatim from Billink\'s published',
    'tables (a test compares them), and maps each of its own core error codes onto one of them. The same',
    'codes and descriptions are used by the legacy XML API and the v2 JSON API.',
    '',
    'Three answers sit outside the per-endpoint tables because they happen before an endpoint is known',
    'or has run: **601** `Errors parsing xml file` for malformed XML, DOCTYPE/ENTITY declarations and',
    'bodies over 256 KiB or 10,000 tags (the Credit path answers its own 601 text, `XML empty or not found`); and **603**',
    '`Redirect Billink API error` for any unexpected failure, logged with the request id.',
    '',
    'A code with nothing under "raised when" is in Billink\'s table but never produced by Achteraf, because',
    'nothing Achteraf does leads to it (for example 607 "Client or customer not found" or 703 "Missing',
    'financial arrangement").',
    '',
    'A request holding a character XML 1.0 forbids (a control character other than tab, LF and CR, NUL,',
    'U+FFFE or U+FFFF) is not well-formed XML and answers **601** too, after the credentials are',
    'checked, so such a character in `CLIENTUSERNAME` answers 101 like any unknown name. The v2 API',
    'answers 601 for the same characters, and lone surrogates, in any JSON string (docs/security.md).',
    '',
    'Placeholders such as `%number%` are filled in with the value from the request.',
  ];
  for (const [title, errors, note] of ENDPOINTS) {
    out.push('', `## ${title}`, '');
    if (note) out.push(note, '');
    out.push('| code | description | raised when |', '|---|---|---|');
    // Numeric order: '001' is not an array index, so object order would put it last.
    const rows = Object.entries(errors.catalogue).sort(([a], [b]) => Number(a) - Number(b));
    for (const [code, description] of rows) {
      const causes = Object.entries(errors.map)
        .filter(([, wire]) => wire === code)
        .map(([core]) => `${WHEN[core] ?? core} (\`${core}\`)`);
      out.push(`| ${code} | ${description.replace(/\|/g, '\\|')} | ${causes.join('; ')} |`);
    }
  }
  return `${out.join('\n')}\n`;
}
