import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { build } from '../../../test/helper.ts';
import { goodForm, outboxRows, postConsultation, proofFrom, storedRequests } from '../../../test/consultation.ts';
import { csrfIn, get, makeUser, postForm, signIn } from '../../../test/staff.ts';
import { erasedPhone, keptEventDetails } from './erasure.ts';

const statuses = ['new', 'in_progress', 'booked', 'closed', 'spam'];

// As test/html-validate.test.ts checks every dashboard page; these pages only show their content for a search, which that test does not make.
const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-redundant-character-reference': 'off', 'long-title': 'off' } });
async function assertValidHtml(body: string): Promise<void> {
  const report = await validator.validateString(body);
  assert.deepEqual(report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`)), []);
}

async function dataRightsApp(t: TestContext) {
  // The real time: the proof of work is also checked against the real clock (altcha-lib).
  const clock = { now: new Date() };
  const app = await build(t, undefined, { now: () => clock.now });
  await makeUser(app, 'admin@clinic.example', ['admin']);
  await makeUser(app, 'sana@clinic.example', ['coordinator'], 'Sana');
  let ip = 10;
  /** A request as a patient sends it; with a proof of work, so a confirmation email is queued when there is an address. */
  const send = async (form: Record<string, string>) => {
    const res = await postConsultation(app, goodForm({ altcha: await proofFrom(app), ...form }), { ip: `198.51.100.${ip++}` });
    assert.equal(res.statusCode, 303);
    return String(res.headers.location).split('/').pop() ?? '';
  };
  return { app, clock, send };
}

const audited = async (app: Awaited<ReturnType<typeof dataRightsApp>>['app'], action: string) =>
  (await app.db.kysely.selectFrom('audit_log').select(['action', 'details', 'actor_email']).where('action', '=', action).orderBy('id').execute()).map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));

test('an admin finds everything held about a person by phone as typed or by email in any case: every request, its timeline, the messages to them', async (t) => {
  const { app, send } = await dataRightsApp(t);
  const first = await send({ name: 'Farah Ali', phone: '0300 7654321', email: 'farah@example.org', replyVia: 'email', message: 'Swallowing is getting harder' });
  const spam = await send({ name: 'Farah Ali', phone: '+92 300 7654321', website: 'http://bot.example' });
  const other = await send({ name: 'Someone Else', phone: '0300 1112223', email: 'else@example.org' });
  const { cookies } = await signIn(app, 'sana@clinic.example');
  const inboxPage = await get(app, `/admin/consultations/${first}`, cookies);
  assert.equal((await postForm(app, `/admin/consultations/${first}`, cookies, { _csrf: csrfIn(inboxPage.body), action: 'note', note: 'Her son Bilal will bring the MRI' })).statusCode, 303);

  const admin = await signIn(app, 'admin@clinic.example');
  const byPhone = await get(app, `/admin/data-rights?q=${encodeURIComponent('0300-7654321')}`, admin.cookies);
  assert.equal(byPhone.statusCode, 200);
  assert.equal(byPhone.headers['cache-control'], 'no-store');
  for (const text of [first, spam, 'Swallowing is getting harder', 'Her son Bilal will bring the MRI', '(Sana)', 'farah@example.org', 'we have your request']) assert.ok(byPhone.body.includes(text), text);
  assert.ok(!byPhone.body.includes(other), 'only this person');
  await assertValidHtml(byPhone.body);
  const byEmail = await get(app, `/admin/data-rights?q=${encodeURIComponent('  Farah@EXAMPLE.org ')}`, admin.cookies);
  assert.ok(byEmail.body.includes(first) && !byEmail.body.includes(spam) && byEmail.body.includes('we have your request'));
  assert.match(byEmail.body, /\+92\u00a0300\u00a07654321/, 'the phone these requests give, to look up too');

  const searches = await audited(app, 'data-rights.searched');
  assert.deepEqual(searches.map((s) => [s.details.by, s.details.requests, s.details.messages]), [['phone', 2, 1], ['email', 1, 1]]);
  assert.ok(!JSON.stringify(searches).includes('7654321') && !JSON.stringify(searches).includes('farah'), 'how the person was found, not who');

  for (const bad of ['call me', '12', 'x@']) {
    const res = await get(app, `/admin/data-rights?q=${encodeURIComponent(bad)}`, admin.cookies);
    assert.equal(res.statusCode, 400, bad);
    assert.match(res.body, /id="f-q-error"/);
  }
  assert.match((await get(app, '/admin/data-rights?q=nobody%40example.org', admin.cookies)).body, /Nothing is held under this phone number or email address/);
});

test('the copy for the person, as a data file and as a readable page, is audited with counts only', async (t) => {
  const { app, clock, send } = await dataRightsApp(t);
  const reference = await send({ name: 'Omar Butt', phone: '0300 2223334', email: 'omar@example.org', message: 'Tremor in the right hand' });
  const { cookies } = await signIn(app, 'admin@clinic.example');
  const file = await get(app, '/admin/data-rights/export.json?q=omar%40example.org', cookies);
  assert.equal(file.statusCode, 200);
  assert.match(String(file.headers['content-type']), /application\/json/);
  assert.equal(file.headers['content-disposition'], `attachment; filename="data-${clock.now.toISOString().slice(0, 10)}.json"`);
  assert.equal(file.headers['cache-control'], 'no-store');
  const data = file.json<{ foundBy: unknown; consultationRequests: { reference: string; name: string; phone: string; message: string; timeline: { what: string }[] }[]; messages: { channel: string; to: string; subject: string }[] }>();
  assert.deepEqual(data.foundBy, { kind: 'email', value: 'omar@example.org' });
  assert.deepEqual(data.consultationRequests.map((r) => [r.reference, r.name, r.phone, r.message]), [[reference, 'Omar Butt', '+923002223334', 'Tremor in the right hand']]);
  assert.deepEqual(data.consultationRequests[0]?.timeline.map((e) => e.what), ['received']);
  assert.deepEqual(data.messages.map((m) => [m.channel, m.to]), [['email', 'omar@example.org']]);

  const page = await get(app, '/admin/data-rights/export?q=03002223334', cookies);
  assert.equal(page.statusCode, 200);
  for (const text of ['Information held about', 'Omar Butt', 'Tremor in the right hand', reference, 'Prepared by']) assert.ok(page.body.includes(text), text);
  assert.doesNotMatch(page.body, /data-rights\/erase/, 'no erase form on the copy');
  await assertValidHtml(page.body);

  const exports = await audited(app, 'data-rights.exported');
  assert.deepEqual(exports.map((e) => [e.details.format, e.details.by, e.details.requests, e.details.messages, e.details.references]), [['json', 'email', 1, 1, [reference]], ['page', 'phone', 1, 1, [reference]]]);
  assert.ok(!JSON.stringify(exports).includes('Omar') && !JSON.stringify(exports).includes('2223334'));
  assert.equal((await get(app, '/admin/data-rights/export.json?q=not-a-person', cookies)).statusCode, 400);
});

test('erasure: confirmed, CSRF-checked, all or nothing; afterwards nothing findable remains, statistics do; erasing nothing says so', async (t) => {
  const { app, clock, send } = await dataRightsApp(t);
  const kept = await send({ name: 'Zainab Noor', phone: '0300 4445556', email: 'other@example.org' });
  const first = await send({ name: 'Ayesha Khan', phone: '0300 9998887', email: 'ayesha@example.org', city: 'Multan', message: 'Numbness in both feet' });
  const second = await send({ name: 'Ayesha K.', phone: '0300-9998887', website: 'http://bot.example', message: 'Second try' });
  const { cookies: coordinator } = await signIn(app, 'sana@clinic.example');
  const requestPage = await get(app, `/admin/consultations/${first}`, coordinator);
  const act = (form: Record<string, string>) => postForm(app, `/admin/consultations/${first}`, coordinator, { _csrf: csrfIn(requestPage.body), ...form });
  assert.equal((await act({ action: 'contact', channel: 'phone', outcome: 'reached', note: 'Lives with her sister in Multan' })).statusCode, 303);
  assert.equal((await act({ action: 'close', outcome: 'not-suitable' })).statusCode, 303);
  const before = (await storedRequests(app.db)).find((r) => r.reference === first);
  // A reminder still waiting for her, as a booking would queue it.
  // Messages as a booking and the gateways would queue them: a reminder still waiting, a WhatsApp message, a webhook to the clinic's CRM with the contact details.
  const queued = (token: string, kind: string, payload: unknown, status: 'pending' | 'sent' = 'sent') =>
    app.db.kysely.insertInto('outbox').values({ kind, payload: JSON.stringify(payload), status, next_attempt_at: new Date(clock.now.getTime() + 86_400_000).toISOString(), created_at: clock.now.toISOString(), message_token: token }).execute();
  await queued('r1', 'email', { to: 'ayesha@example.org', subject: 'Reminder', text: 'See you tomorrow' }, 'pending');
  await queued('w1', 'text-message', { to: '+923009998887', text: `Your request ${first} is booked`, channel: 'whatsapp', reference: first });
  await queued('h1', 'webhook', { event: 'consultation.created', body: JSON.stringify({ id: 'h1', event: 'consultation.created', data: { reference: first, contact: { name: 'Ayesha Khan', phone: '+923009998887' } } }) });
  await queued('h2', 'webhook', { event: 'consultation.created', body: JSON.stringify({ id: 'h2', event: 'consultation.created', data: { reference: kept } }) });

  const { cookies } = await signIn(app, 'admin@clinic.example');
  const page = await get(app, '/admin/data-rights?q=03009998887', cookies);
  const csrf = csrfIn(page.body);
  const seen = /name="seen" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const erase = (form: Record<string, string>) => postForm(app, '/admin/data-rights/erase', cookies, { q: '03009998887', seen, ...form });

  assert.equal((await erase({ confirm: 'yes' })).statusCode, 403, 'no CSRF token, no erasure');
  const unconfirmed = await erase({ _csrf: csrf });
  assert.equal(unconfirmed.statusCode, 400);
  assert.match(unconfirmed.body, /id="f-confirm-error"/);
  assert.equal((await erase({ _csrf: csrf, confirm: 'yes', seen: 'stale' })).statusCode, 400, 'what was shown is what is erased');
  assert.equal((await storedRequests(app.db)).find((r) => r.reference === first)?.full_name, 'Ayesha Khan', 'nothing erased yet');

  // All or nothing: when the audit entry cannot be written, nothing is erased either.
  const record = app.services.audit.record.bind(app.services.audit);
  app.services.audit.record = async (actor, event, tx) => {
    if (event.action === 'data-rights.erased') throw new Error('audit log unavailable');
    return record(actor, event, tx);
  };
  assert.equal((await erase({ _csrf: csrf, confirm: 'yes' })).statusCode, 500);
  app.services.audit.record = record;
  assert.equal((await storedRequests(app.db)).find((r) => r.reference === first)?.full_name, 'Ayesha Khan', 'the requests are as they were');
  assert.equal((await outboxRows(app.db)).find((r) => r.message_token === 'r1')?.status, 'pending', 'and so is the outbox');

  const done = await erase({ _csrf: csrf, confirm: 'yes' });
  assert.equal(done.statusCode, 303);
  const after = await get(app, String(done.headers.location), cookies);
  assert.match(after.body, /Erased. Consultation requests: 2; messages: 4./);
  assert.match(after.body, /Nothing is held under this phone number or email address/);

  const rows = await storedRequests(app.db);
  const erased = rows.find((r) => r.reference === first);
  assert.ok(erased && before);
  assert.deepEqual(
    { full_name: erased.full_name, phone: erased.phone, email: erased.email, city: erased.city, message: erased.message, source_path: erased.source_path, referrer: erased.referrer, utm: erased.utm },
    { full_name: '—', phone: erasedPhone(erased.id), email: null, city: '', message: '', source_path: null, referrer: null, utm: '{}' },
  );
  for (const field of ['status', 'outcome', 'condition', 'created_at', 'responded_at', 'updated_at', 'country', 'reference'] as const) assert.equal(erased[field], before[field], field);
  assert.equal(rows.find((r) => r.reference === second)?.status, 'spam');
  assert.equal(rows.find((r) => r.reference === kept)?.full_name, 'Zainab Noor', 'another person’s request is untouched');

  const events = await app.db.kysely.selectFrom('consultation_events').select(['kind', 'details']).where('request_id', '=', erased.id).orderBy('id').execute();
  assert.deepEqual(events.map((e) => e.kind), ['received', 'contact', 'close', 'erased']);
  assert.ok(!events.some((e) => e.details.includes('Multan')), 'notes are gone from the timeline');
  assert.equal(JSON.parse(events[1]?.details ?? '{}').outcome, 'reached', 'what happened stays');

  const outbox = await outboxRows(app.db);
  assert.ok(!outbox.some((r) => /ayesha@example\.org|9998887|Ayesha/.test(r.payload)), 'no message keeps her address, number or name');
  assert.deepEqual(outbox.filter((r) => ['w1', 'h1', 'h2'].includes(r.message_token)).map((r) => [r.message_token, r.status, r.payload === '{"erased":true}']), [['w1', 'sent', true], ['h1', 'sent', true], ['h2', 'sent', false]], 'another person’s webhook stays');
  const reminder = outbox.find((r) => r.message_token === 'r1');
  assert.deepEqual([reminder?.status, reminder?.payload], ['failed', '{"erased":true}'], 'a waiting email is never sent');

  for (const q of ['9998887', 'ayesha', 'Ayesha Khan', 'Multan']) {
    for (const status of statuses) assert.ok(!(await get(app, `/admin/consultations?status=${status}&q=${encodeURIComponent(q)}`, coordinator)).body.includes(first), `inbox ${status} ${q}`);
  }
  for (const q of ['0300 9998887', 'AYESHA@example.org']) {
    const file = (await get(app, `/admin/data-rights/export.json?q=${encodeURIComponent(q)}`, cookies)).json<{ consultationRequests: unknown[]; messages: unknown[] }>();
    assert.deepEqual([file.consultationRequests.length, file.messages.length], [0, 0], q);
  }

  const [entry] = await audited(app, 'data-rights.erased');
  assert.deepEqual(entry?.details, { by: 'phone', requests: 2, messages: 4, references: [first, second], events: 1 });
  assert.equal(entry?.actor_email, 'admin@clinic.example');

  const again = await erase({ _csrf: csrf, confirm: 'yes' });
  assert.equal(again.statusCode, 303);
  assert.match((await get(app, String(again.headers.location), cookies)).body, /Nothing was held under this phone number or email address, so nothing was erased/);
  assert.deepEqual((await audited(app, 'data-rights.erased'))[1]?.details, { by: 'phone', requests: 0, messages: 0, references: [], events: 0 });
});

test('only admins reach a person’s data rights', async (t) => {
  const { app, send } = await dataRightsApp(t);
  await send({ phone: '0300 1231231' });
  const { cookies } = await signIn(app, 'sana@clinic.example');
  for (const url of ['/admin/data-rights', '/admin/data-rights?q=03001231231', '/admin/data-rights/export?q=03001231231', '/admin/data-rights/export.json?q=03001231231']) {
    assert.equal((await get(app, url, cookies)).statusCode, 403, url);
  }
  const page = await get(app, '/admin/consultations', cookies);
  assert.equal((await postForm(app, '/admin/data-rights/erase', cookies, { _csrf: csrfIn(page.body), q: '03001231231', confirm: 'yes', seen: '' })).statusCode, 403);
  assert.equal((await storedRequests(app.db))[0]?.phone, '+923001231231');
  const admin = await signIn(app, 'admin@clinic.example');
  assert.match((await get(app, '/ur/admin/data-rights', admin.cookies)).body, /dir="rtl"/);
});

test('what an anonymised timeline entry keeps: codes written by the app, never text someone typed', () => {
  assert.equal(keptEventDetails(JSON.stringify({ channel: 'phone', outcome: 'reached', note: 'Lives in Multan', assignee: 3, signals: ['too-fast'], from: 'closed' })), JSON.stringify({ channel: 'phone', outcome: 'reached', assignee: 3, signals: ['too-fast'], from: 'closed' }));
  assert.equal(keptEventDetails(JSON.stringify({ explanation: 'a new free-text field' })), '{}', 'a field nobody listed is dropped');
  assert.equal(keptEventDetails('not json'), '{}');
  assert.equal(erasedPhone(1207), 'erased:bcah', 'letters only: no digit search finds it');
});
