/**
 * POST /v2/client/webshop-settings (spec §2.14): `{status, minimum_paid_orders, period,
 * total_amount_higher_than, whitelist}`, every key present because Magento's validator requires
 * them all. `status` is "success" as on the other v2 answers with a status; `period` counts days;
 * the amount is a decimal string in euros (docs/v2-api.md).
 */
import type { FastifyInstance } from 'fastify';
import { webshopSettings } from '../../../core/merchants/webshop-settings.js';
import type { AuthError } from '../../../core/shared/errors.js';
import { formatAmount } from '../../../core/shared/money.js';
import type { EndpointErrors } from '../../billink-common/wire-error.js';
import { registerManagementRoute } from '../management-route.js';
import { CREDENTIAL_PROPERTIES } from '../schemas/common.js';
import type { V2Context } from '../v2-context.js';

/** No published table; the credential codes every seed table shares. */
export const WEBSHOP_SETTINGS_WIRE_ERRORS = {
  '101': 'Unknown client username or client id',
  '102': 'Unknown client username or client id',
  '603': 'Redirect Billink API error',
} as const;

export const WEBSHOP_SETTINGS_ERRORS = {
  catalogue: WEBSHOP_SETTINGS_WIRE_ERRORS,
  map: { username_unknown: '101', client_id_wrong: '102' } satisfies Record<AuthError, keyof typeof WEBSHOP_SETTINGS_WIRE_ERRORS>,
} satisfies EndpointErrors;

export function webshopSettingsRoute(app: FastifyInstance, context: V2Context): void {
  registerManagementRoute(app, context, {
    path: '/v2/client/webshop-settings',
    summary: "The merchant's settings for a customer's trust score (payTrustScore)",
    errors: WEBSHOP_SETTINGS_ERRORS,
    body: { properties: CREDENTIAL_PROPERTIES, required: ['billinkUsername', 'billinkID'] },
    response: {
      type: 'object',
      properties: {
        status: { const: 'success' },
        minimum_paid_orders: { type: 'integer', description: 'Paid orders a customer needs to be trusted' },
        period: { type: 'integer', description: 'Days back in which those orders count' },
        total_amount_higher_than: { type: 'string', description: 'Euros those orders must exceed together, e.g. "0.00"' },
        whitelist: { type: 'array', items: { type: 'string' }, description: 'Customer e-mail addresses trusted outright' },
      },
      required: ['status', 'minimum_paid_orders', 'period', 'total_amount_higher_than', 'whitelist'],
    },
    async handle(merchant, _body, context) {
      const settings = await webshopSettings(context, merchant);
      return {
        status: 'success',
        minimum_paid_orders: settings.minimumPaidOrders,
        period: settings.periodDays,
        total_amount_higher_than: formatAmount(settings.totalAmountHigherThan),
        whitelist: [...settings.whitelist],
      };
    },
  });
}
