/**
 * Achteraf's sandbox test clock (docs/collection.md "Test clocks"); Billink has none, so these
 * calls answer an error there. Times come back as Date objects.
 */

export class SandboxClockApi {
  #t;
  constructor(transport) {
    this.#t = transport;
  }

  /** The merchant's time now, real time and the offset between them. */
  async clock(call) {
    return clockState(await this.#t.post('sandboxClock', this.#t.credentials(), call));
  }

  /**
   * Moves the clock forward by `{days}`, `{hours}` or `{to}` (a Date or ISO 8601 text) and resolves
   * when everything due up to the new time has run: steps, customer e-mails, first webhook attempts.
   */
  async advance(move, call) {
    if (!move || typeof move !== 'object') throw new TypeError('advance takes {days}, {hours} or {to}');
    const given = ['days', 'hours', 'to'].filter((name) => move[name] !== undefined);
    if (given.length !== 1) throw new TypeError(`advance takes exactly one of days, hours or to (got ${given.join(', ') || 'none'})`);
    const body = { ...this.#t.credentials() };
    if (move.to !== undefined) body.to = move.to instanceof Date ? move.to.toISOString() : String(move.to);
    else body[given[0]] = move[given[0]];
    const answer = await this.#t.post('sandboxAdvance', body, call);
    return {
      ...clockState(answer),
      from: new Date(answer.from),
      steps: answer.steps,
      stepsApplied: answer.stepsApplied,
      emails: answer.emails,
      webhooks: answer.webhooks,
    };
  }

  /** Back to real time; what ran on the moved clock stays. */
  async reset(call) {
    const answer = await this.#t.post('sandboxReset', this.#t.credentials(), call);
    return { ...clockState(answer), from: new Date(answer.from) };
  }
}

function clockState(answer) {
  return { now: new Date(answer.now), realNow: new Date(answer.realNow), offsetMs: answer.offsetMs, mode: answer.mode };
}
