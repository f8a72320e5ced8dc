/** Ids and secrets are injected (house rule 3) so the core stays free of I/O and randomness. */
export interface Ids {
  /** A random RFC 4122 version 4 UUID, as Billink hands out for credit checks. */
  uuid(): string;
  /** An unguessable URL-safe token (at least 128 bits). */
  token(): string;
}
