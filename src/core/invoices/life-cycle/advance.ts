/**
 * Applies every timer of one invoice that falls due up to an instant, earliest first, each at its
 * own due time: what the job runner does for real time and what a sandbox clock advance does in
 * one go. Each transition is returned so the store can persist them in order.
 */
import type { WorkflowDefinition } from '../../workflows/workflow-definition.js';
import { applyCommand } from './life-cycle.js';
import type { LifeCycleState, Transition } from './types.js';

/** A bound far above any real course (five reminders, holds, disputes), against a loop by mistake. */
const MAX_STEPS = 100;

export function runDueTimers(
  state: LifeCycleState,
  definition: WorkflowDefinition,
  until: Date,
): { state: LifeCycleState; transitions: Transition[] } {
  const transitions: Transition[] = [];
  let current = state;
  for (let step = 0; step < MAX_STEPS; step++) {
    const next = current.timers
      .filter((timer) => timer.dueAt.getTime() <= until.getTime())
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
    if (!next) break;
    const result = applyCommand(current, { type: 'timer', kind: next.kind, dueAt: next.dueAt }, next.dueAt, definition);
    if (!result.ok) break;
    transitions.push(result);
    current = result.state;
  }
  return { state: current, transitions };
}
