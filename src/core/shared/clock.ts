/** Time is injected (house rule 3): the core reads it only through a Clock. */
export interface Clock {
  now(): Date;
}

/** A clock whose time is set by hand; sandbox test clocks and tests use it. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date) {
    this.current = start.getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date): void {
    this.current = at.getTime();
  }
  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
}

export const MINUTE = 60_000;
export const DAY = 86_400_000;
