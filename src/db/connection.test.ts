import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { sql } from 'kysely';
import { testDb } from '../../test/helper.ts';
import { connect } from './connection.ts';

const postgres = process.env.TEST_DATABASE_URL?.startsWith('postgres');
const onlyOnPostgres = postgres ? false : 'PostgreSQL pools only: runs when TEST_DATABASE_URL=postgres://… is given (CI does)';

async function backendPid(db: Awaited<ReturnType<typeof testDb>>): Promise<number> {
  const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db.kysely);
  const pid = rows[0]?.pid;
  assert.ok(pid, 'no backend pid');
  return pid;
}

test('an idle PostgreSQL connection the server ends is a warning, not a crash, and the next query works', { skip: onlyOnPostgres }, async (t) => {
  const db = await testDb(t);
  const killer = connect(String(process.env.TEST_DATABASE_URL));
  t.after(() => killer.close());
  const pid = await backendPid(db);
  const warned = once(process, 'warning');
  await sql`SELECT pg_terminate_backend(${pid})`.execute(killer.kysely);
  const [warning] = (await warned) as [Error];
  assert.match(warning.message, /PostgreSQL connection lost/);
  assert.notEqual(await backendPid(db), pid, 'the pool opened a new connection');
});
