/** Use case: a note from the merchant to customer service, kept with the invoice (spec §2.9). */
import { merchantNow } from '../shared/merchant-clocks.js';
import type { CoreContext } from '../context.js';
import type { Merchant } from '../merchants/merchant.js';
import { DomainError } from '../shared/errors.js';
import { type InvoiceReference, workflowMatches } from './invoice-reference.js';

export const MESSAGE_ERRORS = ['invoice_number_missing', 'message_missing', 'message_too_long', 'invoice_unknown'] as const;
export type MessageError = (typeof MESSAGE_ERRORS)[number];

export const MAX_MESSAGE_LENGTH = 5000;

export async function addMessage(
  context: CoreContext,
  merchant: Merchant,
  input: InvoiceReference & { message?: string | undefined },
): Promise<void> {
  const fail = (code: MessageError): never => {
    throw new DomainError(code);
  };
  const number = input.number?.trim();
  if (!number) fail('invoice_number_missing');
  if (!input.message?.trim()) fail('message_missing');
  if (input.message!.length > MAX_MESSAGE_LENGTH) fail('message_too_long');
  // A write, so it runs in a transaction of its own like every other use case (house rule 4).
  await context.store.transaction(async (tx) => {
    const invoice = await tx.invoices.find(merchant.id, number!);
    if (!invoice || !workflowMatches(input, invoice.workflowNumber)) return fail('invoice_unknown');
    await tx.messages.insert({ invoiceId: invoice.id, body: input.message!, at: merchantNow(context, merchant) });
  });
}
