import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { header, makeUser, refusalsLogged, signInForm, staffApp } from '../../../test/staff.ts';
import { RATE_LIMITED, REFUSAL_WINDOW_MS, REFUSALS_PER_CLIENT } from './service.ts';

test('2,000 refused posts from 10 parallel clients write a few rows whose counts add up to 2,000', async (t) => {
  const app = await staffApp(t);
  const form = await signInForm(app);
  const clients = Array.from({ length: 10 }, (_, i) => `10.8.0.${i + 1}`);
  const statuses: number[] = [];
  // Each client sends 200 posts without a CSRF token, 10 at a time, all clients at once.
  await Promise.all(
    clients.map(async (remoteAddress) => {
      for (let wave = 0; wave < 20; wave++) {
        const answers = await Promise.all(
          Array.from({ length: 10 }, () =>
            app.fastify.inject({ method: 'POST', url: '/admin/sign-in', remoteAddress, payload: 'email=a%40b.example&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header(form.cookies) } }),
          ),
        );
        statuses.push(...answers.map((a) => a.statusCode));
      }
    }),
  );
  assert.equal(statuses.length, 2000);
  assert.ok(statuses.every((s) => s === 403 || s === 429), 'every post was refused');
  assert.ok(statuses.filter((s) => s === 429).length >= 2000 - clients.length * (REFUSALS_PER_CLIENT + 10), 'past the limit a client gets 429');

  app.clock.advance(REFUSAL_WINDOW_MS);
  const csrf = await refusalsLogged(app, 'csrf.rejected');
  const limited = await refusalsLogged(app, RATE_LIMITED);
  assert.equal(csrf.count + limited.count, 2000, 'every refusal is counted');
  assert.ok(csrf.rows + limited.rows <= clients.length * 4, `${csrf.rows + limited.rows} rows`);
  const total = await app.db.kysely.selectFrom('audit_log').select('id').execute();
  assert.ok(total.length <= clients.length * 4, `${total.length} rows in the whole log`);
  assert.equal((await app.db.kysely.selectFrom('audit_refusals').select('key').execute()).length, 0, 'counters of ended windows are cleared once written');
});

test('a client over the refusal limit gets 429 with Retry-After even with a valid form; another client is unaffected', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const post = (remoteAddress: string, cookies: Map<string, string>, body: string) =>
    app.fastify.inject({ method: 'POST', url: '/admin/sign-in', remoteAddress, payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header(cookies) } });
  const form = await signInForm(app);
  for (let i = 0; i < REFUSALS_PER_CLIENT; i++) await post('10.8.1.1', form.cookies, 'email=x');
  const good = `_csrf=${form.csrf}&email=asma%40clinic.example&password=${encodeURIComponent('correct horse battery staple')}`;
  const blocked = await post('10.8.1.1', form.cookies, good);
  assert.equal(blocked.statusCode, 429);
  assert.ok(Number(blocked.headers['retry-after']) > 0 && Number(blocked.headers['retry-after']) <= REFUSAL_WINDOW_MS / 1000);
  assert.match(blocked.body, /Too many refused requests/);
  assert.equal((await post('10.8.1.2', form.cookies, good)).statusCode, 303, 'another client signs in');
  app.clock.advance(REFUSAL_WINDOW_MS);
  assert.equal((await post('10.8.1.1', form.cookies, good)).statusCode, 303, 'the next window lets the client in again');
  await app.services.audit.foldEndedRefusals();
  const rows = await app.db.kysely.selectFrom('audit_log').select(['action', 'details']).where('action', 'in', ['csrf.rejected', RATE_LIMITED]).orderBy('id').execute();
  assert.deepEqual(rows.map((r) => [r.action, (JSON.parse(r.details) as { count: number }).count]), [['csrf.rejected', 1], [RATE_LIMITED, 1], ['csrf.rejected', 99]]);
  const repeat = JSON.parse(rows[2]?.details ?? '{}') as Record<string, unknown>;
  assert.equal(repeat.path, 'POST /admin/sign-in');
  assert.ok(typeof repeat.first_at === 'string' && typeof repeat.last_at === 'string' && repeat.first_at <= repeat.last_at);
});

test('the audit log refuses every kind of overwrite: UPDATE, DELETE, REPLACE, INSERT OR REPLACE, upsert, TRUNCATE', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const before = await app.db.kysely.selectFrom('audit_log').selectAll().orderBy('id').execute();
  const first = before[0];
  assert.ok(first);
  const k = app.db.kysely;
  const attempts = [
    sql`UPDATE audit_log SET action = 'x' WHERE id = ${first.id}`,
    sql`DELETE FROM audit_log WHERE id = ${first.id}`,
    sql`INSERT INTO audit_log (id, at, action, details) VALUES (${first.id}, 'x', 'forged', '{}') ON CONFLICT (id) DO UPDATE SET action = 'forged'`,
  ];
  if (app.db.dialect === 'sqlite') {
    attempts.push(
      sql`REPLACE INTO audit_log (id, at, action, details) VALUES (${first.id}, 'x', 'forged', '{}')`,
      sql`INSERT OR REPLACE INTO audit_log (id, at, action, details) VALUES (${first.id}, 'x', 'forged', '{}')`,
      sql`UPDATE OR REPLACE audit_log SET action = 'forged' WHERE id = ${first.id}`,
    );
  } else {
    attempts.push(sql`TRUNCATE audit_log`);
  }
  for (const attempt of attempts) await assert.rejects(attempt.execute(k), /append-only/, attempt.compile(k).sql);
  assert.deepEqual(await k.selectFrom('audit_log').selectAll().orderBy('id').execute(), before, 'nothing changed');
  await k.insertInto('audit_log').values({ at: new Date().toISOString(), actor_id: null, actor_email: null, action: 'still.appends', target_type: null, target_id: null, ip: null, details: '{}' }).execute();
  assert.equal((await k.selectFrom('audit_log').select('id').execute()).length, before.length + 1, 'appending still works');
});
