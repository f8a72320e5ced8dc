/**
 * The merchant's API request log (docs/operations.md "The API request log"): what `achteraf logs
 * tail` shows of each answered request. Only facts about the request that are neither secret nor
 * personal: the route pattern (never the path itself, which may carry a file or checkout token),
 * no body, no query, no address.
 */
export interface LoggedRequest {
  /** Increasing per installation; a reader resumes after the last id it saw. */
  id: string;
  at: Date;
  method: string;
  route: string;
  status: number;
  /** The contract's result code of the answer, "-" when it has none. */
  wireCode: string;
  durationMs: number;
  requestId: string;
}

export type NewLoggedRequest = Omit<LoggedRequest, 'id'> & { merchant: string };

export interface RequestLogReader {
  /** The merchant's requests after `afterId` (oldest first), or its latest `limit` without one. */
  list(merchant: string, afterId: string | undefined, limit: number): Promise<LoggedRequest[]>;
}

/** How long rows are kept, and the most one read returns. */
export const REQUEST_LOG_RETENTION_HOURS = 24;
export const REQUEST_LOG_PAGE = 100;
