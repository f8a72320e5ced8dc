/**
 * Applies the numbered SQL files in ./migrations once each, in order, in one transaction under an
 * advisory lock taken before anything else (the migrations table included), so several API nodes
 * starting together migrate exactly once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Database, MIGRATION_LOCK } from './database.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export async function migrate(db: Database): Promise<string[]> {
  const files = migrationFiles();
  return db.transaction(async (tx) => {
    // The lock comes first: two nodes creating the migrations table at the same instant collide
    // on the catalogue's unique index even with IF NOT EXISTS.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).map((row) => row.version));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      for (const statement of splitStatements(readFileSync(MIGRATIONS_DIR + file, 'utf8'))) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
      applied.push(file);
    }
    return applied;
  });
}

/** Migration files of this version not yet recorded as applied: readiness waits for none. */
export async function pendingMigrations(db: Database): Promise<string[]> {
  const done = new Set((await db.query<{ version: string }>('SELECT version FROM schema_migrations')).map((row) => row.version));
  return migrationFiles().filter((file) => !done.has(file));
}

function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR).filter((name) => /^\d{3}-[a-z0-9-]+\.sql$/.test(name)).sort();
}

/** Our migrations hold no functions or quoted semicolons, so splitting on `;` at line ends is exact. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}
