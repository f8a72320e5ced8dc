/**
 * Billink numbers error codes per endpoint (seeds 001). The catalogues must equal the published
 * tables, and every core code a use case can raise must reach a code of its endpoint's table: the
 * compiler checks the maps against the core's types, this test checks them against the runtime
 * lists the use cases raise from.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { CHECK_ERRORS } from '../../src/api/billink-common/check-errors.js';
import { CREDIT_ERRORS } from '../../src/api/billink-common/credit-errors.js';
import { FILE_ERRORS } from '../../src/api/billink-common/file-errors.js';
import { MESSAGE_ERRORS } from '../../src/api/billink-common/message-errors.js';
import { CLOCK_ERRORS } from '../../src/api/billink-common/clock-errors.js';
import { TEST_CLOCK_ERRORS } from '../../src/core/sandbox/test-clock.js';
import { ON_HOLD_ERRORS } from '../../src/api/billink-common/on-hold-errors.js';
import { ORDER_ERRORS } from '../../src/api/billink-common/order-errors.js';
import { PAYMENT_ERRORS } from '../../src/api/billink-common/payment-errors.js';
import { START_WORKFLOW_ERRORS } from '../../src/api/billink-common/start-workflow-errors.js';
import { STATUS_ERRORS } from '../../src/api/billink-common/status-errors.js';
import { type EndpointErrors, toWireError } from '../../src/api/billink-common/wire-error.js';
import { CHECK_ERRORS as CORE_CHECK_ERRORS } from '../../src/core/credit/run-check.js';
import { MESSAGE_ERRORS as CORE_MESSAGE_ERRORS } from '../../src/core/invoices/add-message.js';
import { FIND_INVOICE_ERRORS } from '../../src/core/invoices/find-invoice.js';
import { STATUS_ERRORS as CORE_STATUS_ERRORS } from '../../src/core/invoices/invoice-status.js';
import { CHECK_ONLY_CUSTOMER_ERRORS, CUSTOMER_ERRORS, ORDER_ONLY_CUSTOMER_ERRORS } from '../../src/core/orders/customer.js';
import { LINE_ERRORS } from '../../src/core/orders/order-lines.js';
import { ORDER_ERRORS as CORE_ORDER_ERRORS } from '../../src/core/orders/place-order.js';
import { CREDIT_ERRORS as CORE_CREDIT_ERRORS } from '../../src/core/payments/apply-credit.js';
import { PAYMENT_ERRORS as CORE_PAYMENT_ERRORS } from '../../src/core/payments/register-payment.js';
import { AUTH_ERRORS } from '../../src/core/shared/errors.js';
import { ON_HOLD_ERRORS as CORE_ON_HOLD_ERRORS } from '../../src/core/workflows/put-on-hold.js';
import { RESUME_ERRORS } from '../../src/core/workflows/resume-workflow.js';
import { START_WORKFLOW_ERRORS as CORE_START_WORKFLOW_ERRORS } from '../../src/core/workflows/start-workflow.js';

type Row = [code: string, text: string];

/** The fixture's tables: the lines under each "All available error codes and messages for X API:". */
function publishedTables(): Map<string, Row[]> {
  const tables = new Map<string, Row[]>();
  let current: Row[] | undefined;
  for (const line of readFileSync(new URL('../fixtures/billink-error-tables.txt', import.meta.url), 'utf8').split('\n')) {
    const heading = /^All available error codes and messages for (.+) API:$/.exec(line);
    if (heading) {
      current = [];
      tables.set(heading[1]!, current);
      continue;
    }
    const row = /^(\d{3}) \| (.*) \|$/.exec(line);
    if (row && current) current.push([row[1]!, row[2]!]);
  }
  return tables;
}

const PUBLISHED = publishedTables();

const CATALOGUES: Record<string, EndpointErrors> = {
  Check: CHECK_ERRORS,
  Order: ORDER_ERRORS,
  Credit: CREDIT_ERRORS,
  Status: STATUS_ERRORS,
  'Start Workflow': START_WORKFLOW_ERRORS,
  Payment: PAYMENT_ERRORS,
  'On Hold': ON_HOLD_ERRORS,
};

/** Codes every contract raises before an endpoint runs (routes.ts). */
const FRONT_DOOR = [...AUTH_ERRORS, 'version_unknown', 'action_unknown'];

describe('the error catalogues equal the tables Billink publishes', () => {
  test('the fixture holds the seven published tables', () => {
    assert.deepEqual([...PUBLISHED.keys()], Object.keys(CATALOGUES));
    assert.equal([...PUBLISHED.values()].reduce((sum, rows) => sum + rows.length, 0), 151);
  });

  for (const [name, errors] of Object.entries(CATALOGUES)) {
    test(`the ${name} catalogue has the same codes, texts and order as the ${name} table`, () => {
      // JavaScript lists integer-like keys ("101") in ascending order and "001" after them; the
      // published tables are ascending with 001 first, so compare in numeric order.
      const catalogue = Object.entries(errors.catalogue).sort(([a], [b]) => Number(a) - Number(b));
      assert.deepEqual(catalogue, PUBLISHED.get(name));
    });
  }

  test('the File and Message catalogues, which have no published table, reuse the shared texts exactly', () => {
    const check = new Map(PUBLISHED.get('Check'));
    for (const errors of [FILE_ERRORS, MESSAGE_ERRORS] as EndpointErrors[]) {
      for (const code of ['001', '101', '102', '103', '601', '603']) {
        assert.equal(errors.catalogue[code], check.get(code), code);
      }
    }
  });
});

describe('every core error code reaches a code of its endpoint table', () => {
  const checkCustomer = CUSTOMER_ERRORS.filter((code) => !(ORDER_ONLY_CUSTOMER_ERRORS as readonly string[]).includes(code));
  const orderCustomer = CUSTOMER_ERRORS.filter((code) => !(CHECK_ONLY_CUSTOMER_ERRORS as readonly string[]).includes(code));
  const raised: Record<string, [EndpointErrors, readonly string[]]> = {
    Check: [CHECK_ERRORS, [...CORE_CHECK_ERRORS, ...checkCustomer]],
    Order: [ORDER_ERRORS, [...CORE_ORDER_ERRORS, ...orderCustomer, ...LINE_ERRORS]],
    Status: [STATUS_ERRORS, CORE_STATUS_ERRORS],
    'Start Workflow': [START_WORKFLOW_ERRORS, CORE_START_WORKFLOW_ERRORS],
    Credit: [CREDIT_ERRORS, CORE_CREDIT_ERRORS],
    Payment: [PAYMENT_ERRORS, CORE_PAYMENT_ERRORS],
    'On Hold': [ON_HOLD_ERRORS, [...CORE_ON_HOLD_ERRORS, ...RESUME_ERRORS]],
    File: [FILE_ERRORS, FIND_INVOICE_ERRORS],
    Message: [MESSAGE_ERRORS, CORE_MESSAGE_ERRORS],
    'Sandbox clock': [CLOCK_ERRORS, TEST_CLOCK_ERRORS],
  };

  for (const [name, [errors, codes]] of Object.entries(raised)) {
    test(`each code the ${name} use case raises, and each front-door code, maps to a code and text of the ${name} table`, () => {
      for (const code of [...FRONT_DOOR, ...codes]) {
        const wire = toWireError(errors, code, { number: 'X', id: 'X', vat_values: 'X' });
        assert.ok(wire, `${name} has no wire code for ${code}`);
        assert.match(wire.code, /^\d{3}$/);
        assert.ok(wire.description.length > 0);
      }
    });

    test(`the ${name} map names no core code that nothing raises`, () => {
      const known = new Set([...FRONT_DOOR, ...codes]);
      assert.deepEqual(Object.keys(errors.map).filter((code) => !known.has(code)), []);
    });
  }

  test('the Check and Order customer rules together cover every customer code', () => {
    assert.deepEqual(new Set([...checkCustomer, ...orderCustomer]), new Set(CUSTOMER_ERRORS));
  });
});
