/** ACTION Order (spec §2.2): code 200 and the Billink invoice number, or a dry run with VALIDATEORDER=Y. */
import { placeOrder } from '../../../core/orders/place-order.js';
import type { LegacyEndpoint } from '../endpoint.js';
import { ORDER_ERRORS } from '../../billink-common/order-errors.js';
import { messageResponse } from '../xml-response.js';
import { readCustomer } from './read-customer.js';

export const orderEndpoint: LegacyEndpoint = {
  errors: ORDER_ERRORS,
  async handle(context, merchant, request) {
    const outcome = await placeOrder(context, merchant, {
      ...readCustomer(request),
      workflowNumber: request.text('WORKFLOWNUMBER'),
      orderNumber: request.text('ORDERNUMBER'),
      date: request.text('DATE'),
      currency: request.text('CURRENCY'),
      checkUuid: request.text('CHECKUUID'),
      // Both spellings are in use (spec §2.2).
      additionalText: request.firstText('ADITIONALTEXT', 'ADDITIONALTEXT'),
      trackAndTrace: request.text('TRACKANDTRACE'),
      bankAccountNumber: request.text('BANKACCOUNTNUMBER'),
      bankAccountHolder: request.text('BANKACCOUNTHOLDER'),
      mandateId: request.text('MANDATEID'),
      mandateType: request.text('MANDATETYPE'),
      // Clients send Y (spec §2.2); other yes-words mean a dry run too, never a real order by mistake.
      validateOnly: /^(y|yes|j|ja|1|true)$/i.test(request.text('VALIDATEORDER') ?? ''),
      items: request.list('ORDERITEMS')?.map((item) => ({
        code: item.text('CODE'),
        description: item.text('DESCRIPTION'),
        // Magento sends only ITEMQUANTITY, the Ruby gem ITEM_QUANTITY (spec §2.2).
        quantity: item.firstText('ORDERQUANTITY', 'ITEMQUANTITY', 'ITEM_QUANTITY'),
        priceInclusive: item.text('PRICEINCL'),
        priceExclusive: item.text('PRICEEXCL'),
        vat: item.text('BTW'),
      })),
    });
    if (outcome.validated) return messageResponse([['CODE', '200'], ['DESCRIPTION', 'Order successfully validated']]);
    return messageResponse([
      ['CODE', '200'],
      ['DESCRIPTION', 'Order successfully added'],
      ['INVOICE', outcome.invoice.invoiceNumber],
    ]);
  },
};
