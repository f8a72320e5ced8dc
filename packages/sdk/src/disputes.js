/**
 * Disputes (Billink's v2 order-management "dispute", spec §2.16; paths and the resolve call are
 * Achteraf's, docs/v2-api.md "Disputes"). Opening one pauses the invoice's collection until it is
 * resolved. Results are the server's dispute objects, typed in index.d.ts.
 */

export class DisputesApi {
  #t;
  constructor(transport) {
    this.#t = transport;
  }

  /**
   * Opens a dispute on the invoice `invoice` (the merchant's order number). `file` may be bytes
   * (a Buffer or Uint8Array), sent as base64, or base64 text as is; it needs a `fileName`.
   */
  async open(input, call) {
    const { file, ...fields } = input;
    if (file !== undefined && !input.fileName) throw new TypeError('a dispute file needs its fileName');
    const body = { ...this.#t.credentials(), ...fields };
    if (file !== undefined) body.file = typeof file === 'string' ? file : Buffer.from(file).toString('base64');
    return this.#t.post('openDispute', body, call);
  }

  /** The merchant's disputes, newest first (at most 200); `invoice` and `status` filter. */
  async list(filter = {}, call) {
    const body = { ...this.#t.credentials() };
    if (filter.invoice !== undefined) body.invoice = filter.invoice;
    if (filter.status !== undefined) body.status = filter.status;
    return (await this.#t.post('listDisputes', body, call)).disputes;
  }

  /** One dispute by its id. */
  async get(id, call) {
    // With an id the list call answers that dispute alone, not a list.
    return this.#t.post('listDisputes', { ...this.#t.credentials(), id }, call);
  }

  /** Resolves an open dispute; the invoice's collection runs again. */
  async resolve(input, call) {
    const body = { ...this.#t.credentials(), id: input.id, ...(input.resolution === undefined ? {} : { resolution: input.resolution }) };
    return this.#t.post('resolveDispute', body, call);
  }
}
