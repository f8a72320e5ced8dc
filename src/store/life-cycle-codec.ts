/**
 * The stored encoding of a LifeCycleState (invoices.life_cycle, migration 018): the state as JSON
 * with `v: 1`, instants as ISO 8601 text in UTC, calendar days as `YYYY-MM-DD`, amounts as integer
 * cents, absent values left out. A later change of the state adds a version and its reader here.
 */
import type { LifeCycleState, Pause, Timer } from '../core/invoices/life-cycle/types.js';

interface StoredTimer {
  kind: Timer['kind'];
  dueAt: string;
  day?: string;
}

type Stored = Omit<LifeCycleState, 'workflowStartedAt' | 'timers' | 'pause'> & {
  v: 1;
  workflowStartedAt?: string;
  timers: StoredTimer[];
  pause?: { since: string; holdUntil?: string; dispute: boolean; timers: StoredTimer[] };
};

export function encodeLifeCycle(state: LifeCycleState): string {
  const stored: Stored = {
    ...state,
    v: 1,
    workflowStartedAt: state.workflowStartedAt?.toISOString(),
    timers: state.timers.map(encodeTimer),
    pause: state.pause && {
      since: state.pause.since.toISOString(),
      holdUntil: state.pause.holdUntil?.toISOString(),
      dispute: state.pause.dispute,
      timers: state.pause.timers.map(encodeTimer),
    },
  };
  return JSON.stringify(stored);
}

export function decodeLifeCycle(value: unknown): LifeCycleState | undefined {
  if (value === null || value === undefined) return undefined;
  const stored = (typeof value === 'string' ? JSON.parse(value) : value) as Stored;
  if (stored.v !== 1) throw new Error(`unknown life-cycle encoding ${String(stored.v)}`);
  const { v: _version, ...rest } = stored;
  const pause: Pause | undefined = stored.pause && {
    since: new Date(stored.pause.since),
    holdUntil: stored.pause.holdUntil ? new Date(stored.pause.holdUntil) : undefined,
    dispute: stored.pause.dispute,
    timers: stored.pause.timers.map(decodeTimer),
  };
  return {
    ...rest,
    invoiceSentOn: rest.invoiceSentOn ?? undefined,
    dueDate: rest.dueDate ?? undefined,
    notice: rest.notice ?? undefined,
    workflowStartedAt: stored.workflowStartedAt ? new Date(stored.workflowStartedAt) : undefined,
    timers: stored.timers.map(decodeTimer),
    pause,
  };
}

function encodeTimer(timer: Timer): StoredTimer {
  return { kind: timer.kind, dueAt: timer.dueAt.toISOString(), ...(timer.day ? { day: timer.day } : {}) };
}

function decodeTimer(timer: StoredTimer): Timer {
  return { kind: timer.kind, dueAt: new Date(timer.dueAt), day: timer.day };
}
