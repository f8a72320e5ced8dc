/** The legacy calls the scenarios chain, each reading its answer and passing on what the next needs. */
import type { ChainStep } from './closed-loop.js';
import { type BenchCustomer, checkXml, invoiceIn, newCustomer, newOrderNumber, orderXml, SUCCESS, uuidIn } from './legacy-xml.js';

/** Check for a new customer, then the order with the UUID it handed out; `placed` collects invoice numbers. */
export function pairSteps(placed?: { push(invoice: string): void }): ChainStep[] {
  return [
    {
      name: 'check',
      path: '/api/check',
      body(state) {
        state.customer = newCustomer();
        return checkXml(state.customer as BenchCustomer);
      },
      accept(body, state) {
        state.uuid = uuidIn(body);
        return SUCCESS.check(body);
      },
    },
    {
      name: 'order',
      path: '/api/order',
      body: (state) => orderXml((state.customer as BenchCustomer | undefined) ?? newCustomer(), String(state.uuid), newOrderNumber()),
      accept(body, state) {
        state.invoice = invoiceIn(body);
        if (placed && typeof state.invoice === 'string') placed.push(state.invoice);
        return SUCCESS.order(body);
      },
    },
  ];
}
