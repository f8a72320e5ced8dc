/**
 * Errors the SDK throws. A refusal by the API carries the endpoint's own wire code and text
 * exactly as sent (Billink numbers codes per endpoint: 402 is a phone format in Check and an
 * unknown workflow in Order), so callers branch on `code` together with `endpoint`.
 * A declined credit check is a result, not an error.
 */

export class BillinkError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The API answered with an error of its own: a legacy ERROR, a v2 flat error or a `{status:"error"}` answer. */
export class BillinkApiError extends BillinkError {
  constructor({ endpoint, code, description, httpStatus, body }) {
    super(`${endpoint}: ${code ? `${code} ` : ''}${description}`);
    this.endpoint = endpoint;
    /** The wire code as text ("402"); undefined for answers that carry only a message and an HTTP status. */
    this.code = code;
    this.description = description;
    this.httpStatus = httpStatus;
    this.body = body;
  }
}

/** The answer was not one the endpoint gives (not XML, not JSON, a proxy's HTML page). */
export class BillinkProtocolError extends BillinkError {
  constructor({ endpoint, httpStatus, body, reason }) {
    super(`${endpoint}: unexpected answer (HTTP ${httpStatus}): ${reason}`);
    this.endpoint = endpoint;
    this.httpStatus = httpStatus;
    this.body = body;
  }
}

/** The request never got an answer: refused connection, reset, DNS failure. */
export class BillinkConnectionError extends BillinkError {
  constructor(endpoint, cause) {
    super(`${endpoint}: ${cause?.cause?.message ?? cause?.message ?? 'connection failed'}`, { cause });
    this.endpoint = endpoint;
  }
}

/** No answer within the client's timeout. */
export class BillinkTimeoutError extends BillinkError {
  constructor(endpoint, timeoutMs) {
    super(`${endpoint}: no answer within ${timeoutMs} ms`);
    this.endpoint = endpoint;
    this.timeoutMs = timeoutMs;
  }
}

/** A webhook whose signature, timestamp or body does not check out. */
export class WebhookVerificationError extends BillinkError {
  constructor(reason) {
    super(`webhook not verified: ${reason}`);
    this.reason = reason;
  }
}
