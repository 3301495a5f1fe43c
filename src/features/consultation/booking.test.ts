import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { build } from '../../../test/helper.ts';
import { goodForm, outboxRows, postConsultation, proofFrom, storedRequests } from '../../../test/consultation.ts';
import { csrfIn, get, makeUser, postForm, signIn } from '../../../test/staff.ts';
import { createMailer } from '#src/jobs/mailer.ts';
import { OutboxWorker } from '#src/jobs/outbox.ts';
import { startSmtpServer } from '#src/jobs/test-support.ts';
import { zonedToUtc } from '#src/platform/time-zone.ts';

test('wall-clock times in a zone: Karachi has no summer time; London’s spring gap does not exist', () => {
  assert.equal(zonedToUtc('2026-12-03', '15:30', 'Asia/Karachi')?.toISOString(), '2026-12-03T10:30:00.000Z');
  assert.equal(zonedToUtc('2026-07-01', '09:00', 'Europe/London')?.toISOString(), '2026-07-01T08:00:00.000Z');
  assert.equal(zonedToUtc('2026-12-01', '09:00', 'Europe/London')?.toISOString(), '2026-12-01T09:00:00.000Z');
  assert.equal(zonedToUtc('2026-03-29', '01:30', 'Europe/London'), null, 'skipped by the clocks');
  for (const [d, t] of [['2026-02-30', '09:00'], ['2026-12-01', '24:00'], ['2026-12-01', '9:00'], ['tomorrow', '09:00']]) assert.equal(zonedToUtc(d ?? '', t ?? '', 'Asia/Karachi'), null, `${d} ${t}`);
});

type Payload = { to: string; subject: string; text: string; icalEvent?: { method: string; content: string } };

async function bookingApp(t: TestContext) {
  const clock = { now: new Date('2026-12-01T08:00:00Z') };
  const app = await build(t, undefined, { now: () => clock.now });
  await makeUser(app, 'admin@clinic.example', ['admin']);
  await makeUser(app, 'sana@clinic.example', ['coordinator'], 'Sana');
  const res = await postConsultation(app, goodForm({ email: 'patient@example.org', replyVia: 'email', timeZone: 'Europe/London', altcha: await proofFrom(app, clock) }));
  const reference = String(res.headers.location).split('/').pop() ?? '';
  const { cookies } = await signIn(app, 'sana@clinic.example');
  const csrf = csrfIn((await get(app, `/admin/consultations/${reference}`, cookies)).body);
  const post = (form: Record<string, string>) => postForm(app, `/admin/consultations/${reference}/booking`, cookies, { _csrf: csrf, ...form });
  const mail = async () => (await outboxRows(app.db)).map((r) => ({ id: r.id, due: r.next_attempt_at, ...(JSON.parse(r.payload) as Payload) })).filter((m) => m.to === 'patient@example.org');
  return { app, clock, reference, cookies, post, mail };
}

const slot = { date: '2026-12-03', time: '15:30', minutes: '30', mode: 'in_person', location: 'Lahore clinic (demo)', clinician: 'Dr Demo' };

test('booking sends the patient an invitation and schedules a reminder a day before; moving and cancelling update both', async (t) => {
  const { app, reference, post, mail, cookies } = await bookingApp(t);
  assert.equal((await post({ op: 'book', ...slot })).statusCode, 303);
  const [request] = await storedRequests(app.db);
  assert.equal(request?.status, 'booked');
  let sent = await mail();
  const invitation = sent.find((m) => m.icalEvent);
  assert.ok(invitation, 'an invitation');
  assert.equal(invitation.icalEvent?.method, 'REQUEST');
  assert.match(invitation.icalEvent?.content ?? '', /DTSTART:20261203T103000Z/, '15:30 in Karachi');
  assert.match(invitation.icalEvent?.content ?? '', /SEQUENCE:0/);
  assert.match(invitation.text, /Thursday, 3 December 2026 at 10:30\s?am \(Europe\/London\)/, 'in the patient’s time zone');
  assert.doesNotMatch(invitation.text, /ALS|father/, 'no health details');
  const reminder = sent.find((m) => /reminder/.test(m.subject));
  assert.equal(reminder?.due, '2026-12-02T10:30:00.000Z', 'a day before');

  const page = await get(app, `/admin/consultations/${reference}`, cookies);
  assert.match(page.body, /Booked:/);
  assert.match(page.body, /Consultation booked/);

  assert.equal((await post({ op: 'book', ...slot, date: '2026-12-04', time: '11:00' })).statusCode, 303);
  sent = await mail();
  assert.deepEqual(sent.filter((m) => /reminder/.test(m.subject)).map((m) => m.due), ['2026-12-03T06:00:00.000Z'], 'the old reminder is taken back; the new one waits');
  const moved = sent.filter((m) => m.icalEvent).at(-1);
  assert.match(moved?.icalEvent?.content ?? '', /SEQUENCE:1/);
  assert.match(moved?.icalEvent?.content ?? '', /DTSTART:20261204T060000Z/);
  assert.match(moved?.subject ?? '', /new time/);
  const uid = /UID:(\S+)/.exec(invitation.icalEvent?.content ?? '')?.[1];
  assert.ok(uid && moved?.icalEvent?.content.includes(`UID:${uid}`), 'the same event, updated');

  assert.equal((await post({ op: 'cancel' })).statusCode, 303);
  sent = await mail();
  const cancelled = sent.filter((m) => m.icalEvent).at(-1);
  assert.equal(cancelled?.icalEvent?.method, 'CANCEL');
  assert.match(cancelled?.icalEvent?.content ?? '', /STATUS:CANCELLED/);
  assert.equal(sent.filter((m) => /reminder/.test(m.subject)).length, 0, 'no reminder for a cancelled consultation');
  assert.equal((await storedRequests(app.db))[0]?.status, 'in_progress');
});

test('bad booking input comes back with what was typed; the past and times the clocks skip are refused', async (t) => {
  const { post } = await bookingApp(t);
  const bad = await post({ op: 'book', ...slot, time: '3pm', minutes: '5', clinician: '' });
  assert.equal(bad.statusCode, 400);
  for (const id of ['f-time', 'f-minutes', 'f-clinician']) assert.match(bad.body, new RegExp(`id="${id}-error"`), id);
  assert.match(bad.body, /value="3pm"/);
  const past = await post({ op: 'book', ...slot, date: '2026-11-30' });
  assert.equal(past.statusCode, 400);
  assert.match(past.body, /still to come/);
  assert.equal((await post({ op: 'nonsense' })).statusCode, 400);
});

test('attendance is recorded, and the invitation reaches a real mail server as a calendar part', async (t) => {
  const { app, post, clock } = await bookingApp(t);
  assert.equal((await post({ op: 'book', ...slot })).statusCode, 303);
  const smtp = await startSmtpServer(t);
  const worker = new OutboxWorker({ db: app.db, mailer: createMailer({ smtpUrl: smtp.url, mailFrom: 'Clinic <care@example.org>', mailDir: '' }), now: () => clock.now });
  await worker.runOnce();
  const invitation = smtp.received.find((m) => m.envelopeTo.includes('patient@example.org') && /booked/.test(m.subject));
  assert.ok(invitation, 'delivered');
  assert.match(invitation.raw, /Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
  assert.ok(!smtp.received.some((m) => /reminder/.test(m.subject)), 'the reminder waits');
  const early = await post({ op: 'attendance', outcome: 'no_show' });
  assert.equal(early.statusCode, 400, 'not before the consultation');
  assert.match(early.body, /once the consultation has begun/);
  clock.now = new Date('2026-12-02T10:31:00Z');
  await worker.runOnce();
  assert.ok(smtp.received.some((m) => /reminder/.test(m.subject)), 'and goes a day before');
  clock.now = new Date('2026-12-03T11:00:00Z');
  const [request] = await storedRequests(app.db);
  assert.equal(await app.services.consultations.bookings.attendance({ id: null, email: 'test', ip: '127.0.0.1' }, request?.reference ?? '', 'no_show'), 'done');
  assert.deepEqual(((await storedRequests(app.db))[0] ?? { status: '', outcome: '' }).status, 'closed', 'the request is done');
  const booking = await app.db.kysely.selectFrom('consultation_bookings').select('status').executeTakeFirst();
  assert.equal(booking?.status, 'no_show');
});
