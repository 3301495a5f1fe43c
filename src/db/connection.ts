import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import { openSqlite } from './sqlite-adapter.ts';
import type { Database } from './types.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

function sqlitePath(url: string): string {
  const path = url.replace(/^sqlite:(\/\/)?/, '');
  return path === '' ? ':memory:' : path;
}

/** One query layer on two engines: an sqlite: URL opens an embedded file, postgres:// a pool. */
export function connect(databaseUrl: string): Db {
  if (databaseUrl.startsWith('sqlite:')) {
    const file = sqlitePath(databaseUrl);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(file) }) });
    return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
  }
  return postgres(databaseUrl);
}

const require = createRequire(import.meta.url);

function postgres(databaseUrl: string): Db {
  // Loaded here, not at the top: a SQLite site never needs the PostgreSQL driver's memory. pg is
  // CommonJS, so require() keeps connect() synchronous.
  const { Pool } = require('pg') as typeof pg;
  // A request waits at most 5 s for a connection, then fails with "try again" (503) rather than
  // hanging while the database is unreachable.
  const pool = new Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
  let closing = false;
  const lost = (err: Error) => {
    if (!closing) process.emitWarning(`PostgreSQL connection lost: ${err.message}`);
  };
  // pg emits 'error' on a client whose connection dies (restart, failover, pg_terminate_backend).
  // While a request holds the client, the pool does not listen, and an unhandled 'error' event ends
  // the process; so every client gets a listener of its own for its whole life. The query in flight
  // still fails (its request answers 503), and the pool drops the dead client when it is released.
  pool.on('connect', (client) => client.on('error', lost));
  // The pool re-emits an idle client's error; the client's own listener has already reported it.
  pool.on('error', () => undefined);
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const close = () => {
    closing = true;
    return kysely.destroy();
  };
  return { kysely, dialect: 'postgres', close };
}
