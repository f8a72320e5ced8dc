/** Helpers for the life-cycle tests: build a definition, apply a command that must succeed, run time on. */
import { buildWorkflowDefinition, DEFAULT_WORKFLOW_DEFINITION, type WorkflowDefinitionInput } from '../../workflows/workflow-definition.js';
import { runDueTimers } from './advance.js';
import { applyCommand, newLifeCycle } from './life-cycle.js';
import type { LifeCycleCommand, LifeCycleState, Transition } from './types.js';

/** Monday 2 March 2026, 10:00 in Amsterdam. */
export const START = new Date('2026-03-02T09:00:00Z');

export function definition(input: WorkflowDefinitionInput = {}) {
  const built = buildWorkflowDefinition(input);
  if (!built.ok) throw new Error(JSON.stringify(built.problems));
  return built.definition;
}

export function apply(state: LifeCycleState, command: LifeCycleCommand, at: Date, workflow = DEFAULT_WORKFLOW_DEFINITION): Transition {
  const result = applyCommand(state, command, at, workflow);
  if (!result.ok) throw new Error(`refused: ${result.refusal}`);
  return result;
}

export function started(total: number, customerType: 'P' | 'B', countryCode: string, workflow = DEFAULT_WORKFLOW_DEFINITION) {
  return apply(newLifeCycle({ total, customerType, countryCode }), { type: 'start' }, START, workflow).state;
}

export function until(day: string, workflow = DEFAULT_WORKFLOW_DEFINITION, state: LifeCycleState) {
  return runDueTimers(state, workflow, new Date(`${day}T23:59:59Z`));
}

