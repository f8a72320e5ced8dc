/** ACTION `activate order` (spec §2.3): MSG/CODE 500 with a STATUSES item per invoice. */
import { startWorkflows } from '../../../core/workflows/start-workflow.js';
import { START_WORKFLOW_ITEMS } from '../../billink-common/item-results.js';
import type { LegacyEndpoint } from '../endpoint.js';
import { START_WORKFLOW_ERRORS } from '../../billink-common/start-workflow-errors.js';
import { messageResponse, type XmlNode } from '../xml-response.js';

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
      const [code, message] = START_WORKFLOW_ITEMS[result];
      return ['ITEM', [['INVOICENUMBER', number], ['MESSAGE', message], ['CODE', code]]];
    });
    return messageResponse([['CODE', '500'], ['STATUSES', items]]);
  },
};
