import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMailer } from '#src/jobs/mailer.ts';
import { enqueueEmail, OutboxWorker } from '#src/jobs/outbox.ts';
import { startSmtpServer } from '#src/jobs/test-support.ts';
import { get, makeUser, signIn, staffApp } from '../../../test/staff.ts';

test('during a mail outage the outbox page lists the waiting emails with their last error and next attempt', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'admin@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'admin@clinic.example');
  const down = await startSmtpServer(t, { rejectFirst: Infinity });
  const t0 = new Date('2031-05-06T07:08:00.000Z');
  for (const to of ['asma@example.org', 'bilal@example.org']) await enqueueEmail(app.db.kysely, { to, subject: 'Invitation', text: 'Hello' }, t0);
  const worker = new OutboxWorker({ db: app.db, mailer: createMailer({ smtpUrl: down.url, mailFrom: 'x@clinic.example', mailDir: '' }) });
  assert.deepEqual(await worker.runOnce(t0), { sent: 0, failed: 0, retried: 2 });
  await enqueueEmail(app.db.kysely, { to: 'chand@example.org', subject: 'Reset', text: 'Hello' }, new Date('2031-05-06T07:09:00.000Z'));

  const res = await get(app, '/admin/outbox', cookies);
  assert.equal(res.statusCode, 200);
  const page = res.body;
  assert.match(page, /2 waiting emails have failed at least once/, 'a warning says mail is not getting through');
  const table = page.slice(page.indexOf('Waiting to be sent'), page.indexOf('Emails that could not be sent'));
  for (const to of ['asma@example.org', 'bilal@example.org', 'chand@example.org']) assert.ok(table.includes(to), `${to} is listed as waiting`);
  assert.equal(table.match(/451 Try again later/g)?.length, 2, 'with the last error of each email that failed');
  assert.match(table, /<td>1<\/td>/, 'attempts so far');
  assert.match(table, /<time dir="ltr" datetime="2031-05-06T07:08:00.000Z">2031-05-06 07:08<\/time>/, 'when it was queued');
  assert.match(table, /<time dir="ltr" datetime="2031-05-06T07:08:3\d\.\d{3}Z">2031-05-06 07:08<\/time>/, 'and the next attempt, 30 s or so later');

  const ur = await get(app, '/ur/admin/outbox', cookies);
  assert.equal(ur.statusCode, 200);
  assert.match(ur.body, /بھیجے جانے کی منتظر/);
  assert.match(ur.body, /451 Try again later/);
});

test('with nothing waiting the outbox page says so and shows no warning', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'admin@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'admin@clinic.example');
  const res = await get(app, '/admin/outbox', cookies);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Nothing is waiting\./);
  assert.doesNotMatch(res.body, /banner-warning/);
});
