/**
 * Use case: open a dispute on one invoice (spec §2.16). In one transaction with the invoice row
 * locked: the dispute row is written and the life cycle's `dispute_open` pauses every timer of the
 * invoice (its `dispute_opened` event in the outbox), so no reminder or cost follows while the
 * dispute is open. A second open dispute on the same invoice is refused.
 */
import type { CoreContext } from '../context.js';
import type { Merchant } from '../merchants/merchant.js';
import { applyToInvoice } from '../invoices/life-cycle/apply-to-invoice.js';
import { merchantNow } from '../shared/merchant-clocks.js';
import { DomainError } from '../shared/errors.js';
import { checkDisputeFile, DISPUTE_CATEGORIES, type Dispute, MAX_DISPUTE_MESSAGE_LENGTH, type NewDispute } from './dispute.js';

export const OPEN_DISPUTE_ERRORS = [
  'invoice_number_missing',
  'invoice_unknown',
  'dispute_category_invalid',
  'dispute_customer_email_invalid',
  'dispute_customer_name_missing',
  'dispute_message_missing',
  'dispute_message_too_long',
  'dispute_locale_invalid',
  'dispute_file_name_missing',
  'dispute_file_type',
  'dispute_file_too_large',
  'dispute_file_invalid',
  'dispute_already_open',
  'dispute_not_possible',
] as const;
export type OpenDisputeError = (typeof OPEN_DISPUTE_ERRORS)[number];

export interface OpenDisputeInput {
  invoiceNumber: string | undefined;
  category: string | undefined;
  customerEmail: string | undefined;
  customerName: string | undefined;
  locale: string | undefined;
  message: string | undefined;
  fileName: string | undefined;
  /** Base64 text as sent. */
  file: string | undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function openDispute(context: CoreContext, merchant: Merchant, input: OpenDisputeInput): Promise<Dispute> {
  const fail = (code: OpenDisputeError): never => {
    throw new DomainError(code);
  };
  const number = input.invoiceNumber ?? fail('invoice_number_missing');
  const category = /^\d{1,3}$/.test(input.category ?? '') ? Number(input.category) : undefined;
  if (category === undefined || !DISPUTE_CATEGORIES.some((known) => known.id === category)) fail('dispute_category_invalid');
  const customerEmail = input.customerEmail ?? '';
  if (!EMAIL.test(customerEmail) || customerEmail.length > 254) fail('dispute_customer_email_invalid');
  const customerName = input.customerName ?? fail('dispute_customer_name_missing');
  const message = input.message ?? fail('dispute_message_missing');
  if (message.length > MAX_DISPUTE_MESSAGE_LENGTH) fail('dispute_message_too_long');
  // Billink's clients send `nl`, `en` or a full tag such as `nl-NL`/`en_GB`; Dutch when absent.
  const language = (input.locale ?? 'nl').toLowerCase().slice(0, 2);
  if (language !== 'nl' && language !== 'en') fail('dispute_locale_invalid');

  let file: { type: NewDispute['fileType']; bytes: Uint8Array } | undefined;
  if (input.file !== undefined) {
    const fileName = input.fileName ?? fail('dispute_file_name_missing');
    const checked = checkDisputeFile(fileName, input.file);
    if (typeof checked === 'string') fail(checked);
    else file = checked;
  }

  return context.store.transaction(async (tx) => {
    const invoice = await tx.invoices.findForUpdate(merchant.id, number);
    if (!invoice) return fail('invoice_unknown');
    // Only a running workflow has collection to pause: before the start the customer has had no
    // invoice, and a paid or credited invoice has nothing left to collect.
    if (invoice.status !== 'open' || invoice.step === 'not_started') fail('dispute_not_possible');
    if (await tx.disputes.findOpen(invoice.id)) fail('dispute_already_open');
    const now = merchantNow(context, merchant);
    const applied = await applyToInvoice(tx, merchant, invoice, { type: 'dispute_open' }, now);
    if (!applied.ok) fail(applied.refusal === 'dispute_already_open' ? 'dispute_already_open' : 'dispute_not_possible');
    const dispute: NewDispute = {
      id: context.ids.uuid(),
      merchantId: merchant.id,
      invoiceId: invoice.id,
      category: category!,
      customerEmail,
      customerName,
      locale: language as 'nl' | 'en',
      message,
      fileName: file ? input.fileName : undefined,
      fileType: file?.type,
      file: file?.bytes,
      openedAt: now,
    };
    if (!(await tx.disputes.insert(dispute))) fail('dispute_already_open');
    return { ...dispute, invoiceNumber: invoice.merchantNumber, fileSize: file?.bytes.length, resolvedAt: undefined, resolution: undefined };
  });
}
