import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { connect } from '#src/db/connection.ts';
import { startAppProcess, type AppProcess } from './app-process.ts';

const base = process.env.TEST_DATABASE_URL;
const onlyOnPostgres = base?.startsWith('postgres') ? false : 'PostgreSQL only: runs when TEST_DATABASE_URL=postgres://… is given (CI does)';
const LOAD_MS = 4000;
const paths = ['/', '/nothing-here', '/ur/nothing-here', '/search?q=als', '/admin/sign-in'];

interface Outcome {
  statuses: Map<number, number>;
  failures: string[];
}

/** Requests one after another until the deadline; every answer must be a page, a 503 must say when to retry. */
async function load(app: AppProcess, deadline: number, offset: number, outcome: Outcome): Promise<void> {
  for (let i = offset; Date.now() < deadline && app.alive(); i++) {
    const path = paths[i % paths.length] ?? '/';
    try {
      const res = await fetch(app.url + path, { signal: AbortSignal.timeout(10_000) });
      const body = await res.text();
      outcome.statuses.set(res.status, (outcome.statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500 && (res.status !== 503 || !res.headers.get('retry-after'))) outcome.failures.push(`${path}: ${res.status}`);
      if (/Connection terminated|not queryable|node_modules/.test(body)) outcome.failures.push(`${path}: driver details in the page`);
    } catch (err) {
      if (app.alive()) outcome.failures.push(`${path}: ${(err as Error).message}`);
    }
  }
}

test('under load, with its PostgreSQL connections terminated every 0.5 s, the app process lives and serves 200 afterwards', { skip: onlyOnPostgres, timeout: 90_000 }, async (t) => {
  const admin = connect(String(base));
  const name = `caresite_t_${randomBytes(6).toString('hex')}`;
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin.kysely);
  const url = new URL(String(base));
  url.pathname = `/${name}`;
  const apps: AppProcess[] = [];
  t.after(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin.kysely);
    await admin.close();
  });
  // Two processes, as behind a load balancer; the second starts once the first has loaded the content.
  for (let i = 0; i < 2; i++) apps.push(await startAppProcess({ DATABASE_URL: url.toString() }));

  const outcome: Outcome = { statuses: new Map(), failures: [] };
  const deadline = Date.now() + LOAD_MS;
  let terminated = 0;
  const killer = (async () => {
    while (Date.now() < deadline) {
      await sleep(500);
      const { rows } = await sql<{ ended: boolean }>`
        SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = ${name} AND pid <> pg_backend_pid()`.execute(admin.kysely);
      terminated += rows.filter((r) => r.ended).length;
    }
  })();
  await Promise.all([killer, ...apps.flatMap((app) => [0, 1, 2].map((n) => load(app, deadline, n, outcome)))]);

  const summary = `terminated ${terminated} backends; statuses ${JSON.stringify(Object.fromEntries(outcome.statuses))}`;
  t.diagnostic(summary);
  assert.ok(terminated > 0, `the test ended no connection at all (${summary})`);
  for (const app of apps) assert.ok(app.alive(), `process ${app.pid} exited with ${app.exitCode()}:\n${app.log.slice(-10).join('\n')}`);
  assert.deepEqual(outcome.failures.slice(0, 5), [], summary);
  for (const app of apps) assert.equal((await fetch(`${app.url}/`)).status, 200, 'served afterwards');
});
