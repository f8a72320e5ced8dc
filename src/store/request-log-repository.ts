/** The API request log's table (migration 021, docs/operations.md "The API request log"). */
import type { LoggedRequest, NewLoggedRequest, RequestLogReader } from '../core/request-log.js';
import type { Queryable } from './database.js';

interface Row {
  id: string | number;
  at: Date;
  method: string;
  route: string;
  status: number;
  wire_code: string;
  duration_ms: number;
  request_id: string;
}

export class SqlRequestLog implements RequestLogReader {
  constructor(private readonly db: Queryable) {}

  /**
   * One INSERT for a whole batch, its rows as one JSON parameter: binding 8 parameters per row made
   * PGlite spend about five times as long per row (docs/benchmarks.md "The request log").
   */
  async append(rows: readonly NewLoggedRequest[]): Promise<void> {
    if (rows.length === 0) return;
    const json = JSON.stringify(
      rows.map((row) => ({
        merchant: row.merchant,
        at: row.at.toISOString(),
        method: row.method,
        route: row.route,
        status: row.status,
        wire_code: row.wireCode,
        duration_ms: Math.round(row.durationMs),
        request_id: row.requestId,
      })),
    );
    await this.db.query(
      `INSERT INTO api_request_log (merchant, at, method, route, status, wire_code, duration_ms, request_id)
       SELECT merchant, at, method, route, status, wire_code, duration_ms, request_id
       FROM json_to_recordset($1::json) AS r(merchant text, at timestamptz, method text, route text, status integer,
                                              wire_code text, duration_ms integer, request_id text)`,
      [json],
    );
  }

  async list(merchant: string, afterId: string | undefined, limit: number): Promise<LoggedRequest[]> {
    const rows =
      afterId === undefined
        ? (await this.db.query<Row>('SELECT * FROM api_request_log WHERE merchant = $1 ORDER BY id DESC LIMIT $2', [merchant, limit])).reverse()
        : await this.db.query<Row>('SELECT * FROM api_request_log WHERE merchant = $1 AND id > $2 ORDER BY id LIMIT $3', [merchant, afterId, limit]);
    return rows.map((row) => ({
      id: String(row.id),
      at: new Date(row.at),
      method: row.method,
      route: row.route,
      status: row.status,
      wireCode: row.wire_code,
      durationMs: row.duration_ms,
      requestId: row.request_id,
    }));
  }

  /** Forgets rows older than `before`; the retention bound. */
  async prune(before: Date): Promise<void> {
    await this.db.query('DELETE FROM api_request_log WHERE at < $1', [before]);
  }
}
