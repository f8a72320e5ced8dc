/**
 * Which statements may be prepared once and run many times, on either engine. Only statements
 * whose result columns cannot change: a prepared `SELECT *` fails with "cached plan must not
 * change result type" once a migration adds a column, and DDL, transaction control and savepoints
 * run once or are too cheap to plan for it to matter.
 */
export function preparable(sql: string): boolean {
  return /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(sql) && !/(SELECT|RETURNING|,)\s*\*|\.\*/i.test(sql);
}
