/**
 * Use case: a partner registers a new merchant (spec §2.15). Every required field is checked and
 * all missing or malformed ones are named at once; the merchant gets a fresh 40-hex client id, a
 * unique short code derived from its company name and the standard workflows 1–3 (spec §3), and
 * its own Buckaroo website key and secret key (docs/buckaroo.md "Credentials").
 */
import type { CoreContext } from '../context.js';
import { isValidIban } from '../orders/bank-account.js';
import { COUNTRY_CODES } from '../orders/country-codes.js';
import { isEmail, isPhoneNumber } from '../orders/customer.js';
import type { Ids } from '../shared/ids.js';
import { issuePspCredentials, type PspCredentialPair } from '../psp/psp-credentials.js';
import { DAY } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { Merchant, Workflow } from './merchant.js';
import { DEFAULT_WEBSHOP_SETTINGS } from './webshop-settings.js';
import { DEFAULT_WORKFLOW_DEFINITION } from '../workflows/workflow-definition.js';
import { buildWorkflow, WORKFLOW_NUMBERS, type WorkflowSettingsInput } from '../workflows/workflow-settings.js';

export const CREATE_MERCHANT_ERRORS = ['fields_missing', 'fields_invalid', 'username_taken'] as const;
export type CreateMerchantError = (typeof CREATE_MERCHANT_ERRORS)[number];

/** The fields spec §2.15 marks required, in the order the error names them. */
export const REQUIRED_MERCHANT_FIELDS = [
  'partnerUsername', 'partnerId', 'username', 'email', 'companyName', 'firstName', 'lastName', 'phone',
  'contactEmail', 'contactPhone', 'street', 'houseNumber', 'postCode', 'city', 'countryCode', 'cocNumber',
  'vatNumber', 'bankAccountNumber', 'bic', 'tnv',
] as const;
export type RequiredMerchantField = (typeof REQUIRED_MERCHANT_FIELDS)[number];
export type OptionalMerchantField = 'houseExtension' | 'clientPlatform' | 'method' | 'website' | 'logoBase64';

export type CreateMerchantInput = Partial<Record<RequiredMerchantField | OptionalMerchantField, string>> & {
  /** A sandbox merchant honours BACKDOOR and the test triggers; a live one never does. */
  sandbox?: boolean | undefined;
  /** Whether to hand out a link where the merchant sets its own password (default yes). */
  changePasswordLink?: boolean | undefined;
  /** The merchant's own workflows instead of the standard ones; 'unreadable' when not a list. */
  workflows?: readonly NewWorkflowSettings[] | 'unreadable' | undefined;
};

/** One workflow of a new merchant: its number and settings; what it leaves out takes the defaults. */
export interface NewWorkflowSettings extends WorkflowSettingsInput {
  number: number | undefined;
}

export const MAX_WORKFLOWS = 20;

/** Everything the partner told about the merchant beyond the account itself. */
export type MerchantProfile = Partial<Record<RequiredMerchantField | OptionalMerchantField, string>>;

export interface CreatedMerchant {
  merchant: Merchant;
  /** Present when a change-password link was asked for. */
  passwordLink: { token: string; expiresAt: Date } | undefined;
  /** The merchant's own Buckaroo pair; the answer is the only place its secret key is shown. */
  pspCredentials: PspCredentialPair;
}

/** The same products every sandbox merchant has (src/store/seed-sandbox.ts; a test keeps them equal). */
export const STANDARD_WORKFLOWS: readonly Workflow[] = [
  { number: 1, name: 'Guaranteed, private and small business', guaranteed: true, maxAmount: 40_000, customerTypes: ['P', 'B'], paymentTermDays: 14 },
  { number: 2, name: 'Guaranteed, large orders', guaranteed: true, maxAmount: 250_000, customerTypes: ['P', 'B'], paymentTermDays: 14 },
  { number: 3, name: 'No guarantee', guaranteed: false, maxAmount: null, customerTypes: ['P', 'B'], paymentTermDays: 14 },
];

export const PASSWORD_LINK_DAYS = 7;
/** A logo of about 500 KiB; the whole request is capped at 1 MiB anyway. */
export const MAX_LOGO_BASE64_LENGTH = 700_000;

type FieldRule = (value: string) => boolean;

const RULES: Partial<Record<RequiredMerchantField | OptionalMerchantField, FieldRule>> = {
  username: (v) => /^[A-Za-z0-9._@-]{3,64}$/.test(v),
  email: isEmail,
  contactEmail: isEmail,
  phone: isPhoneNumber,
  contactPhone: isPhoneNumber,
  companyName: (v) => v.length >= 2 && v.length <= 100,
  houseNumber: (v) => /^\d{1,6}$/.test(v),
  houseExtension: (v) => v.length <= 10,
  countryCode: (v) => COUNTRY_CODES.has(v.toUpperCase()),
  cocNumber: (v) => v.length >= 5 && v.length <= 25,
  vatNumber: (v) => /^[A-Za-z]{2}[A-Za-z0-9]{2,13}$/.test(v.replace(/[\s.]/g, '')),
  bankAccountNumber: isValidIban,
  bic: (v) => /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(v.toUpperCase()),
  website: (v) => /^https?:\/\/[^\s]+$/.test(v) && v.length <= 255,
  logoBase64: (v) => v.length <= MAX_LOGO_BASE64_LENGTH && /^[A-Za-z0-9+/]+={0,2}$/.test(v),
};

export async function createMerchant(context: CoreContext, input: CreateMerchantInput): Promise<CreatedMerchant> {
  const missing = REQUIRED_MERCHANT_FIELDS.filter((field) => !input[field]?.trim());
  if (missing.length > 0) throw new DomainError<CreateMerchantError>('fields_missing', { fields: missing.join(', ') });
  const profile: MerchantProfile = {};
  const invalid: string[] = [];
  for (const [field, value] of Object.entries(input) as [keyof MerchantProfile, unknown][]) {
    if (typeof value !== 'string' || !value.trim()) continue;
    const text = value.trim();
    const rule = RULES[field];
    if (rule && !rule(text)) invalid.push(field);
    profile[field] = text;
  }
  const workflows = merchantWorkflows(input.workflows, invalid);
  if (invalid.length > 0) throw new DomainError<CreateMerchantError>('fields_invalid', { fields: invalid.join(', ') });

  const now = context.clock.now();
  const username = profile.username!;
  const created = await context.store.transaction(async (tx) => {
    await tx.merchantAccounts.lockRegistrations();
    if (await tx.merchantAccounts.usernameTaken(username)) {
      throw new DomainError<CreateMerchantError>('username_taken', { username });
    }
    let code = '';
    for (const candidate of codeCandidates(profile.companyName!)) {
      if (!(await tx.merchantAccounts.codeTaken(candidate))) {
        code = candidate;
        break;
      }
    }
    const merchant: Merchant = {
      id: `m_${context.ids.uuid().replaceAll('-', '')}`,
      username,
      clientId: newClientId(context.ids),
      code,
      name: profile.companyName!,
      email: profile.email!,
      mode: input.sandbox === true ? 'sandbox' : 'live',
      testClockOffsetMs: 0,
      workflows,
    };
    const passwordLink =
      input.changePasswordLink === false
        ? undefined
        : { token: context.ids.token(), expiresAt: new Date(now.getTime() + PASSWORD_LINK_DAYS * DAY) };
    await tx.merchantAccounts.insert({ merchant, settings: DEFAULT_WEBSHOP_SETTINGS, profile, createdAt: now, passwordLink });
    const pspCredentials = await issuePspCredentials(context.ids, (pair) => tx.pspCredentials.save(merchant.id, pair, now));
    return { merchant, passwordLink, pspCredentials };
  });
  // A lookup of this username before it existed may still be remembered as "unknown".
  context.store.merchants.forget(username);
  return created;
}

/**
 * The standard workflows, or the partner's own list (docs/v2-api.md "Merchant create"): each entry
 * needs a number from 1 to 99, once; a name defaults to "Workflow <number>" and every other setting
 * to the definition's defaults. Broken values go to `invalid` as `workflows[<index>].<place>`.
 */
function merchantWorkflows(given: CreateMerchantInput['workflows'], invalid: string[]): readonly Workflow[] {
  if (given === undefined) return STANDARD_WORKFLOWS;
  if (given === 'unreadable' || given.length === 0 || given.length > MAX_WORKFLOWS) {
    invalid.push('workflows');
    return [];
  }
  const [low, high] = WORKFLOW_NUMBERS;
  const seen = new Set<number>();
  const workflows: Workflow[] = [];
  given.forEach((item, index) => {
    const number = item.number;
    const broken: string[] = [];
    if (number === undefined || !Number.isInteger(number) || number < low || number > high || seen.has(number)) broken.push('workflowNumber');
    else seen.add(number);
    const built = buildWorkflow(number ?? 0, item, { name: `Workflow ${number ?? ''}`, definition: DEFAULT_WORKFLOW_DEFINITION });
    if (built.ok) workflows.push(built.workflow);
    else broken.push(...built.fields);
    invalid.push(...[...new Set(broken)].map((field) => `workflows[${index}].${field}`));
  });
  return workflows.sort((a, b) => a.number - b.number);
}

/**
 * Codes like Billink's `TST` or `AB` (spec §2.2): the first four letters or digits of the company
 * name, accents dropped, upper case; then the same with 2, 3, … appended until one is free.
 */
export function* codeCandidates(companyName: string): Generator<string> {
  const letters = companyName
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase();
  const base = (letters.length >= 2 ? letters : `M${letters}X`).slice(0, 4);
  yield base;
  for (let suffix = 2; ; suffix++) yield `${base}${suffix}`;
}

/**
 * A 40-hex client id like Billink's SHA-1 "uid" (spec §1.3), from the injected random source: the
 * random hex digits of two version 4 UUIDs (version and variant digits dropped), 160 bits in all.
 */
export function newClientId(ids: Ids): string {
  const randomHex = (uuid: string) => {
    const hex = uuid.replaceAll('-', '').toLowerCase();
    return hex.slice(0, 12) + hex.slice(13, 16) + hex.slice(17);
  };
  return (randomHex(ids.uuid()) + randomHex(ids.uuid())).slice(0, 40);
}
