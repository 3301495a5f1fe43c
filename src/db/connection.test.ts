import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { sql, type Kysely, type Transaction } from 'kysely';
import { fixtureContent, testBaseUrl, testDb } from '../../test/helper.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { importContent } from '../content/importer.ts';
import { RETRY_AFTER_SECONDS } from '#src/http/error-pages.ts';
import { connect, type Db } from './connection.ts';
import type { Database } from './types.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

const postgres = process.env.TEST_DATABASE_URL?.startsWith('postgres');
const onlyOnPostgres = postgres ? false : 'PostgreSQL pools only: runs when TEST_DATABASE_URL=postgres://… is given (CI does)';

async function backendPid(db: Db | Kysely<Database> | Transaction<Database>): Promise<number> {
  const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute('kysely' in db ? db.kysely : db);
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

/** Ends a backend from outside, as a failover or an operator would, and waits until its client has seen it. */
async function terminate(killer: Db, pid: number): Promise<void> {
  // Bounded: without a listener on the client, the process meets an uncaught 'error' instead.
  const warned = once(process, 'warning', { signal: AbortSignal.timeout(5000) });
  await sql`SELECT pg_terminate_backend(${pid})`.execute(killer.kysely);
  const [warning] = (await warned) as [Error];
  assert.match(warning.message, /PostgreSQL connection lost/);
}

test('a connection ended between two statements of a transaction fails that transaction, not the process; the pool replaces it', { skip: onlyOnPostgres }, async (t) => {
  const db = await testDb(t);
  const killer = connect(String(process.env.TEST_DATABASE_URL));
  t.after(() => killer.close());
  let pid = 0;
  const transaction = db.kysely.transaction().execute(async (trx) => {
    pid = await backendPid(trx);
    await terminate(killer, pid);
    await sql`SELECT 1`.execute(trx);
  });
  await assert.rejects(transaction, (err) => isDatabaseUnavailable(err), 'the failure reads as "database unavailable" (503), not as a bug');
  assert.notEqual(await backendPid(db), pid, 'the pool opened a new connection');
});

test('a request whose connection is ended mid-transaction gets the 503 page in its language, with Retry-After; the next one is served', { skip: onlyOnPostgres }, async (t) => {
  const db = await testDb(t);
  const killer = connect(String(process.env.TEST_DATABASE_URL));
  t.after(() => killer.close());
  const config = { ...loadConfig({ BASE_URL: testBaseUrl }), databaseUrl: 'test' };
  const app = await buildApp({ config, db, logger: false, contentPollMs: 0 });
  await importContent(app.services, fixtureContent);
  // A route of this test's own, so that the connection is cut at a known point of a real request.
  app.fastify.get('/ur/test-connection-lost', async () =>
    db.kysely.transaction().execute(async (trx) => {
      await terminate(killer, await backendPid(trx));
      await sql`SELECT 1`.execute(trx);
      return 'not reached';
    }),
  );
  await app.fastify.ready();
  t.after(() => app.fastify.close());

  const res = await app.fastify.inject('/ur/test-connection-lost');
  assert.equal(res.statusCode, 503);
  assert.equal(res.headers['retry-after'], String(RETRY_AFTER_SECONDS));
  assert.match(res.body, /<html lang="ur" dir="rtl"/);
  assert.ok(res.body.includes('عارضی طور پر دستیاب نہیں'), 'the friendly page in Urdu');
  assert.doesNotMatch(res.body, /at \w|Connection terminated|not queryable|node_modules/, 'no stack trace or driver message');
  assert.ok(res.headers['content-security-policy'] && res.headers['x-content-type-options'] === 'nosniff');
  assert.equal((await app.fastify.inject('/ur/')).statusCode, 200, 'the process lives and serves the next request');
});
