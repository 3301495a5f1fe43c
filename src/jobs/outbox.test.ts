import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout } from 'node:timers/promises';
import { anotherConnection, testDb } from '../../test/helper.ts';
import { createMailer, type Mailer } from './mailer.ts';
import { DEFAULT_LEASE_MS, enqueueEmail, OutboxWorker, outboxStats, retryDelayMs, shortError } from './outbox.ts';
import { claimDueRows, findOutboxRow, markSent } from './outbox-queries.ts';
import { headerValue, startSmtpServer } from './test-support.ts';

const from = 'Caresite <no-reply@clinic.example.org>';
const mailerFor = (smtpUrl: string) => createMailer({ smtpUrl, mailFrom: from, mailDir: '/nonexistent' });
const later = (at: Date, ms: number) => new Date(at.getTime() + ms);
const HOUR = 60 * 60_000;

test('enqueueEmail writes its row only when the surrounding transaction commits', async (t) => {
  const db = await testDb(t);
  const message = { to: 'patient@example.org', subject: 'Your request', text: 'We received it.' };

  await assert.rejects(
    db.kysely.transaction().execute(async (trx) => {
      await enqueueEmail(trx, message);
      throw new Error('the change that caused the mail failed');
    }),
    /the change that caused the mail failed/,
  );
  assert.equal((await outboxStats(db.kysely)).counts.pending, 0);

  const now = new Date('2030-01-02T03:04:05.000Z');
  const id = await db.kysely.transaction().execute((trx) => enqueueEmail(trx, message, now));
  const row = await findOutboxRow(db.kysely, id);
  assert.ok(row);
  assert.equal(row.kind, 'email');
  assert.equal(row.status, 'pending');
  assert.equal(row.attempts, 0);
  assert.equal(row.next_attempt_at, now.toISOString());
  assert.equal(row.created_at, now.toISOString());
  assert.deepEqual(JSON.parse(row.payload), message);
});

test('enqueueEmail refuses a message without recipient or subject', async (t) => {
  const db = await testDb(t);
  await assert.rejects(enqueueEmail(db.kysely, { to: ' ', subject: 'x', text: '' }), TypeError);
  await assert.rejects(enqueueEmail(db.kysely, { to: 'a@example.org', subject: '', text: '' }), TypeError);
});

test('a message reaches a real SMTP server with its recipient, subject and body, and is marked sent', async (t) => {
  const db = await testDb(t);
  const smtp = await startSmtpServer(t);
  const id = await enqueueEmail(db.kysely, {
    to: 'patient@example.org',
    subject: 'Consultation request received',
    text: 'A coordinator will call you today.',
    html: '<p>A coordinator will call you <b>today</b>.</p>',
  });
  const worker = new OutboxWorker({ db, mailer: mailerFor(smtp.url) });

  assert.deepEqual(await worker.runOnce(), { sent: 1, failed: 0, retried: 0 });

  assert.equal(smtp.received.length, 1);
  const mail = smtp.received[0];
  assert.ok(mail);
  assert.deepEqual(mail.envelopeTo, ['patient@example.org']);
  assert.equal(headerValue(mail.raw, 'to'), 'patient@example.org');
  assert.equal(headerValue(mail.raw, 'from'), from);
  assert.equal(mail.subject, 'Consultation request received');
  assert.match(mail.raw, /A coordinator will call you today\./);
  assert.match(mail.raw, /<p>A coordinator will call you <b>today<\/b>\.<\/p>/);

  const row = await findOutboxRow(db.kysely, id);
  assert.equal(row?.status, 'sent');
  assert.ok(row?.sent_at);
  assert.equal(row?.locked_by, null);
  assert.equal(row?.locked_until, null);
  assert.deepEqual(await worker.runOnce(), { sent: 0, failed: 0, retried: 0 }, 'nothing left to send');
});

test('two workers running at once send every message exactly once', async (t) => {
  const db = await testDb(t);
  const otherProcessDb = anotherConnection(db);
  const smtp = await startSmtpServer(t);
  const total = 40;
  for (let i = 0; i < total; i++) {
    await enqueueEmail(db.kysely, { to: `p${i}@example.org`, subject: `Message ${i}`, text: `Body ${i}` });
  }
  const workers = [
    new OutboxWorker({ db, mailer: mailerFor(smtp.url), workerId: 'web-1', batchSize: 4 }),
    new OutboxWorker({ db: otherProcessDb, mailer: mailerFor(smtp.url), workerId: 'web-2', batchSize: 4 }),
  ];
  const sentBy = [0, 0];
  await Promise.all(
    workers.map(async (worker, w) => {
      for (;;) {
        const r = await worker.runOnce();
        sentBy[w] = (sentBy[w] ?? 0) + r.sent;
        if (r.sent + r.failed + r.retried > 0) continue;
        if ((await outboxStats(db.kysely)).counts.pending === 0) return;
        // The other worker holds the rest. Wait as the real poller would: node:sqlite answers
        // synchronously, so a loop of bare awaits would starve that worker's SMTP sockets.
        await setTimeout(5);
      }
    }),
  );

  const subjects = smtp.received.map((m) => m.subject).sort();
  const expected = Array.from({ length: total }, (_, i) => `Message ${i}`).sort();
  assert.deepEqual(subjects, expected, 'each message received once, none missing');
  assert.equal(sentBy[0]! + sentBy[1]!, total);
  assert.ok(sentBy[0]! > 0 && sentBy[1]! > 0, `both workers took part (${sentBy.join(' + ')})`);
  assert.deepEqual((await outboxStats(db.kysely)).counts, { pending: 0, sent: total, failed: 0 });
});

test('a refused delivery is retried after a backoff, not before', async (t) => {
  const db = await testDb(t);
  const smtp = await startSmtpServer(t, { rejectFirst: 2 });
  const t0 = new Date();
  const id = await enqueueEmail(db.kysely, { to: 'patient@example.org', subject: 'Retry me', text: 'Hello' }, t0);
  const worker = new OutboxWorker({ db, mailer: mailerFor(smtp.url) });

  assert.deepEqual(await worker.runOnce(t0), { sent: 0, failed: 0, retried: 1 });
  let row = await findOutboxRow(db.kysely, id);
  assert.equal(row?.status, 'pending');
  assert.equal(row?.attempts, 1);
  assert.match(row?.last_error ?? '', /451/);
  assert.equal(row?.locked_by, null);
  assert.ok(row && row.next_attempt_at >= later(t0, 30_000).toISOString(), `backoff of 30 s or more: ${row?.next_attempt_at}`);

  assert.deepEqual(await worker.runOnce(later(t0, 29_000)), { sent: 0, failed: 0, retried: 0 }, 'not due yet');
  assert.equal(smtp.attempts(), 1);

  assert.deepEqual(await worker.runOnce(later(t0, HOUR)), { sent: 0, failed: 0, retried: 1 });
  row = await findOutboxRow(db.kysely, id);
  assert.equal(row?.attempts, 2);
  assert.ok(row && row.next_attempt_at >= later(t0, HOUR + 60_000).toISOString(), 'the second wait is longer');

  assert.deepEqual(await worker.runOnce(later(t0, 2 * HOUR)), { sent: 1, failed: 0, retried: 0 });
  assert.equal((await findOutboxRow(db.kysely, id))?.status, 'sent');
  assert.equal(smtp.received.length, 1);
});

test('after maxAttempts failures the message is failed and listed on the dashboard', async (t) => {
  const db = await testDb(t);
  const smtp = await startSmtpServer(t, { rejectFirst: Infinity });
  const t0 = new Date();
  const id = await enqueueEmail(db.kysely, { to: 'patient@example.org', subject: 'Doomed', text: 'Hello' }, t0);
  await enqueueEmail(db.kysely, { to: 'waiting@example.org', subject: 'Later', text: 'Hello' }, later(t0, 10 * HOUR));
  const worker = new OutboxWorker({ db, mailer: mailerFor(smtp.url), maxAttempts: 3 });

  assert.deepEqual(await worker.runOnce(t0), { sent: 0, failed: 0, retried: 1 });
  assert.deepEqual(await worker.runOnce(later(t0, HOUR)), { sent: 0, failed: 0, retried: 1 });
  assert.deepEqual(await worker.runOnce(later(t0, 2 * HOUR)), { sent: 0, failed: 1, retried: 0 });
  assert.deepEqual(await worker.runOnce(later(t0, 3 * HOUR)), { sent: 0, failed: 0, retried: 0 }, 'never tried again');
  assert.equal(smtp.attempts(), 3);

  const stats = await outboxStats(db.kysely);
  assert.deepEqual(stats.counts, { pending: 1, sent: 0, failed: 1 });
  assert.equal(stats.failed.length, 1);
  const failed = stats.failed[0];
  assert.equal(failed?.id, id);
  assert.equal(failed?.recipient, 'patient@example.org');
  assert.equal(failed?.attempts, 3);
  assert.equal(failed?.created_at, t0.toISOString());
  assert.match(failed?.last_error ?? '', /451 Try again later/);
});

test('rows claimed by a worker that crashed are taken over when its lease expires', async (t) => {
  const db = await testDb(t);
  const smtp = await startSmtpServer(t);
  const t0 = new Date();
  const id = await enqueueEmail(db.kysely, { to: 'patient@example.org', subject: 'Orphaned', text: 'Hello' }, t0);
  // The crashed worker claimed the row and died before sending it.
  const claimed = await claimDueRows(db, {
    workerId: 'crashed',
    kinds: ['email'],
    now: t0.toISOString(),
    lockedUntil: later(t0, 60_000).toISOString(),
    limit: 10,
  });
  assert.deepEqual(claimed.map((r) => r.id), [id]);

  const survivor = new OutboxWorker({ db, mailer: mailerFor(smtp.url), workerId: 'survivor', leaseMs: 60_000 });
  assert.deepEqual(await survivor.runOnce(later(t0, 59_000)), { sent: 0, failed: 0, retried: 0 }, 'lease still held');
  assert.deepEqual(await survivor.runOnce(later(t0, 61_000)), { sent: 1, failed: 0, retried: 0 });
  assert.equal(smtp.received.length, 1);
  assert.equal(await markSent(db.kysely, id, 'crashed', later(t0, 62_000).toISOString()), false, 'the old owner can no longer touch it');
});

test('start() delivers in the background and stop() waits for the run in progress', async (t) => {
  const db = await testDb(t);
  const smtp = await startSmtpServer(t);
  const worker = new OutboxWorker({ db, mailer: mailerFor(smtp.url) });
  worker.start(10);
  t.after(() => worker.stop());
  await enqueueEmail(db.kysely, { to: 'patient@example.org', subject: 'Background', text: 'Hello' });
  for (let i = 0; i < 500 && smtp.received.length === 0; i++) await setTimeout(10);
  await worker.stop();
  assert.equal(smtp.received.length, 1);
  assert.equal((await outboxStats(db.kysely)).counts.sent, 1);
});

/** A mailer that sends through `inner`, except that the `hangAt`-th send never settles: the process was killed there. */
function killedAt(inner: Mailer, hangAt: number): Mailer & { calls: number } {
  return {
    calls: 0,
    async send(message) {
      if (++this.calls === hangAt) return new Promise<void>(() => {});
      return inner.send(message);
    },
    describe: () => 'a mailer in a process about to be killed',
  };
}

test('the rows of a worker killed mid-batch go out through another worker within a minute', async (t) => {
  const db = await testDb(t);
  const smtp = await startSmtpServer(t);
  const t0 = new Date();
  for (let i = 0; i < 3; i++) await enqueueEmail(db.kysely, { to: `p${i}@example.org`, subject: `Invitation ${i}`, text: 'Hello' }, t0);
  // Default lease, as in production. The killed worker's lease renewals would only start after
  // DEFAULT_LEASE_MS / 3 of real time; this test is over long before.
  const mailer = killedAt(mailerFor(smtp.url), 2);
  const killed = new OutboxWorker({ db, mailer, workerId: 'killed' });
  void killed.runOnce(t0);
  // Wait until the worker hangs on its second send: by then it has recorded the first as sent
  // (waiting only for the mail server to receive it raced with that write and failed now and then).
  while (mailer.calls < 2) await setTimeout(5);

  const survivor = new OutboxWorker({ db: anotherConnection(db), mailer: mailerFor(smtp.url), workerId: 'survivor' });
  assert.deepEqual(await survivor.runOnce(later(t0, 20_000)), { sent: 0, failed: 0, retried: 0 }, 'the lease still holds 20 s after the claim');
  assert.deepEqual(await survivor.runOnce(later(t0, 60_000)), { sent: 2, failed: 0, retried: 0 }, 'one minute after the claim the other rows are sent');
  assert.deepEqual(smtp.received.map((m) => m.subject).sort(), ['Invitation 0', 'Invitation 1', 'Invitation 2']);
  assert.ok(DEFAULT_LEASE_MS <= 60_000);
});

test('a worker renews the lease of a slow send, so no other worker sends the same row', async (t) => {
  const db = await testDb(t);
  const id = await enqueueEmail(db.kysely, { to: 'p@example.org', subject: 'Slow', text: '' });
  const slow = slowMailer(1000);
  const other = slowMailer(0);
  const a = new OutboxWorker({ db, mailer: slow, workerId: 'a', leaseMs: 300 });
  const b = new OutboxWorker({ db: anotherConnection(db), mailer: other, workerId: 'b', leaseMs: 300 });

  const running = a.runOnce();
  while (slow.started === 0) await setTimeout(5);
  await setTimeout(700); // more than twice the lease
  assert.deepEqual(await b.runOnce(), { sent: 0, failed: 0, retried: 0 }, 'the row is still held by a');
  assert.deepEqual(await running, { sent: 1, failed: 0, retried: 0 });
  assert.deepEqual(other.sent, []);
  assert.equal((await findOutboxRow(db.kysely, id))?.status, 'sent', 'a still held the lock when it marked the row sent');
});

test('every attempt at one message carries the same Message-ID: after a refusal and after a crash', async (t) => {
  const db = await testDb(t);
  const smtp = await startSmtpServer(t, { refuseDataFirst: 1 });
  const t0 = new Date();
  const id = await enqueueEmail(db.kysely, { to: 'patient@example.org', subject: 'Once', text: 'Hello' }, t0);
  const options = { db, messageIdDomain: 'clinic.example.org' };
  const worker = new OutboxWorker({ ...options, mailer: mailerFor(smtp.url), workerId: 'w' });

  assert.deepEqual(await worker.runOnce(t0), { sent: 0, failed: 0, retried: 1 }, 'the server read the message, then answered 451');
  // The second attempt reaches the server, which accepts it; the process is killed before it marks the row sent.
  const hangsAfterSending: Mailer = { async send(m) { await mailerFor(smtp.url).send(m); await new Promise(() => {}); }, describe: () => '' };
  const crashing = new OutboxWorker({ ...options, mailer: hangsAfterSending, workerId: 'killed' });
  void crashing.runOnce(later(t0, HOUR));
  while (smtp.received.length === 0) await setTimeout(5);
  assert.deepEqual(await worker.runOnce(later(t0, HOUR + DEFAULT_LEASE_MS + 1000)), { sent: 1, failed: 0, retried: 0 }, 'sent again after the lease');
  assert.equal((await findOutboxRow(db.kysely, id))?.status, 'sent');

  const attempts = [...smtp.refused, ...smtp.received].filter((m) => m.subject === 'Once').map((m) => headerValue(m.raw, 'message-id'));
  assert.equal(attempts.length, 3, 'refused once, accepted twice (at least once)');
  assert.match(attempts[0] ?? '', /^<[0-9a-f]{32}@clinic\.example\.org>$/);
  assert.deepEqual(new Set(attempts).size, 1, `one Message-ID for all attempts: ${attempts.join(' ')}`);
  await enqueueEmail(db.kysely, { to: 'patient@example.org', subject: 'Another', text: 'Hello' }, t0);
  await worker.runOnce(later(t0, 2 * HOUR));
  const otherId = headerValue(smtp.received.find((m) => m.subject === 'Another')?.raw ?? '', 'message-id');
  assert.ok(otherId && otherId !== attempts[0], `another message has another Message-ID (${otherId})`);
});

/** A mailer that takes `ms` per message, to make runs outlast their lease or a stop(). */
function slowMailer(ms: number): Mailer & { started: number; sent: string[] } {
  const sent: string[] = [];
  return {
    started: 0,
    sent,
    async send(message) {
      this.started++;
      await setTimeout(ms);
      sent.push(message.subject);
    },
    describe: () => 'slow test mailer',
  };
}

test('a run that uses up half its lease hands the rows it has not started back', async (t) => {
  const db = await testDb(t);
  for (let i = 0; i < 6; i++) await enqueueEmail(db.kysely, { to: 'p@example.org', subject: `M${i}`, text: '' });
  const mailer = slowMailer(250);
  const worker = new OutboxWorker({ db, mailer, leaseMs: 400, batchSize: 6 });

  const first = await worker.runOnce();
  assert.ok(first.sent >= 1 && first.sent < 6, `sent ${first.sent} before the lease ran short`);
  const rest = await claimDueRows(db, { workerId: 'other', kinds: ['email'], now: new Date().toISOString(), lockedUntil: later(new Date(), HOUR).toISOString(), limit: 10 });
  assert.equal(rest.length, 6 - first.sent, 'the rest is claimable at once, not only after the lease');
});

test('stop() lets the message being sent finish and hands back the rest of the batch', async (t) => {
  const db = await testDb(t);
  for (let i = 0; i < 5; i++) await enqueueEmail(db.kysely, { to: 'p@example.org', subject: `M${i}`, text: '' });
  const mailer = slowMailer(50);
  const worker = new OutboxWorker({ db, mailer, batchSize: 5 });
  worker.start(5);
  while (mailer.started === 0) await setTimeout(5);
  await worker.stop();

  const stats = await outboxStats(db.kysely);
  assert.ok(mailer.sent.length >= 1 && mailer.sent.length < 5, `${mailer.sent.length} sent`);
  assert.equal(stats.counts.sent, mailer.sent.length, 'every message sent is marked sent');
  const locked = await db.kysely.selectFrom('outbox').select('id').where('locked_by', 'is not', null).execute();
  assert.deepEqual(locked, [], 'no row left locked');
});

test('retry delays double from 30 s up to an hour, with at most 10 % jitter', () => {
  const none = () => 0;
  assert.deepEqual([1, 2, 3, 4, 7, 8, 20].map((n) => retryDelayMs(n, none)), [30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000]);
  assert.equal(retryDelayMs(1, () => 0.999999), 33_000);
});

test('shortError keeps one short line and hides credentials in URLs', () => {
  const err = Object.assign(new Error('Connection to smtp://user:s3cret@mail.example.org:587\nfailed'), { code: 'ECONNECTION' });
  const text = shortError(err);
  assert.equal(text, 'ECONNECTION: Connection to smtp://***@mail.example.org:587 failed');
  assert.ok(shortError(new Error('x'.repeat(1000))).length <= 300);
});
