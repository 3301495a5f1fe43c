import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { build } from '../../../test/helper.ts';
import { goodForm, postConsultation, storedRequests } from '../../../test/consultation.ts';
import { csrfIn, get, makeUser, postForm, signIn } from '../../../test/staff.ts';

async function inboxApp(t: TestContext) {
  const clock = { now: new Date('2026-12-01T08:00:00Z') };
  const app = await build(t, undefined, { now: () => clock.now });
  await makeUser(app, 'admin@clinic.example', ['admin']);
  const coordinator = await makeUser(app, 'sana@clinic.example', ['coordinator'], 'Sana');
  await makeUser(app, 'ed@clinic.example', ['editor'], 'Ed');
  const send = async (form: Record<string, string>) => {
    const res = await postConsultation(app, goodForm(form), { ip: `198.51.100.${Math.floor(Math.random() * 200) + 1}` });
    assert.equal(res.statusCode, 303);
    return String(res.headers.location).split('/').pop() ?? '';
  };
  return { app, clock, coordinator, send };
}

const auditActions = async (app: Awaited<ReturnType<typeof inboxApp>>['app']) =>
  (await app.db.kysely.selectFrom('audit_log').select(['action', 'target_id']).orderBy('id').execute()).filter((r) => r.action.startsWith('consultation'));

test('the inbox lists new requests urgent first, then by time left, and finds them by name, phone, email or reference', async (t) => {
  const { app, clock, send } = await inboxApp(t);
  const calm = await send({ name: 'Farah Ali', phone: '0300 1111111', message: 'About physiotherapy' });
  clock.now = new Date('2026-12-01T09:00:00Z');
  const urgent = await send({ name: 'Omar Butt', phone: '0300 2222222', email: 'omar@example.org', message: 'He is choking at meals' });
  const { cookies } = await signIn(app, 'sana@clinic.example');
  const inbox = await get(app, '/admin/consultations', cookies);
  assert.equal(inbox.statusCode, 200);
  assert.equal(inbox.headers['cache-control'], 'no-store');
  assert.ok(inbox.body.indexOf(urgent) < inbox.body.indexOf(calm), 'urgent first');
  assert.match(inbox.body, /Urgent/);
  assert.match(inbox.body, /due in 23 h 0 min/, 'the time left in words');
  for (const q of ['omar', '2222222', 'OMAR@EXAMPLE', urgent.toLowerCase()]) {
    const found = await get(app, `/admin/consultations?q=${encodeURIComponent(q)}`, cookies);
    assert.ok(found.body.includes(urgent) && !found.body.includes(calm), q);
  }
  assert.ok((await get(app, '/admin/consultations?q=%25', cookies)).body.includes('No requests here'), '% is a character, not a wildcard');
  for (const odd of ['?status=nope', '?page=-3', '?assignee=x', '?from=yesterday', "?q=' OR 1=1 --"]) assert.equal((await get(app, `/admin/consultations${odd}`, cookies)).statusCode, 200, odd);
  clock.now = new Date('2026-12-02T10:00:00Z');
  const later = await signIn(app, 'sana@clinic.example');
  assert.match((await get(app, '/admin/consultations', later.cookies)).body, /late by 2 h 0 min/);
});

test('a request’s page: details, one-tap links, possible duplicates, and actions recorded in the timeline and the audit log', async (t) => {
  const { app, coordinator, send } = await inboxApp(t);
  const first = await send({ phone: '0300 3333333', email: 'a@example.org' });
  const second = await send({ phone: '0300 4444444', email: 'a@example.org', name: 'Same Email' });
  const { cookies } = await signIn(app, 'sana@clinic.example');
  const page = await get(app, `/admin/consultations/${second}`, cookies);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /href="tel:\+923004444444"/);
  assert.match(page.body, /href="https:\/\/wa.me\/923004444444"/);
  assert.match(page.body, /href="mailto:a@example.org"/);
  assert.ok(page.body.includes(`/admin/consultations/${first}`), 'the earlier request from the same email is linked');
  const csrf = csrfIn(page.body);
  const act = (form: Record<string, string>) => postForm(app, `/admin/consultations/${second}`, cookies, { _csrf: csrf, ...form });

  assert.equal((await act({ action: 'assign', assignee: String(coordinator.id) })).statusCode, 303);
  assert.equal((await act({ action: 'contact', channel: 'phone', outcome: 'no-answer', note: '' })).statusCode, 303);
  let [row] = (await storedRequests(app.db)).filter((r) => r.reference === second);
  assert.equal(row?.status, 'in_progress');
  assert.equal(row?.assignee_id, coordinator.id);
  assert.equal(row?.responded_at, null, 'an unanswered call is not a response');
  assert.equal((await act({ action: 'contact', channel: 'whatsapp', outcome: 'reached', note: 'Will send reports' })).statusCode, 303);
  [row] = (await storedRequests(app.db)).filter((r) => r.reference === second);
  assert.equal(row?.responded_at, '2026-12-01T08:00:00.000Z', 'the first response time');

  const emptyNote = await act({ action: 'note', note: '   ' });
  assert.equal(emptyNote.statusCode, 400);
  assert.match(emptyNote.body, /id="f-note-error"/);
  const longNote = await act({ action: 'note', note: `${'x'.repeat(2001)}` });
  assert.equal(longNote.statusCode, 400);
  assert.ok(longNote.body.includes('x'.repeat(2001)), 'the note comes back as typed');
  assert.equal((await act({ action: 'note', note: 'Daughter will call back on Friday' })).statusCode, 303);
  assert.equal((await act({ action: 'assign', assignee: '999' })).statusCode, 400, 'only staff who handle consultations');
  assert.equal((await act({ action: 'close', outcome: 'duplicate' })).statusCode, 303);
  [row] = (await storedRequests(app.db)).filter((r) => r.reference === second);
  assert.deepEqual([row?.status, row?.outcome], ['closed', 'duplicate']);
  assert.equal((await act({ action: 'reopen' })).statusCode, 303);
  [row] = (await storedRequests(app.db)).filter((r) => r.reference === second);
  assert.deepEqual([row?.status, row?.outcome], ['in_progress', null]);

  const timeline = (await get(app, `/admin/consultations/${second}`, cookies)).body;
  for (const text of ['Received', 'Assigned', 'Contact attempt', 'No answer', 'Reached the patient', 'Daughter will call back on Friday', 'Closed', 'Reopened']) assert.ok(timeline.includes(text), text);
  const audited = await auditActions(app);
  for (const action of ['consultation.viewed', 'consultation.assign', 'consultation.contact', 'consultation.note', 'consultation.close', 'consultation.reopen']) {
    assert.ok(audited.some((a) => a.action === action && a.target_id === second), action);
  }
});

test('spam is kept in its own tab and can be moved back; the CSV export is audited and spreadsheet-safe', async (t) => {
  const { app, send } = await inboxApp(t);
  await send({ website: 'http://bot.example', name: '=HYPERLINK("http://evil")' });
  const real = await send({ phone: '0300 5555555' });
  const { cookies } = await signIn(app, 'sana@clinic.example');
  const spam = await get(app, '/admin/consultations?status=spam', cookies);
  assert.match(spam.body, /hidden field filled in/);
  assert.doesNotMatch(spam.body, new RegExp(real));
  const csv = await get(app, '/admin/consultations.csv?status=spam', cookies);
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  assert.match(csv.body, /'=HYPERLINK/, 'a cell that a spreadsheet would run is made text');
  assert.ok((await auditActions(app)).some((a) => a.action === 'consultations.exported'));
  assert.ok((await auditActions(app)).some((a) => a.action === 'consultations.listed'));
});

test('only staff who handle consultations reach the inbox', async (t) => {
  const { app, send } = await inboxApp(t);
  const reference = await send({});
  const { cookies } = await signIn(app, 'ed@clinic.example');
  for (const url of ['/admin/consultations', `/admin/consultations/${reference}`, '/admin/consultations.csv']) assert.equal((await get(app, url, cookies)).statusCode, 403, url);
  const admin = await signIn(app, 'admin@clinic.example');
  assert.equal((await get(app, `/admin/consultations/${reference}`, admin.cookies)).statusCode, 200);
  assert.equal((await get(app, '/admin/consultations/CS-AAAA-AAAA', admin.cookies)).statusCode, 404);
});

test('closing as not suitable can send the clinic’s own explanation, in the patient’s language, only when asked', async (t) => {
  const { app, send } = await inboxApp(t);
  const urdu = await send({ email: 'ur@example.org', name: 'زینب', phone: '0300 6666666' });
  await app.db.kysely.updateTable('consultation_requests').set({ lang: 'ur' }).where('reference', '=', urdu).execute();
  const quiet = await send({ email: 'quiet@example.org', phone: '0300 7777777' });
  const { cookies } = await signIn(app, 'sana@clinic.example');
  const csrf = csrfIn((await get(app, `/admin/consultations/${urdu}`, cookies)).body);
  assert.equal((await postForm(app, `/admin/consultations/${urdu}`, cookies, { _csrf: csrf, action: 'close', outcome: 'not-suitable', explain: 'yes' })).statusCode, 303);
  assert.equal((await postForm(app, `/admin/consultations/${quiet}`, cookies, { _csrf: csrf, action: 'close', outcome: 'not-suitable' })).statusCode, 303);
  const mail = (await app.db.kysely.selectFrom('outbox').select('payload').execute()).map((r) => JSON.parse(r.payload) as { to: string; text: string });
  const explained = mail.find((m) => m.to === 'ur@example.org');
  assert.ok(explained, 'sent when asked');
  assert.ok(explained.text.includes('محترم زینب') && explained.text.includes(urdu), 'in Urdu, with the name and reference');
  assert.ok(!mail.some((m) => m.to === 'quiet@example.org'), 'nothing when not asked');
});
