/**
 * Row counts of every table, to show that a refused request wrote nothing (house rule 6). The
 * rate-limit counters and the API request log are left out: counting or logging a request is not
 * a change the request made.
 */
import type { RunningServer } from '../../src/main.js';

export async function rowCounts(server: Pick<RunningServer, 'store'>): Promise<Record<string, number>> {
  const tables = await server.store.db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT IN ('rate_windows', 'api_request_log') ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await server.store.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM "${name}"`);
    counts[name] = row!.count;
  }
  return counts;
}
