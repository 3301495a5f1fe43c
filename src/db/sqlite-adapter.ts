import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** node:sqlite has no booleans or Dates; store them the way the PostgreSQL path reads them back. */
function toSqlite(value: unknown): SQLInputValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value as SQLInputValue;
}

interface Prepared {
  stmt: StatementSync;
  reader: boolean;
}

// Kysely sends the same few dozen SQL texts again and again (values are parameters), and SQLite
// compiling one costs about as much as running it, so compiled statements are kept and reused.
// Bounded: lists of varying length (`IN (?, ?, …)`) make new texts.
const MAX_STATEMENTS = 500;

function statementCache(raw: DatabaseSync): (sql: string) => Prepared {
  const kept = new Map<string, Prepared>();
  return (sql) => {
    let prepared = kept.get(sql);
    if (!prepared) {
      const stmt = raw.prepare(sql);
      prepared = { stmt, reader: stmt.columns().length > 0 };
      if (kept.size >= MAX_STATEMENTS) kept.delete(kept.keys().next().value as string);
      kept.set(sql, prepared);
    }
    return prepared;
  };
}

function adaptStatement(raw: DatabaseSync, { stmt, reader }: Prepared, sql: string): SqliteStatement {
  return {
    reader,
    all: (params) => stmt.all(...params.map(toSqlite)),
    run: (params) => stmt.run(...params.map(toSqlite)),
    // An iteration can stay open across awaits, while the kept statement serves other queries: it gets one of its own.
    iterate: (params) => raw.prepare(sql).iterate(...params.map(toSqlite)),
  };
}

/** Kysely's SqliteDialect speaks the better-sqlite3 shape; node:sqlite needs this thin bridge. */
export function openSqlite(file: string): SqliteDatabase & { raw: DatabaseSync } {
  const raw = new DatabaseSync(file);
  raw.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;');
  const prepare = statementCache(raw);
  return {
    raw,
    close: () => raw.close(),
    prepare: (sql) => adaptStatement(raw, prepare(sql), sql),
  };
}
