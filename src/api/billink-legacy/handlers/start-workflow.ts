/** ACTION `activate order` (spec §2.3): MSG/CODE 500 with a STATUSES item per invoice. */
import { startWorkflows, type StartWorkflowItemResult } from '../../../core/workflows/start-workflow.js';
import type { LegacyEndpoint } from '../endpoint.js';
import { START_WORKFLOW_ERRORS } from '../errors/start-workflow-errors.js';
import { messageResponse, type XmlNode } from '../xml-response.js';

/** Per-item codes and texts as WooCommerce's sample shows them, its spelling included. */
const ITEM_CODES: Record<StartWorkflowItemResult, [code: string, message: string]> = {
  started: ['500', 'Success'],
  already_started: ['707', 'Order workflow is allready started'],
  unknown: ['-1', 'Order does not exist'],
};

export const startWorkflowEndpoint: LegacyEndpoint = {
  errors: START_WORKFLOW_ERRORS,
  async handle(context, merchant, request) {
    const workflowNumber = request.text('WORKFLOWNUMBER');
    const results = await startWorkflows(
      context,
      merchant,
      (request.list('INVOICES') ?? []).map((item) => ({
        number: item.text('INVOICENUMBER'),
        workflowNumber: item.text('WORKFLOWNUMBER') ?? workflowNumber,
      })),
    );
    const items: XmlNode[] = results.map(({ number, result }) => {
      const [code, message] = ITEM_CODES[result];
      return ['ITEM', [['INVOICENUMBER', number], ['MESSAGE', message], ['CODE', code]]];
    });
    return messageResponse([['CODE', '500'], ['STATUSES', items]]);
  },
};
