import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testDb } from '../../test/helper.ts';
import type { Db } from '#src/db/connection.ts';
import { withoutSecrets, writeIntegrations } from '#src/features/settings/integrations.ts';
import { integrationsSchema, readIntegrations, type GatewaySettings } from './integrations.ts';
import { createMailer } from './mailer.ts';
import { cancelPendingEmail, enqueueEmail, OutboxWorker, outboxStats } from './outbox.ts';
import { findOutboxRow } from './outbox-queries.ts';
import { startHttpServer } from './test-http-server.ts';
import { enqueueTextMessage } from './text-message.ts';
import { startSmtpServer } from './test-support.ts';
import { enqueueWebhook } from './webhook.ts';
import { consultationCreated } from './consultation-webhook.ts';

const later = (at: Date, ms: number) => new Date(at.getTime() + ms);
const HOUR = 60 * 60_000;
// What a patient's reminder may look like: quotes, a line break, a backslash, an ampersand, Urdu.
const text = 'Reminder: "Dr. Ali" tomorrow 10:00 & bring reports\\files\nیاد دہانی: کل صبح 10 بجے';
const message = { to: '+923001234567', text, channel: 'sms' as const, reference: 'CS-7K2M9Q' };

async function gateway(db: Db, channel: 'sms' | 'whatsapp', g: Partial<GatewaySettings>) {
  const current = await readIntegrations(db.kysely);
  await writeIntegrations(db.kysely, { ...current, [channel]: { enabled: true, ...g } }, new Date());
}

test('json: placeholders are filled JSON-escaped, with the configured headers', async (t) => {
  const db = await testDb(t);
  const gw = await startHttpServer(t, '/v1/messages');
  await gateway(db, 'sms', {
    url: gw.url,
    headers: 'Authorization: Bearer sk_live_123\nX-Account: clinic-7',
    bodyFormat: 'json',
    bodyTemplate: '{"recipient": "{to}", "message": {"body": "{text}"}, "client_ref": "{reference}-{id}", "msisdn": "{to_digits}"}',
  });
  const id = await enqueueTextMessage(db.kysely, message);
  assert.ok(id);
  assert.deepEqual(await new OutboxWorker({ db }).runOnce(), { sent: 1, failed: 0, retried: 0 });

  const [got] = gw.received;
  assert.ok(got);
  assert.equal(got.method, 'POST');
  assert.equal(got.url, '/v1/messages');
  assert.equal(got.headers['content-type'], 'application/json');
  assert.equal(got.headers.authorization, 'Bearer sk_live_123');
  assert.equal(got.headers['x-account'], 'clinic-7');
  const token = (await findOutboxRow(db.kysely, id))?.message_token;
  assert.deepEqual(JSON.parse(got.body), { recipient: '+923001234567', message: { body: text }, client_ref: `CS-7K2M9Q-${token}`, msisdn: '923001234567' });
});

test('form: placeholders are URL-encoded in the body', async (t) => {
  const db = await testDb(t);
  const gw = await startHttpServer(t);
  await gateway(db, 'sms', { url: gw.url, bodyFormat: 'form', bodyTemplate: 'To={to}&Body={text}&Ref={reference}' });
  await enqueueTextMessage(db.kysely, message);
  assert.deepEqual(await new OutboxWorker({ db }).runOnce(), { sent: 1, failed: 0, retried: 0 });

  const [got] = gw.received;
  assert.equal(got?.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.match(got?.body ?? '', /^To=%2B923001234567&Body=/, 'the + of the number is encoded, not read as a space');
  assert.deepEqual(Object.fromEntries(new URLSearchParams(got?.body)), { To: '+923001234567', Body: text, Ref: 'CS-7K2M9Q' });
});

test('query: a GET with the placeholders URL-encoded after the query the URL already has', async (t) => {
  const db = await testDb(t);
  const gw = await startHttpServer(t, '/api/send?key=k3y&sender=CLINIC');
  await gateway(db, 'whatsapp', { url: gw.url, method: 'GET', bodyFormat: 'query', bodyTemplate: 'to={to_digits}&msg={text}' });
  await enqueueTextMessage(db.kysely, { ...message, channel: 'whatsapp' });
  assert.deepEqual(await new OutboxWorker({ db }).runOnce(), { sent: 1, failed: 0, retried: 0 });

  const [got] = gw.received;
  assert.equal(got?.method, 'GET');
  assert.equal(got?.body, '');
  const url = new URL(got?.url ?? '', 'http://x');
  assert.equal(url.pathname, '/api/send');
  assert.deepEqual(Object.fromEntries(url.searchParams), { key: 'k3y', sender: 'CLINIC', to: '923001234567', msg: text });
});

test('each channel goes to its own gateway, and a channel that is off queues nothing', async (t) => {
  const db = await testDb(t);
  const sms = await startHttpServer(t, '/sms');
  assert.equal(await enqueueTextMessage(db.kysely, message), null, 'all off by default');
  await gateway(db, 'sms', { url: sms.url });
  assert.equal(await enqueueTextMessage(db.kysely, { ...message, channel: 'whatsapp' }), null, 'whatsapp is still off');
  assert.ok(await enqueueTextMessage(db.kysely, message));
  assert.deepEqual(await new OutboxWorker({ db }).runOnce(), { sent: 1, failed: 0, retried: 0 });
  assert.equal(sms.received.length, 1);
  await assert.rejects(enqueueTextMessage(db.kysely, { ...message, to: '03001234567' }), TypeError, 'only E.164');
  await assert.rejects(enqueueTextMessage(db.kysely, { ...message, text: ' ' }), TypeError);
});

test('a gateway outage (503, then down) loses nothing: every message is delivered once it is back', async (t) => {
  const db = await testDb(t);
  const gw = await startHttpServer(t, '/send?api_key=SECRET123');
  await gateway(db, 'sms', { url: gw.url, bodyFormat: 'form', bodyTemplate: 'to={to}&text={text}' });
  const t0 = new Date();
  const ids: number[] = [];
  for (let i = 0; i < 5; i++) {
    const id = await enqueueTextMessage(db.kysely, { ...message, to: `+92300123456${i}`, text: `Message ${i}` }, t0);
    assert.ok(id);
    ids.push(id);
  }
  const worker = new OutboxWorker({ db });

  gw.answer = 503;
  assert.deepEqual(await worker.runOnce(t0), { sent: 0, failed: 0, retried: 5 });
  await gw.close();
  assert.deepEqual(await worker.runOnce(later(t0, HOUR)), { sent: 0, failed: 0, retried: 5 });
  const stats = await outboxStats(db.kysely);
  assert.deepEqual(stats.counts, { pending: 5, sent: 0, failed: 0 });
  assert.equal(stats.retrying, 5);
  assert.deepEqual(stats.waiting.map((w) => w.recipient), ids.map((_, i) => `+•••••••••56${i} (sms)`), 'the dashboard shows the last 3 digits only');
  for (const w of stats.waiting) {
    // The first after the close may find its kept-alive connection gone; the rest are refused.
    assert.match(w.last_error ?? '', /^127\.0\.0\.1:\d+: (connect ECONNREFUSED|UND_ERR_SOCKET: other side closed)/);
    assert.doesNotMatch(w.last_error ?? '', /SECRET123/, 'the API key in the URL never reaches the dashboard');
  }

  await gw.reopen();
  gw.answer = 200;
  assert.deepEqual(await worker.runOnce(later(t0, 2 * HOUR)), { sent: 5, failed: 0, retried: 0 });
  assert.deepEqual(await worker.runOnce(later(t0, 3 * HOUR)), { sent: 0, failed: 0, retried: 0 });
  const delivered = gw.accepted().map((r) => new URLSearchParams(r.body).get('text')).sort();
  assert.deepEqual(delivered, ['Message 0', 'Message 1', 'Message 2', 'Message 3', 'Message 4'], 'each delivered once, none lost');
  assert.deepEqual((await outboxStats(db.kysely)).counts, { pending: 0, sent: 5, failed: 0 });
});

test('a reminder waits for its time and can be taken back', async (t) => {
  const db = await testDb(t);
  const gw = await startHttpServer(t);
  await gateway(db, 'whatsapp', { url: gw.url });
  const t0 = new Date();
  const reminder = await enqueueTextMessage(db.kysely, { ...message, channel: 'whatsapp', text: 'Tomorrow at 10' }, t0, { notBefore: later(t0, 24 * HOUR) });
  const moved = await enqueueTextMessage(db.kysely, { ...message, channel: 'whatsapp', text: 'Moved' }, t0, { notBefore: later(t0, 24 * HOUR) });
  assert.ok(reminder && moved);
  const worker = new OutboxWorker({ db });
  assert.deepEqual(await worker.runOnce(later(t0, 23 * HOUR)), { sent: 0, failed: 0, retried: 0 });
  assert.equal(await cancelPendingEmail(db.kysely, moved), true);
  assert.deepEqual(await worker.runOnce(later(t0, 24 * HOUR)), { sent: 1, failed: 0, retried: 0 });
  assert.deepEqual(gw.received.map((r) => (JSON.parse(r.body) as { text: string }).text), ['Tomorrow at 10']);
});

test('one worker delivers email, webhook and text messages claimed together', async (t) => {
  const db = await testDb(t);
  const smtp = await startSmtpServer(t);
  const http = await startHttpServer(t);
  await writeIntegrations(db.kysely, { webhook: { enabled: true, url: http.url, secret: 's'.repeat(32) }, sms: { enabled: true, url: http.url } }, new Date());
  await enqueueEmail(db.kysely, { to: 'patient@example.org', subject: 'Received', text: 'Hello' });
  await enqueueTextMessage(db.kysely, message);
  await enqueueWebhook(db.kysely, consultationCreated({ reference: 'CS-1', status: 'new', urgent: 0, created_at: '', respond_by: '', condition: 'other', lang: 'en', utm: '{}', full_name: 'A', phone: '+923001234567', reply_via: 'phone', preferred_time: '', time_zone: 'UTC', country: 'PK', city: '' }));
  await db.kysely.insertInto('outbox').values({ kind: 'text-message', payload: '{"to":"not a number"}', status: 'pending', next_attempt_at: new Date().toISOString(), created_at: new Date().toISOString(), message_token: 'x' }).execute();

  const worker = new OutboxWorker({ db, mailer: createMailer({ smtpUrl: smtp.url, mailFrom: 'x@clinic.example', mailDir: '' }) });
  assert.deepEqual(await worker.runOnce(), { sent: 3, failed: 1, retried: 0 }, 'an unreadable payload is failed at once');
  assert.equal(smtp.received.length, 1);
  assert.deepEqual(http.received.map((r) => r.headers['x-caresite-event'] ?? 'sms').sort(), ['consultation.created', 'sms']);
  const stats = await outboxStats(db.kysely);
  assert.equal(stats.failed[0]?.last_error, 'unreadable text-message payload');
  assert.equal(stats.failed[0]?.kind, 'text-message');
});

test('gateway settings: a GET needs a query template, a JSON template must stay JSON, headers must be sendable', () => {
  const issues = (sms: object) => integrationsSchema.safeParse({ sms: { enabled: true, url: 'https://sms.example.org/send', ...sms } }).error?.issues.map((i) => `${i.path.join('.')} ${i.message}`) ?? [];
  assert.deepEqual(issues({}), [], 'the defaults work');
  assert.deepEqual(issues({ url: 'http://192.168.1.20:8080/send' }), [], 'plain http to a phone on the clinic network is allowed');
  assert.deepEqual(issues({ method: 'GET' }), ['sms.bodyFormat field.gatewayGetNeedsQuery']);
  assert.deepEqual(issues({ method: 'GET', bodyFormat: 'query', bodyTemplate: 'to={to}&text={text}' }), []);
  assert.deepEqual(issues({ bodyTemplate: '{"to": {to}, "text": "{text}"}' }), ['sms.bodyTemplate field.gatewayJson'], 'a placeholder outside quotes');
  assert.deepEqual(issues({ bodyTemplate: '{"to": "{to}"}' }), ['sms.bodyTemplate field.gatewayPlaceholders']);
  assert.deepEqual(issues({ headers: 'Authorization Bearer x' }), ['sms.headers field.gatewayHeaders']);
  assert.deepEqual(issues({ headers: 'Host: evil.example' }), ['sms.headers field.gatewayHeaders']);
  assert.deepEqual(issues({ headers: 'X-Note: سلام' }), ['sms.headers field.gatewayHeaders']);
  assert.deepEqual(issues({ url: 'ftp://sms.example.org' }), ['sms.url field.gatewayUrl']);

  const saved = integrationsSchema.parse({ sms: { enabled: true, url: 'https://sms.example.org/send?api_key=k3y', headers: 'Authorization: Bearer sk_live_123' } });
  const audited = JSON.stringify(withoutSecrets(saved));
  assert.doesNotMatch(audited, /k3y|sk_live_123/);
  assert.match(audited, /Authorization: \(hidden\)/);
});

test('a stored value that no longer passes reads as off, part by part', async (t) => {
  const db = await testDb(t);
  await db.kysely.insertInto('settings').values({ key: 'integrations', value: JSON.stringify({ webhook: { enabled: true, url: 'nonsense' }, sms: { enabled: true, url: 'https://sms.example.org/' } }), updated_at: '' }).execute();
  const s = await readIntegrations(db.kysely);
  assert.equal(s.webhook.enabled, false);
  assert.equal(s.sms.enabled, true);
  assert.equal(s.whatsapp.enabled, false);
});
