/**
 * The context a v2 handler runs with. A write with an idempotency key runs in one transaction with
 * its key row (idempotent-writes.ts), and its handler is handed a context whose store and
 * repositories are bound to that transaction, built for that request; every other request runs
 * with the shared context, with no lookup beyond one WeakMap miss and nothing allocated.
 *
 * The transaction is passed like this, explicitly, rather than found through AsyncLocalStorage:
 * on Node 20 the first `AsyncLocalStorage.run` turns on async hooks for the whole process, and one
 * keyed write made every later request pay them, legacy XML included (docs/benchmarks.md "v2
 * idempotency keys without async hooks").
 */
import type { FastifyRequest } from 'fastify';
import type { V2Context } from './v2-context.js';

const boundContexts = new WeakMap<FastifyRequest, V2Context>();

/** From now on the handlers of `request` run with `context` (bound to its keyed transaction). */
export function runWithContext(request: FastifyRequest, context: V2Context): void {
  boundContexts.set(request, context);
}

/** The context bound to the request's keyed transaction, or else the shared one. */
export function contextOf(request: FastifyRequest, shared: V2Context): V2Context {
  return boundContexts.get(request) ?? shared;
}
