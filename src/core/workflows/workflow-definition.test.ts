import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  acceptsOrder,
  buildWorkflowDefinition,
  DEFAULT_WORKFLOW_DEFINITION,
  definitionOfWorkflow,
  reminderName,
  STEP_NAMES,
} from './workflow-definition.js';

describe('the default workflow definition', () => {
  test('has a 14-day term, a 3-day start delay, one free reminder after 7 days and the 40.00 business compensation', () => {
    assert.equal(DEFAULT_WORKFLOW_DEFINITION.paymentTermDays, 14);
    assert.equal(DEFAULT_WORKFLOW_DEFINITION.startDelayDays, 3);
    assert.deepEqual(DEFAULT_WORKFLOW_DEFINITION.reminders, [{ waitDays: 7, fee: 0 }]);
    assert.equal(DEFAULT_WORKFLOW_DEFINITION.finalNoticeWaitDays, 14);
    assert.equal(DEFAULT_WORKFLOW_DEFINITION.businessCompensation, 4_000);
    assert.equal(DEFAULT_WORKFLOW_DEFINITION.guaranteed, true);
    assert.deepEqual(DEFAULT_WORKFLOW_DEFINITION.customerTypes, ['P', 'B']);
  });

  test('names its steps as status DESCRIPTION shows them', () => {
    assert.equal(STEP_NAMES.not_started, 'No steps given');
    assert.equal(STEP_NAMES.wait_for_payment, 'Wait for payment');
    assert.equal(reminderName(1), 'Reminder 1');
    assert.equal(STEP_NAMES.final_notice, 'Final notice');
    assert.equal(STEP_NAMES.collection, 'Collection');
  });

  test('cannot be changed by accident', () => {
    assert.throws(() => {
      (DEFAULT_WORKFLOW_DEFINITION as { paymentTermDays: number }).paymentTermDays = 30;
    });
  });
});

describe('building a definition', () => {
  test('takes what is given and the defaults for the rest', () => {
    const built = buildWorkflowDefinition({ paymentTermDays: 30, payout: { feeBasisPoints: 150 } });
    assert.equal(built.ok, true);
    if (!built.ok) return;
    assert.equal(built.definition.paymentTermDays, 30);
    assert.equal(built.definition.startDelayDays, 3);
    assert.deepEqual(built.definition.payout, { guaranteedAfterDays: 14, feeBasisPoints: 150, feeFixed: 0 });
  });

  test('reports every broken value at once, with the reminder it belongs to', () => {
    const built = buildWorkflowDefinition({
      paymentTermDays: 0,
      startDelayDays: 1.5,
      reminders: [{ waitDays: 7, fee: 0 }, { waitDays: 7, fee: 20_000 }],
      customerTypes: [],
      payout: { feeBasisPoints: 10_001 },
    });
    assert.equal(built.ok, false);
    if (built.ok) return;
    assert.deepEqual(built.problems, [
      { field: 'paymentTermDays', code: 'out_of_range' },
      { field: 'startDelayDays', code: 'not_whole' },
      { field: 'reminderFee', index: 1, code: 'out_of_range' },
      { field: 'feeBasisPoints', code: 'out_of_range' },
      { field: 'customerTypes', code: 'customer_types_invalid' },
    ]);
  });

  test('refuses a customer type twice or one that does not exist', () => {
    assert.equal(buildWorkflowDefinition({ customerTypes: ['P', 'P'] }).ok, false);
    assert.equal(buildWorkflowDefinition({ customerTypes: ['X' as 'P'] }).ok, false);
    assert.equal(buildWorkflowDefinition({ customerTypes: ['B'] }).ok, true);
  });

  test('allows a workflow without reminders and without a maximum', () => {
    const built = buildWorkflowDefinition({ reminders: [], maxAmount: null });
    assert.equal(built.ok, true);
  });

  test('refuses more than five reminders', () => {
    const reminders = Array.from({ length: 6 }, () => ({ waitDays: 7, fee: 0 }));
    assert.deepEqual(buildWorkflowDefinition({ reminders }), { ok: false, problems: [{ field: 'reminderCount', code: 'out_of_range' }] });
  });
});

describe('a stored workflow', () => {
  const stored = { number: 1, name: 'Standard', guaranteed: false, maxAmount: 50_000, customerTypes: ['P'] as const, paymentTermDays: 30 };

  test('keeps its own term, guarantee, maximum and customer types', () => {
    const definition = definitionOfWorkflow(stored);
    assert.equal(definition.paymentTermDays, 30);
    assert.equal(definition.guaranteed, false);
    assert.equal(definition.maxAmount, 50_000);
    assert.deepEqual(definition.customerTypes, ['P']);
    assert.equal(definition.startDelayDays, 3);
  });

  test('accepts only orders of its customer types up to its maximum', () => {
    const definition = definitionOfWorkflow(stored);
    assert.equal(acceptsOrder(definition, 'P', 50_000), true);
    assert.equal(acceptsOrder(definition, 'P', 50_001), false);
    assert.equal(acceptsOrder(definition, 'B', 100), false);
  });

  test('with a term outside the bounds falls back to the default course but keeps its money side', () => {
    const definition = definitionOfWorkflow({ ...stored, paymentTermDays: 0 });
    assert.equal(definition.paymentTermDays, 14);
    assert.equal(definition.guaranteed, false);
    assert.equal(definition.maxAmount, 50_000);
  });

  test('reads its stored course, each part it does not name at its default', () => {
    const definition = definitionOfWorkflow({ ...stored, course: { startDelayDays: 0, reminders: [], payout: { feeBasisPoints: 150 } } });
    assert.equal(definition.startDelayDays, 0);
    assert.deepEqual(definition.reminders, []);
    assert.deepEqual(definition.payout, { guaranteedAfterDays: 14, feeBasisPoints: 150, feeFixed: 0 });
    assert.equal(definition.finalNoticeWaitDays, 14);
    assert.equal(definition.paymentTermDays, 30);
  });

  test('with a stored course outside the bounds keeps its columns and the default course', () => {
    const definition = definitionOfWorkflow({ ...stored, course: { startDelayDays: 99 } });
    assert.equal(definition.startDelayDays, 3);
    assert.equal(definition.paymentTermDays, 30);
    assert.deepEqual(definition.customerTypes, ['P']);
  });
});
