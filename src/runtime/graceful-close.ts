/**
 * Closes the HTTP side of a server without resetting anyone's request (docs/operations.md,
 * "Shutdown"). A request is "in flight" for its client as soon as its bytes left the client, but
 * while the event loop is busy (PGlite runs inside this process) Node has not yet seen many of
 * them: connections still wait in the kernel's listen backlog, and bytes wait unread on kept-alive
 * sockets. Closing the listener at once resets the first kind and Node's idle-connection sweep
 * resets the second, which is how 80 requests in flight used to get 34 connection resets.
 *
 * So closing goes in this order:
 * 1. the event loop takes turns until two pass without a new connection (Node accepts one
 *    connection from the backlog per turn, and reads a new socket from the turn after), so the
 *    requests waiting in the kernel become visible and count as in flight; under a stream of new
 *    connections this ends after half the grace period;
 * 2. every answer from now on says `Connection: close`, so no client sends a next request on a
 *    connection we are about to close (RFC 9112 §9.6); answers sent before this point keep their
 *    connection open, so clients do not rush to reconnect while the listener is still open;
 * 3. the listener closes (new connections are refused), connections without a request close at
 *    once, and Fastify answers 503 to a request that still arrives on an open connection;
 * 4. requests in flight finish; whatever still runs when the grace period is over is cut;
 * 5. handlers still running finish too, also those whose client hung up: the connection is gone, so
 *    Fastify's close no longer waits for them, but the database closes after this and a handler
 *    that reached for it then failed (pg: "Cannot use a pool after calling end on the pool"),
 *    logged as "database error (no SQLSTATE)" at the end of load runs, whose load generator
 *    drops its connections. Within the same grace period.
 *
 * Every request the server has read gets an answer within the grace period. What can still be
 * reset is a request the server never read: a connection that reaches the backlog in the instant
 * the listener closes, or a next request on a kept-alive connection that crosses its closing
 * (the race RFC 9112 §9.3.1 leaves to clients, who retry).
 */
import type { FastifyInstance } from 'fastify';

export interface GracefulClose {
  /** Closes as described above; resolves when every connection is gone, with how many were cut. */
  close(graceMs: number): Promise<{ cut: number }>;
  /** Cuts every connection now (a second signal while closing). */
  cutNow(): void;
}

/** Turns without a new connection after which the backlog counts as empty and new sockets as read. */
const QUIET_TURNS = 2;

/** Registers the `Connection: close` hook; call before any route is registered. */
export function gracefulClose(app: FastifyInstance): GracefulClose {
  let draining = false;
  let cut = 0;
  let cutting: Promise<void> | undefined;
  const handlers = handlersInFlight(app);
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) reply.header('connection', 'close');
    done(null, payload);
  });

  const cutAll = (): Promise<void> =>
    (cutting ??= new Promise<void>((resolve) => {
      app.server.getConnections((error, count) => {
        cut = error ? 0 : count;
        app.server.closeAllConnections();
        resolve();
      });
    }));

  return {
    async close(graceMs) {
      const deadline = Date.now() + graceMs;
      const timer = setTimeout(() => void cutAll(), graceMs);
      try {
        await takeInWaitingRequests(app, Date.now() + graceMs / 2);
        draining = true;
        await app.close();
        await handlers.finished(deadline);
        await cutting;
      } finally {
        clearTimeout(timer);
      }
      return { cut };
    },
    cutNow: () => void cutAll(),
  };
}

async function takeInWaitingRequests(app: FastifyInstance, until: number): Promise<void> {
  let accepted = 0;
  const count = () => accepted++;
  app.server.on('connection', count);
  try {
    for (let quiet = 0; quiet < QUIET_TURNS && Date.now() < until; ) {
      const before = accepted;
      await new Promise((resolve) => setImmediate(resolve));
      quiet = accepted === before ? quiet + 1 : 0;
    }
  } finally {
    app.server.off('connection', count);
  }
}

/**
 * Counts requests whose handler has not answered yet. A request counts from `onRequest` until its
 * answer is handed to Fastify (`onSend`, whatever the socket's state), or, for a hijacked reply
 * (the v2 event stream), until its response closes.
 */
function handlersInFlight(app: FastifyInstance): { finished(deadline: number): Promise<void> } {
  const running = new WeakSet<object>();
  let count = 0;
  let wake: (() => void) | undefined;
  const done = (request: object) => {
    if (!running.delete(request)) return;
    count -= 1;
    if (count === 0) wake?.();
  };
  app.addHook('onRequest', (request, reply, next) => {
    running.add(request);
    count += 1;
    reply.raw.once('close', () => {
      if (reply.sent) done(request);
    });
    next();
  });
  app.addHook('onSend', (request, _reply, payload, next) => {
    done(request);
    next(null, payload);
  });
  return {
    async finished(deadline) {
      if (count === 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    },
  };
}
