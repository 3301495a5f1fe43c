import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { test, type TestContext } from 'node:test';
import { testDb } from '../../test/helper.ts';
import type { Db } from '#src/db/connection.ts';
import { newWebhookSecret, withoutSecrets, writeIntegrations } from '#src/features/settings/integrations.ts';
import { integrationsSchema } from './integrations.ts';
import { consultationCreated } from './consultation-webhook.ts';
import { OutboxWorker, outboxStats } from './outbox.ts';
import { findOutboxRow } from './outbox-queries.ts';
import { startHttpServer } from './test-http-server.ts';
import { enqueueWebhook } from './webhook.ts';

const secret = 'whsec_0123456789abcdefghijklmnopqrstuv';
const later = (at: Date, ms: number) => new Date(at.getTime() + ms);
const HOUR = 60 * 60_000;

/** The receiver's check, exactly as the README gives it to a clinic's developer. */
function verifyCaresiteWebhook(secret: string, headers: IncomingHttpHeaders, rawBody: string, nowSeconds = Date.now() / 1000, toleranceSeconds = 300): boolean {
  const timestamp = headers['x-caresite-timestamp'];
  const signature = headers['x-caresite-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
  const a = Buffer.from(signature);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const request = {
  reference: 'CS-7K2M9Q',
  status: 'new' as const,
  urgent: 1,
  created_at: '2030-01-02T03:04:05.000Z',
  respond_by: '2030-01-03T03:04:05.000Z',
  condition: 'diabetes',
  lang: 'ur' as const,
  utm: '{"utm_source":"facebook","utm_campaign":"sugar"}',
  full_name: 'Asma Khan',
  phone: '+923001234567',
  email: 'asma@example.org',
  reply_via: 'whatsapp' as const,
  preferred_time: 'evening',
  time_zone: 'Asia/Karachi',
  country: 'PK',
  city: 'Lahore',
};

async function turnOn(db: Db, url: string, includeContact = false) {
  await writeIntegrations(db.kysely, { webhook: { enabled: true, url, secret, includeContact } }, new Date());
}

/** A database with the webhook on to a recording server, and one delivery waiting for it. */
async function oneWaiting(t: TestContext) {
  const db = await testDb(t);
  const crm = await startHttpServer(t);
  await turnOn(db, crm.url);
  const t0 = new Date();
  const id = await enqueueWebhook(db.kysely, consultationCreated(request), t0);
  assert.ok(id);
  return { db, crm, t0, id };
}

test('with the webhook off nothing is queued', async (t) => {
  const db = await testDb(t);
  assert.equal(await enqueueWebhook(db.kysely, consultationCreated(request)), null);
  assert.equal((await outboxStats(db.kysely)).counts.pending, 0);
});

test('a new request is POSTed signed, without the patient\'s contact details unless the clinic allows them', async (t) => {
  const db = await testDb(t);
  const crm = await startHttpServer(t);
  await turnOn(db, crm.url);
  const t0 = new Date('2030-01-02T03:04:06.000Z');
  const id = await db.kysely.transaction().execute((tx) => enqueueWebhook(tx, consultationCreated(request, 'https://clinic.example.org/admin/consultations/CS-7K2M9Q'), t0));
  assert.ok(id);
  const worker = new OutboxWorker({ db });

  assert.deepEqual(await worker.runOnce(t0), { sent: 1, failed: 0, retried: 0 });
  const [got] = crm.received;
  assert.ok(got);
  assert.equal(got.method, 'POST');
  assert.equal(got.url, '/hook');
  assert.equal(got.headers['content-type'], 'application/json');
  assert.equal(got.headers['x-caresite-event'], 'consultation.created');
  const row = await findOutboxRow(db.kysely, id);
  assert.equal(row?.status, 'sent');
  assert.equal(got.headers['x-caresite-delivery'], row?.message_token);
  assert.equal(got.headers['x-caresite-timestamp'], String(t0.getTime() / 1000));
  assert.ok(verifyCaresiteWebhook(secret, got.headers, got.body, t0.getTime() / 1000), 'the signature verifies with the secret');
  assert.ok(!verifyCaresiteWebhook('another secret, 32 characters long', got.headers, got.body, t0.getTime() / 1000), 'and with no other');
  assert.ok(!verifyCaresiteWebhook(secret, got.headers, got.body.replace('diabetes', 'asthma'), t0.getTime() / 1000), 'nor for another body');
  assert.ok(!verifyCaresiteWebhook(secret, got.headers, got.body, t0.getTime() / 1000 + 3600), 'an old delivery replayed an hour later is refused');

  assert.deepEqual(JSON.parse(got.body), {
    id: row?.message_token,
    event: 'consultation.created',
    occurred_at: t0.toISOString(),
    data: {
      reference: 'CS-7K2M9Q',
      status: 'new',
      urgent: true,
      created_at: '2030-01-02T03:04:05.000Z',
      respond_by: '2030-01-03T03:04:05.000Z',
      condition: 'diabetes',
      lang: 'ur',
      utm: { utm_source: 'facebook', utm_campaign: 'sugar' },
      admin_url: 'https://clinic.example.org/admin/consultations/CS-7K2M9Q',
    },
  });
  assert.doesNotMatch(got.body, /Asma|923001234567|asma@example/, 'no name, phone or email by default');

  await turnOn(db, crm.url, true);
  await enqueueWebhook(db.kysely, consultationCreated(request), t0);
  await worker.runOnce(t0);
  const withContact = JSON.parse(crm.received[1]?.body ?? '{}') as { data: { contact?: unknown } };
  assert.deepEqual(withContact.data.contact, {
    name: 'Asma Khan',
    phone: '+923001234567',
    email: 'asma@example.org',
    reply_via: 'whatsapp',
    preferred_time: 'evening',
    time_zone: 'Asia/Karachi',
    country: 'PK',
    city: 'Lahore',
  });
});

test('a CRM outage (503, then down) loses nothing: retried later with the same delivery id and body, a fresh signature', async (t) => {
  const { db, crm, t0, id } = await oneWaiting(t);
  const worker = new OutboxWorker({ db });

  crm.answer = 503;
  assert.deepEqual(await worker.runOnce(t0), { sent: 0, failed: 0, retried: 1 });
  let row = await findOutboxRow(db.kysely, id);
  assert.equal(row?.attempts, 1);
  assert.match(row?.last_error ?? '', /^127\.0\.0\.1:\d+ answered HTTP 503: error 503: try later$/);
  assert.deepEqual(await worker.runOnce(later(t0, 10_000)), { sent: 0, failed: 0, retried: 0 }, 'not before its backoff');

  await crm.close();
  assert.deepEqual(await worker.runOnce(later(t0, HOUR)), { sent: 0, failed: 0, retried: 1 });
  row = await findOutboxRow(db.kysely, id);
  assert.equal(row?.attempts, 2);
  // Refused; or, if the kept-alive connection of the 503 was tried first, found closed.
  assert.match(row?.last_error ?? '', /^127\.0\.0\.1:\d+: (connect ECONNREFUSED|UND_ERR_SOCKET: other side closed)/);
  const stats = await outboxStats(db.kysely);
  assert.equal(stats.retrying, 1, 'the dashboard shows it waiting');
  assert.equal(stats.waiting[0]?.kind, 'webhook');
  assert.equal(stats.waiting[0]?.recipient, new URL(crm.url).host);

  await crm.reopen();
  crm.answer = 200;
  assert.deepEqual(await worker.runOnce(later(t0, 2 * HOUR)), { sent: 1, failed: 0, retried: 0 });
  assert.equal((await findOutboxRow(db.kysely, id))?.status, 'sent');

  assert.equal(crm.received.length, 2, 'the 503 and the delivery (nothing reached a closed port)');
  assert.equal(crm.accepted().length, 1, 'taken once');
  const [refused, delivered] = crm.received;
  assert.ok(refused && delivered);
  assert.equal(delivered.headers['x-caresite-delivery'], refused.headers['x-caresite-delivery'], 'same delivery id on every attempt');
  assert.equal(delivered.body, refused.body, 'the same bytes');
  assert.notEqual(delivered.headers['x-caresite-timestamp'], refused.headers['x-caresite-timestamp']);
  for (const r of crm.received) assert.ok(verifyCaresiteWebhook(secret, r.headers, r.body, Number(r.headers['x-caresite-timestamp'])));
});

test('a receiver that does not answer in time, or redirects, is a failure to retry', async (t) => {
  const { db, crm, t0, id } = await oneWaiting(t);
  const worker = new OutboxWorker({ db, httpTimeoutMs: 200 });

  crm.answer = null;
  assert.deepEqual(await worker.runOnce(t0), { sent: 0, failed: 0, retried: 1 });
  assert.match((await findOutboxRow(db.kysely, id))?.last_error ?? '', /no answer within 0\.2 s/);

  crm.answer = 302;
  assert.deepEqual(await worker.runOnce(later(t0, HOUR)), { sent: 0, failed: 0, retried: 1 });
  assert.match((await findOutboxRow(db.kysely, id))?.last_error ?? '', /HTTP 302/);
});

test('turned off while events wait: they are kept and retried, not dropped', async (t) => {
  const { db, crm, t0, id } = await oneWaiting(t);
  await writeIntegrations(db.kysely, { webhook: { enabled: false, url: crm.url, secret } }, t0);
  const worker = new OutboxWorker({ db });
  assert.deepEqual(await worker.runOnce(t0), { sent: 0, failed: 0, retried: 1 });
  assert.match((await findOutboxRow(db.kysely, id))?.last_error ?? '', /turned off/);
  await turnOn(db, crm.url);
  assert.deepEqual(await worker.runOnce(later(t0, HOUR)), { sent: 1, failed: 0, retried: 0 });
  assert.equal(crm.accepted().length, 1);
});

test('webhook settings: https (or this machine), a secret of 32 characters or more, kept out of the audit log', () => {
  const issues = (webhook: object) => integrationsSchema.safeParse({ webhook }).error?.issues.map((i) => `${i.path.join('.')} ${i.message}`) ?? [];
  assert.deepEqual(issues({ enabled: true, url: 'https://crm.example.org/hooks/caresite', secret }), []);
  assert.deepEqual(issues({ enabled: true, url: 'http://127.0.0.1:8080/hook', secret }), []);
  assert.deepEqual(issues({ enabled: true, url: 'http://crm.example.org/hook', secret }), ['webhook.url field.webhookUrl']);
  assert.deepEqual(issues({ enabled: true, url: 'https://user:pw@crm.example.org/', secret }), ['webhook.url field.webhookUrl']);
  assert.deepEqual(issues({ enabled: true, url: 'https://crm.example.org/', secret: 'short' }), ['webhook.secret field.webhookSecret']);
  assert.deepEqual(issues({ enabled: false }), [], 'off needs nothing');
  assert.deepEqual(issues({ enabled: true, url: 'https://crm.example.org/', secret: newWebhookSecret() }), [], 'a generated secret is accepted');
  assert.notEqual(newWebhookSecret(), newWebhookSecret());
  assert.deepEqual(integrationsSchema.parse({}).webhook, { enabled: false, url: '', secret: '', includeContact: false });

  const saved = integrationsSchema.parse({ webhook: { enabled: true, url: 'https://crm.example.org/', secret } });
  assert.doesNotMatch(JSON.stringify(withoutSecrets(saved)), new RegExp(secret));
});
