/**
 * What a failed statement may tell the log (house rule 6, docs/security.md "Personal data in
 * logs"). A driver's error carries the customer's data several ways: PGlite copies the SQL and
 * every parameter onto the error, and PostgreSQL's own detail says "Key (customer_email)=(…)
 * already exists" or "Failing row contains (…)" on both engines; even the message may quote a
 * value ('invalid input syntax for type integer: "…"'). So every error a statement raises is
 * replaced by one that keeps only the SQLSTATE code, the constraint's name and the statement's
 * name, which are all ours and say enough to find the statement and the rule it broke.
 */
import { createHash } from 'node:crypto';

export class DatabaseError extends Error {
  override name = 'DatabaseError';

  constructor(
    /** The SQLSTATE, e.g. 23505 for a unique violation; undefined when the driver gave none. */
    readonly code: string | undefined,
    /** Which statement failed, e.g. "INSERT invoices #3f2a9c1e" (statementLabel). */
    readonly statement: string,
    /** The name of the violated constraint, when there is one. */
    readonly constraint: string | undefined,
  ) {
    super(`database error ${code ?? '(no SQLSTATE)'} in ${statement}${constraint ? ` (constraint ${constraint})` : ''}`);
  }
}

/**
 * The statement's verb and first table, and a short hash of its text that tells statements on the
 * same table apart: enough to find it in the source, and free of values even where the SQL text
 * holds literals.
 */
export function statementLabel(sql: string): string {
  let verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
  // A statement folded into a CTE is named by what its first part does (`WITH x AS (INSERT …`).
  if (verb === 'WITH') verb = /\bAS\s*\(\s*(\w+)/i.exec(sql)?.[1]?.toUpperCase() ?? verb;
  const table = /\b(?:INTO|FROM|UPDATE|TABLE)\s+("?[A-Za-z_][\w.]*"?)/i.exec(sql)?.[1]?.replaceAll('"', '');
  const hash = createHash('sha256').update(sql).digest('hex').slice(0, 8);
  return `${verb}${table ? ` ${table}` : ''} #${hash}`;
}

/** pg's own words for a lost or timed-out connection: they hold no data and tell operators what happened. */
const CONNECTION_FAILURE = /^(Connection terminated|Client has encountered a connection error|Query read timeout|timeout exceeded when trying to connect)/;

/**
 * An error that came from a running statement becomes a DatabaseError. Connection failures
 * (ECONNREFUSED, a reset, pg's "Connection terminated") carry no data and keep their own shape, so
 * operators still see them.
 */
export function withoutValues(error: unknown, sql: string): unknown {
  if (error instanceof DatabaseError) return error;
  const fields = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; constraint?: unknown; message?: unknown };
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  if (code !== undefined && /^E[A-Z]+$/.test(code)) return error;
  if (code === undefined && typeof fields.message === 'string' && CONNECTION_FAILURE.test(fields.message)) return error;
  const sqlState = code !== undefined && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
  const constraint = typeof fields.constraint === 'string' && /^[\w.]{1,128}$/.test(fields.constraint) ? fields.constraint : undefined;
  return new DatabaseError(sqlState, statementLabel(sql), constraint);
}
