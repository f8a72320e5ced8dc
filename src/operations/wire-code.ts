/**
 * The contract's own result code of an answer, for the access log and metrics: the first `<CODE>`
 * of a legacy XML answer (the error code, or the MSG code), the top-level `"code"` of a v2 JSON
 * answer (spec §1.2, §7.2). Only the head of the text is read: both put the code near the start.
 */
const HEAD = 256;
const NONE = '-';

export function wireCodeOf(payload: unknown): string {
  if (typeof payload !== 'string') return NONE;
  const first = payload.charCodeAt(0);
  if (first === 60 /* < */) return between(payload, '<CODE>', '<');
  if (first === 123 /* { */) return between(payload, '"code":"', '"');
  return NONE;
}

function between(payload: string, opening: string, closing: string): string {
  const start = payload.indexOf(opening);
  if (start < 0 || start > HEAD) return NONE;
  const from = start + opening.length;
  const end = payload.indexOf(closing, from);
  const code = end < 0 ? '' : payload.slice(from, end);
  // Our codes are digits; anything else never becomes a metrics label.
  return /^\d{1,4}$/.test(code) ? code : NONE;
}
