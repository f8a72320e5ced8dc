/**
 * A transition's working copy: the new state is built on a clone, and what the store must do is
 * derived from the difference (changed fields, timer rows to cancel and to insert) plus what the
 * steps record on the way (events, e-mails, ledger and settlement entries).
 */
import { amsterdamInstant, daysBetween } from '../../shared/amsterdam-time.js';
import { addDays, amsterdamDate, type IsoDate } from '../../shared/dates.js';
import type { Cents } from '../../shared/money.js';
import { reminderName, STEP_NAMES, type WorkflowDefinition } from '../../workflows/workflow-definition.js';
import type {
  LedgerEntry,
  LifeCycleEvent,
  LifeCycleEventType,
  LifeCycleMail,
  LifeCycleState,
  MailKind,
  Settlement,
  Timer,
  TimerKind,
  Transition,
} from './types.js';

/** Steps fall on calendar days; their e-mails go out at 09:00 in Amsterdam, not at midnight. */
export const STEP_HOUR = 9;

export function stepName(state: Pick<LifeCycleState, 'step' | 'reminderNumber'>): string {
  switch (state.step) {
    case 'not_started':
    case 'wait_for_payment':
    case 'final_notice':
    case 'collection':
      return STEP_NAMES[state.step];
    case 'reminder':
      return reminderName(state.reminderNumber);
    case 'paid':
      return 'Paid';
    case 'credited':
      return 'Credited';
  }
}

export function openPrincipal(state: LifeCycleState): Cents {
  return state.total - state.paid - state.credited;
}

export function openCosts(state: LifeCycleState): Cents {
  return state.costs - state.costsPaid;
}

export function isClosed(state: LifeCycleState): boolean {
  return state.step === 'paid' || state.step === 'credited';
}

export function timerOn(kind: TimerKind, day: IsoDate): Timer {
  return { kind, day, dueAt: amsterdamInstant(day, STEP_HOUR) };
}

export class Draft {
  readonly state: LifeCycleState;
  readonly today: IsoDate;
  readonly events: LifeCycleEvent[] = [];
  readonly mails: LifeCycleMail[] = [];
  readonly ledger: LedgerEntry[] = [];
  readonly settlements: Settlement[] = [];
  restarted = false;

  constructor(
    readonly before: LifeCycleState,
    readonly at: Date,
    readonly definition: WorkflowDefinition,
  ) {
    this.state = structuredClone(before);
    this.today = amsterdamDate(at);
  }

  event(type: LifeCycleEventType, amount?: Cents): void {
    this.events.push({ type, at: this.at, step: stepName(this.state), ...(amount === undefined ? {} : { amount }) });
  }

  mail(kind: MailKind, details: Omit<LifeCycleMail, 'kind' | 'language' | 'amountDue' | 'costsDue' | 'restarted' | 'dueDate'> = {}): void {
    const costsDue = openCosts(this.state);
    this.mails.push({
      kind,
      language: this.state.language,
      amountDue: openPrincipal(this.state) + costsDue,
      costsDue,
      dueDate: this.state.dueDate,
      restarted: this.restarted,
      ...(details.payBefore === undefined && this.state.dueDate !== undefined && this.state.dueDate < this.today ? { payNow: true } : {}),
      ...details,
    });
  }

  /** Puts a timer on the schedule, replacing one of its kind; during a pause it waits with the others. */
  schedule(timer: Timer): void {
    this.cancel(timer.kind);
    if (this.state.pause && timer.kind !== 'hold_end') this.state.pause.timers.push(timer);
    else this.state.timers.push(timer);
  }

  scheduleOn(kind: TimerKind, day: IsoDate): void {
    this.schedule(timerOn(kind, day));
  }

  cancel(kind: TimerKind): void {
    this.state.timers = this.state.timers.filter((timer) => timer.kind !== kind);
    if (this.state.pause) this.state.pause.timers = this.state.pause.timers.filter((timer) => timer.kind !== kind);
  }

  /** Takes every running timer off the schedule; the days until the pause ends extend them all. */
  startPause(holdUntil: Date | undefined, dispute: boolean): void {
    if (this.state.pause) return;
    const paused = this.state.timers.filter((timer) => timer.kind !== 'hold_end');
    this.state.timers = this.state.timers.filter((timer) => timer.kind === 'hold_end');
    this.state.pause = { since: this.at, holdUntil, dispute, timers: paused };
  }

  /** Ends the pause: calendar days paused move the paused timers, the due date and the legal term. */
  endPause(): void {
    const pause = this.state.pause;
    if (!pause) return;
    const days = Math.max(0, daysBetween(amsterdamDate(pause.since), this.today));
    this.state.pause = undefined;
    this.state.daysPaused += days;
    if (days > 0 && !isClosed(this.state)) {
      if (this.state.dueDate) this.state.dueDate = addDays(this.state.dueDate, days);
      const notice = this.state.notice;
      if (notice && this.state.step !== 'collection') notice.chargeableFrom = addDays(notice.chargeableFrom, days);
    }
    for (const timer of pause.timers) this.schedule(timer.day ? timerOn(timer.kind, addDays(timer.day, days)) : timer);
  }

  finish(): Transition {
    const changes: Partial<LifeCycleState> = {};
    for (const key of Object.keys(this.state) as (keyof LifeCycleState)[]) {
      if (JSON.stringify(this.state[key]) !== JSON.stringify(this.before[key])) {
        (changes as Record<string, unknown>)[key] = this.state[key];
      }
    }
    const cancel: TimerKind[] = [];
    const schedule: Timer[] = [];
    const kinds = new Set([...this.before.timers, ...this.state.timers].map((timer) => timer.kind));
    for (const kind of kinds) {
      const old = this.before.timers.find((timer) => timer.kind === kind);
      const now = this.state.timers.find((timer) => timer.kind === kind);
      if (old && (!now || old.dueAt.getTime() !== now.dueAt.getTime())) cancel.push(kind);
      if (now && (!old || old.dueAt.getTime() !== now.dueAt.getTime())) schedule.push(now);
    }
    return {
      state: this.state,
      changes,
      timers: { cancel, schedule },
      events: this.events,
      mails: this.mails,
      ledger: this.ledger,
      settlements: this.settlements,
      restarted: this.restarted,
    };
  }
}
