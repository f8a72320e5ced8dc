import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Workflow } from '../../core/merchants/merchant.js';
import { buildWorkflow } from '../../core/workflows/workflow-settings.js';
import { definitionOfWorkflow } from '../../core/workflows/workflow-definition.js';
import { csvAmount, csvCell, csvFile, csvStyleFor } from './csv-file.js';
import { invalidFormFields, readWorkflowForm, workflowFieldSentences, workflowFormValues } from './workflow-form.js';

const WORKFLOW: Workflow = {
  number: 2,
  name: 'Zakelijk',
  guaranteed: false,
  maxAmount: 250_000,
  customerTypes: ['B'],
  paymentTermDays: 30,
  course: {
    startDelayDays: 1,
    reminders: [{ waitDays: 7, fee: 0 }, { waitDays: 10, fee: 1_250 }],
    finalNoticeWaitDays: 14,
    businessCompensation: 4_000,
    payout: { guaranteedAfterDays: 20, feeBasisPoints: 175, feeFixed: 35 },
  },
};

const rebuilt = (values: ReturnType<typeof workflowFormValues>) => {
  const { settings } = readWorkflowForm(values);
  return buildWorkflow(2, settings, { name: WORKFLOW.name, definition: definitionOfWorkflow(WORKFLOW) });
};

test('a workflow’s form, sent back unchanged, is the same workflow, in either language', () => {
  for (const language of ['nl', 'en'] as const) {
    const values = workflowFormValues(WORKFLOW, language);
    const built = rebuilt(values);
    assert.ok(built.ok);
    assert.deepEqual(definitionOfWorkflow(built.workflow), definitionOfWorkflow(WORKFLOW));
  }
  const dutch = workflowFormValues(WORKFLOW, 'nl');
  assert.deepEqual([dutch.feePercent, dutch.feeFixed, dutch.maxAmount, dutch.reminders[1]!.fee, dutch.reminders[2]!.wait], ['1,75', '0,35', '2500,00', '12,50', '']);
});

test('empty reminder rows are no reminders, a reminder without a fee is free, and an empty maximum is none', () => {
  const values = workflowFormValues(WORKFLOW, 'nl');
  values.reminders = [{ wait: '', fee: '' }, { wait: '4', fee: '' }, { wait: '', fee: '' }, { wait: '6', fee: '1.234,50' }, { wait: '', fee: '' }];
  values.maxAmount = ' ';
  values.feePercent = '2,5';
  const { settings, reminderRows } = readWorkflowForm(values);
  assert.deepEqual(settings.definition.reminders, [{ waitDays: 4, fee: 0 }, { waitDays: 6, fee: 123_450 }]);
  assert.deepEqual(reminderRows, [2, 4]);
  assert.equal(settings.definition.maxAmount, null);
  assert.equal(settings.definition.payout?.feeBasisPoints, 250);
  assert.deepEqual(settings.unreadable, []);
});

test('what cannot be read is named by its place, and every place becomes a sentence naming the row typed', () => {
  const values = workflowFormValues(WORKFLOW, 'en');
  values.paymentTermDays = 'veertien';
  values.reminders[0] = { wait: '', fee: '' };
  values.reminders[2] = { wait: '3', fee: '1.005' };
  values.feePercent = '1.555';
  const { settings, reminderRows } = readWorkflowForm(values);
  assert.deepEqual(settings.unreadable, ['paymentTermDays', 'reminders[1].fee', 'payout.feeBasisPoints']);
  assert.deepEqual(workflowFieldSentences(settings.unreadable!.join(', '), 'en', reminderRows, 'general'), [
    'The payment term is a whole number of days from 1 to 180.',
    'Reminder 3: the fee is an amount from €0.00 to €100.00.',
    'The fee is a percentage from 0 to 100, with at most two decimals.',
  ]);
  assert.deepEqual([...invalidFormFields(settings.unreadable!.join(', '), reminderRows)], ['paymentTermDays', 'reminderFee3', 'feePercent']);
  assert.deepEqual([...invalidFormFields('customerTypes, payout.feeFixed', [])], ['customerTypes', 'feeFixed']);
  const refused = rebuilt(values);
  assert.ok(!refused.ok);
  assert.deepEqual(workflowFieldSentences('customerTypes, reminders[0].waitDays, somethingNew', 'nl', [1], 'Algemeen.'), [
    'Kies ten minste één soort klant.',
    'Herinnering 1: de wachttijd is een heel aantal dagen van 1 tot 60.',
    'Algemeen.',
  ]);
});

test('CSV files are semicolon-separated with a decimal comma in Dutch and comma-separated with a point in English', () => {
  const lines = [[csvCell('A;1'), csvAmount(-123_456, csvStyleFor('nl'))]];
  assert.equal(csvFile(csvStyleFor('nl'), ['name', 'amount'], lines), '\uFEFFname;amount\r\n"A;1";-1234,56\r\n');
  assert.equal(csvFile(csvStyleFor('en'), ['name', 'amount'], [[csvCell('A,1'), csvAmount(5, csvStyleFor('en'))]]), '\uFEFFname,amount\r\n"A,1",0.05\r\n');
});
