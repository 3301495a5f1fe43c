import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** node:sqlite has no booleans or Dates; store them the way the PostgreSQL path reads them back. */
function toSqlite(value: unknown): SQLInputValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value as SQLInputValue;
}

function adaptStatement(stmt: StatementSync): SqliteStatement {
  const reader = stmt.columns().length > 0;
  return {
    reader,
    all: (params) => stmt.all(...params.map(toSqlite)),
    run: (params) => stmt.run(...params.map(toSqlite)),
    iterate: (params) => stmt.iterate(...params.map(toSqlite)),
  };
}

/** Kysely's SqliteDialect speaks the better-sqlite3 shape; node:sqlite needs this thin bridge. */
export function openSqlite(file: string): SqliteDatabase & { raw: DatabaseSync } {
  const raw = new DatabaseSync(file);
  raw.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;');
  return {
    raw,
    close: () => raw.close(),
    prepare: (sql) => adaptStatement(raw.prepare(sql)),
  };
}
