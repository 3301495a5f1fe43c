import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
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
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  let closing = false;
  // An idle connection the server closes (restart, failover) must not crash the process; the pool
  // replaces it on next use. Once we are closing, connections still saying goodbye are expected to go.
  pool.on('error', (err) => {
    if (!closing) process.emitWarning(`PostgreSQL connection lost: ${err.message}`);
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const close = () => {
    closing = true;
    return kysely.destroy();
  };
  return { kysely, dialect: 'postgres', close };
}
