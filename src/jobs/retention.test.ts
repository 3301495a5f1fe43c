import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { build } from '../../test/helper.ts';
import { goodForm, outboxRows, postConsultation, proofFrom, storedRequests } from '../../test/consultation.ts';
import { system } from '../../test/staff.ts';
import { staffSettingsSchema } from '#src/features/settings/service.ts';
import { anonymiseExpired, startRetentionJob } from './retention.ts';

const DAY = 86_400_000;

async function retentionApp(t: TestContext) {
  // The real time to start with: the proof of work is also checked against the real clock (altcha-lib).
  const clock = { now: new Date() };
  const app = await build(t, undefined, { now: () => clock.now });
  let ip = 10;
  const send = async (form: Record<string, string>) => {
    const res = await postConsultation(app, goodForm({ altcha: await proofFrom(app), ...form }), { ip: `198.51.100.${ip++}` });
    assert.equal(res.statusCode, 303);
    return String(res.headers.location).split('/').pop() ?? '';
  };
  const close = async (reference: string, outcome: 'not-suitable' | 'spam') => {
    assert.equal(await app.services.consultations.inbox.act(system, reference, { action: 'close', outcome }), 'done');
  };
  const deps = { dataRights: app.services.consultations.dataRights, settings: app.services.settings };
  const anonymisedAudit = async () => app.db.kysely.selectFrom('audit_log').select(['actor_id', 'actor_email', 'details']).where('action', '=', 'consultations.anonymised').orderBy('id').execute();
  return { app, clock, send, close, deps, anonymisedAudit };
}

test('closed and spam requests untouched for the retention period are anonymised with the messages about them; open and recent ones stay', async (t) => {
  const { app, clock, send, close, deps, anonymisedAudit } = await retentionApp(t);
  const old = await send({ name: 'Old Closed', phone: '0300 1000001', email: 'old@example.org' });
  await close(old, 'not-suitable');
  const oldSpam = await send({ name: 'Old Spam', phone: '0300 1000002' });
  await close(oldSpam, 'spam');
  const stillOpen = await send({ name: 'Still Open', phone: '0300 1000003', email: 'open@example.org' });
  // A copy of the old request sent to the clinic's CRM (webhook), with the contact details.
  await app.db.kysely.insertInto('outbox').values({ kind: 'webhook', payload: JSON.stringify({ event: 'consultation.created', body: JSON.stringify({ data: { reference: old, contact: { phone: '+923001000001' } } }) }), status: 'sent', next_attempt_at: clock.now.toISOString(), created_at: clock.now.toISOString(), message_token: 'h1' }).execute();
  clock.now = new Date(clock.now.getTime() + 300 * DAY);
  const recent = await send({ name: 'Recent Closed', phone: '0300 1000004' });
  await close(recent, 'not-suitable');
  clock.now = new Date(clock.now.getTime() + 66 * DAY);

  assert.equal(await anonymiseExpired(deps), 2, 'the default period is 365 days after the last change');
  const rows = await storedRequests(app.db);
  const by = (reference: string) => rows.find((r) => r.reference === reference);
  assert.deepEqual([old, oldSpam].map((r) => [by(r)?.full_name, by(r)?.email, by(r)?.message, by(r)?.phone.startsWith('erased:')]), [['—', null, '', true], ['—', null, '', true]]);
  assert.deepEqual([by(old)?.status, by(old)?.outcome, by(old)?.condition], ['closed', 'not-suitable', 'als'], 'what statistics need stays');
  assert.deepEqual([stillOpen, recent].map((r) => by(r)?.full_name), ['Still Open', 'Recent Closed']);

  const outbox = await outboxRows(app.db);
  assert.ok(!outbox.some((r) => r.payload.includes('old@example.org') || r.payload.includes('1000001')), 'the confirmation and the webhook of the anonymised request are emptied');
  assert.ok(outbox.some((r) => r.payload.includes('open@example.org')), 'an open request’s email stays');
  assert.ok(outbox.some((r) => r.payload.includes(old) && !r.payload.includes('old@example.org') && r.payload !== '{"erased":true}'), 'the staff notice (no personal data) stays');
  const events = await app.db.kysely.selectFrom('consultation_events').select('kind').where('request_id', '=', by(old)?.id ?? 0).orderBy('id').execute();
  assert.deepEqual(events.map((e) => e.kind), ['received', 'close', 'anonymised']);

  const audit = await anonymisedAudit();
  assert.equal(audit.length, 1, 'one audit entry per run');
  assert.deepEqual([audit[0]?.actor_id, audit[0]?.actor_email], [null, null], 'by the system');
  assert.deepEqual(JSON.parse(audit[0]?.details ?? '{}'), { requests: 2, retentionDays: 365, closedBefore: new Date(clock.now.getTime() - 365 * DAY).toISOString() });

  assert.equal(await anonymiseExpired(deps), 0, 'nothing is anonymised twice');
  assert.equal((await anonymisedAudit()).length, 1, 'a run that found nothing leaves no entry');

  const staff = await app.services.settings.staff();
  await app.services.settings.updateStaff(system, { ...staff, consultationRetentionDays: 30 });
  assert.equal(await anonymiseExpired(deps), 1, 'the period is read from the settings at each run');
  assert.equal((await storedRequests(app.db)).find((r) => r.reference === recent)?.full_name, '—');
  assert.equal((await storedRequests(app.db)).find((r) => r.reference === stillOpen)?.full_name, 'Still Open', 'an open request never expires');
});

test('two processes running the job at once anonymise each request once and count it once', async (t) => {
  const { app, clock, send, close, deps, anonymisedAudit } = await retentionApp(t);
  for (const phone of ['0300 2000001', '0300 2000002', '0300 2000003']) await close(await send({ phone }), 'not-suitable');
  clock.now = new Date(clock.now.getTime() + 400 * DAY);
  const counts = await Promise.all([anonymiseExpired(deps), anonymiseExpired(deps)]);
  assert.equal(counts[0] + counts[1], 3);
  const audited = (await anonymisedAudit()).map((a) => (JSON.parse(a.details) as { requests: number }).requests);
  assert.equal(audited.reduce((a, b) => a + b, 0), 3);
  const events = await app.db.kysely.selectFrom('consultation_events').select('request_id').where('kind', '=', 'anonymised').execute();
  assert.equal(events.length, 3, 'one timeline entry per request');
});

test('the runner: runs at once and then on its timer, works through batches, logs errors without throwing, and stops', async (t) => {
  const calls: number[] = [];
  const errors: unknown[] = [];
  let fail = true;
  const dataRights = {
    async anonymiseExpired(days: number) {
      calls.push(days);
      if (fail) {
        fail = false;
        throw new Error('database unavailable');
      }
      // Three batches in a run: the first two come back full.
      return { anonymised: 500, more: calls.length % 3 !== 1 };
    },
  };
  const settings = { staff: async () => ({ ...staffSettingsSchema.parse({}), consultationRetentionDays: 90 }) };
  const infos: unknown[] = [];
  const job = startRetentionJob({ dataRights, settings, log: { info: (d) => infos.push(d), error: (d) => errors.push(d) }, intervalMs: 20 });
  t.after(() => job.stop());
  await new Promise((resolve) => setTimeout(resolve, 100));
  await job.stop();
  const after = calls.length;
  assert.equal(errors.length, 1, 'the failed run is logged, and the next one tries again');
  assert.ok(calls.length >= 4, `ran again on the timer (${calls.length} calls)`);
  assert.ok(calls.every((d) => d === 90), 'with the period from the settings');
  assert.deepEqual(infos[0], { anonymised: 1500 }, 'a run goes on while batches come back full');
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(calls.length, after, 'nothing runs after stop()');
});
