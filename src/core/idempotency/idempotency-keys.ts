/**
 * Idempotency keys of the v2 JSON writes (docs/v2-api.md "Idempotency keys"), after Stripe's
 * semantics and the IETF draft "The Idempotency-Key HTTP Header Field"
 * (draft-ietf-httpapi-idempotency-key-header): the key and a fingerprint of the request are stored
 * before any side effect, in the same transaction as the change and its answer, so a repeat replays
 * the first answer and never runs twice.
 */

/** How long a key is remembered; a key used again after this runs as new (Stripe: 24 hours). */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Stripe's limit; enough for a UUID, a ULID or an order number with a prefix. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** The answer as it went over the wire: replayed byte for byte. */
export interface RecordedAnswer {
  status: number;
  contentType: string;
  body: Uint8Array;
}

export interface KeyedRequest {
  /** Whose key it is: the merchant's id, or `partner` for merchant creation. */
  scope: string;
  key: string;
  /** A digest of the method, the path and the body; the same key with another digest is refused. */
  fingerprint: string;
  at: Date;
}

export type KeyedOutcome =
  /** The work ran; its answer was kept with the key, or (undefined answer) everything was rolled back. */
  | { kind: 'ran' }
  /** The key was used before for this very request: answer with what was answered then. */
  | { kind: 'replay'; answer: RecordedAnswer }
  /** The key was used before for a different request. */
  | { kind: 'mismatch' };

/** `InTransaction` is what `work` is handed to run in the key's transaction: the store's database bound to it, or a context built on that. */
export interface IdempotencyKeys<InTransaction> {
  /**
   * Claims the key in a new transaction and runs `work` inside it, handing it what runs in that
   * transaction: every statement made through it joins the transaction. A repeat while the first is
   * running waits for it to end. `work` returns the answer to keep, committed together with the key
   * and the change; or undefined, and then nothing is kept: the change is rolled back and the key
   * is free again.
   */
  runOnce(request: KeyedRequest, work: (inTransaction: InTransaction) => Promise<RecordedAnswer | undefined>): Promise<KeyedOutcome>;
  /** Forgets keys whose lifetime ended at or before `now`; says how many. */
  prune(now: Date): Promise<number>;
}

export function keyExpiry(at: Date): Date {
  return new Date(at.getTime() + IDEMPOTENCY_KEY_LIFETIME_MS);
}

/**
 * A key is 1 to 255 printable ASCII characters (space to tilde), surrounding spaces ignored.
 * Anything else is refused rather than cut or guessed, so two different keys can never collide.
 */
export function validIdempotencyKey(value: string): string | undefined {
  const key = value.trim();
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) return undefined;
  return /^[\x20-\x7e]+$/.test(key) ? key : undefined;
}
