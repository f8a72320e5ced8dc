/**
 * Request ids (docs/operations.md, "Request ids and access log"): an incoming `X-Request-Id` that
 * is short and plain is kept, so one id follows a request through proxies and nodes; anything
 * else is replaced. Generated ids are a random prefix per process and a counter: unique across
 * nodes, and cheaper than a UUID per request.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Letters, digits and `._:-/+=`, at most 128: what ids of proxies and tracers look like, and nothing a log could be fooled by. */
const ACCEPTED = /^[A-Za-z0-9._:/+=-]{1,128}$/;

export function requestIdGenerator(): (request: IncomingMessage) => string {
  const prefix = randomBytes(6).toString('hex');
  let next = 0;
  return (request) => {
    const given = request.headers['x-request-id'];
    if (typeof given === 'string' && ACCEPTED.test(given)) return given;
    next = next === Number.MAX_SAFE_INTEGER ? 1 : next + 1;
    return `${prefix}-${next.toString(36)}`;
  };
}
