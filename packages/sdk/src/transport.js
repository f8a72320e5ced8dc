/**
 * One HTTP exchange with retries, a timeout per attempt and the caller's AbortSignal.
 * Which requests may be retried is decided by the caller (`retry: 'read' | 'write-with-key' | 'never'`);
 * the rules below decide when.
 */
import { BillinkConnectionError, BillinkTimeoutError } from './errors.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRY = Object.freeze({ maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000 });

const USER_AGENT = 'achteraf-billink-sdk/0.1 (+https://github.com/achteraf)';

/**
 * Sends the request; retries only when `safe` is true and the failure says nothing was done or
 * doing it again does no harm.
 * @returns {Promise<{ status: number, headers: Headers, body: Buffer }>}
 */
export async function exchange(options, request) {
  const { endpoint, safe, signal } = request;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = request.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  for (let attempt = 0; ; attempt += 1) {
    signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let failure;
    try {
      const response = await fetchImpl(request.url, {
        method: request.method,
        headers: { 'user-agent': USER_AGENT, ...request.headers },
        body: request.body,
        signal: combined,
        redirect: 'manual',
      });
      const body = Buffer.from(await response.arrayBuffer());
      // A 5xx means the server failed: a read can be asked again, and a write carrying an
      // idempotency key is answered from the first attempt's record instead of running twice.
      // 429 asks us to come back later, which is safe for the same requests.
      const retryable = response.status >= 500 || response.status === 429;
      if (!retryable || !safe || attempt >= retry.maxRetries) return { status: response.status, headers: response.headers, body };
      failure = { retryAfter: retryAfterMs(response.headers.get('retry-after')) };
    } catch (error) {
      // The caller cancelled: never retry, report the caller's reason.
      if (signal?.aborted) throw signal.reason;
      const timedOut = timeout.aborted;
      const wrapped = timedOut ? new BillinkTimeoutError(endpoint, timeoutMs) : new BillinkConnectionError(endpoint, error);
      // A network failure or a timeout leaves unknown whether the server acted; only safe requests
      // are sent again (reads, and writes the server can recognise by their idempotency key).
      if (!safe || attempt >= retry.maxRetries) throw wrapped;
      failure = { retryAfter: undefined };
    }
    await sleep(failure.retryAfter ?? backoffMs(attempt, retry), signal);
  }
}

/**
 * Exponential backoff with full jitter (a random wait between 0 and base·2^attempt, capped), so
 * many clients that failed together do not come back together.
 */
export function backoffMs(attempt, retry = DEFAULT_RETRY) {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
  return Math.floor(Math.random() * ceiling);
}

function retryAfterMs(header) {
  if (!header) return undefined;
  const seconds = Number(header);
  // A server's explicit wait is honoured, but never longer than a minute inside one call.
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, 60_000) : undefined;
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
