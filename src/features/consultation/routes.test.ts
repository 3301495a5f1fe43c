import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { build } from '../../../test/helper.ts';
import { goodForm, outboxRows, postConsultation, proofFrom, storedRequests } from '../../../test/consultation.ts';
import { makeUser } from '../../../test/staff.ts';
import { PHONE_LIMITS } from './service.ts';

const clock = (iso: string) => {
  const state = { now: new Date(iso) };
  return { state, now: () => state.now };
};

test('the form is on /consultation and /ur/consultation, cacheable, with the emergency number and the response target', async (t) => {
  const app = await build(t);
  for (const [url, lang] of [['/consultation', 'en'], ['/ur/consultation', 'ur']] as const) {
    const res = await app.fastify.inject({ url });
    assert.equal(res.statusCode, 200, url);
    assert.match(String(res.headers['cache-control']), /public/, 'the form page is the same for everyone');
    assert.match(res.body, new RegExp(`<html lang="${lang}"`));
    assert.match(res.body, /<form method="post" action="(\/ur)?\/consultation"/);
    assert.match(res.body, /1122/, 'the emergency number from settings');
    assert.match(res.body, lang === 'en' ? /within 24 hours/ : /24 گھنٹوں کے اندر/, 'the response target from settings');
    assert.match(res.body, /<option value="als">/, 'the clinic’s conditions');
    assert.match(res.body, /<option value="PK" selected>/, 'the clinic’s country first chosen');
    assert.doesNotMatch(res.body, /_csrf/, 'no per-reader token in a cached page');
  }
});

test('a good request is stored with its outbox rows and the browser goes (303) to the thank-you page with its reference', async (t) => {
  const fixed = clock('2026-12-01T09:00:00Z');
  const app = await build(t, undefined, { now: fixed.now });
  await makeUser(app, 'admin@example.org', ['admin']);
  await makeUser(app, 'coord@example.org', ['coordinator']);
  const res = await postConsultation(app, goodForm({ altcha: await proofFrom(app, fixed.state) }));
  assert.equal(res.statusCode, 303, res.body);
  const location = String(res.headers.location);
  assert.match(location, /^\/consultation\/thanks\/CS-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

  const [row] = await storedRequests(app.db);
  assert.ok(row);
  assert.equal(row.status, 'new');
  assert.equal(row.phone, '+923001234567', 'a Pakistani number typed as 0300-1234567 is stored in E.164');
  assert.equal(row.reply_via, 'whatsapp');
  assert.equal(row.condition, 'als');
  assert.equal(row.respond_by, '2026-12-02T09:00:00.000Z', '24 hours, the response target');
  assert.deepEqual(JSON.parse(row.utm), { utm_source: 'facebook', utm_campaign: 'als-week' });
  assert.equal(row.source_path, '/articles/als-overview?utm_source=facebook&utm_campaign=als-week');
  assert.equal(row.referrer, 'https://www.google.com/');
  assert.match(row.privacy_version, /^privacy /, 'the privacy notice’s version is kept with the consent');
  assert.deepEqual(JSON.parse(row.signals), []);

  const mail = await outboxRows(app.db);
  assert.equal(mail.length, 1, 'the coordinator is told; the patient gave no email');
  const notice = JSON.parse(mail[0]?.payload ?? '{}') as { to: string; subject: string; text: string };
  assert.equal(notice.to, 'coord@example.org');
  assert.ok(notice.text.includes(`/admin/consultations/${row.reference}`));
  for (const secret of ['ALS', 'als', 'Ayesha', 'father', '923001234567']) {
    assert.ok(!notice.subject.includes(secret) && !notice.text.includes(secret), `no health or personal detail in the email: ${secret}`);
  }

  const thanks = await app.fastify.inject({ url: location });
  assert.equal(thanks.statusCode, 200);
  assert.equal(thanks.headers['cache-control'], 'no-store');
  assert.match(thanks.body, new RegExp(row.reference));
  assert.match(thanks.body, /on WhatsApp by Wednesday, 2 December 2026 at 2:00\s?pm \(Asia\/Karachi\)/, 'the promise, in the patient’s time zone');
  assert.match(thanks.body, new RegExp(`wa.me/\\d+\\?text=[^"]*${row.reference}`), 'a WhatsApp link with the reference filled in');
  assert.match(thanks.body, /noindex/);
  assert.doesNotMatch(thanks.body, /Ayesha|father/, 'the thank-you page shows nothing the patient typed');
});

test('the patient gets a confirmation email without health details when they give an address', async (t) => {
  const app = await build(t);
  const res = await postConsultation(app, goodForm({ email: 'Ayesha@Example.org', replyVia: 'email', altcha: await proofFrom(app) }), { path: '/ur/consultation' });
  assert.equal(res.statusCode, 303);
  assert.match(String(res.headers.location), /^\/ur\/consultation\/thanks\//);
  const mail = (await outboxRows(app.db)).map((r) => JSON.parse(r.payload) as { to: string; subject: string; text: string });
  const toPatient = mail.find((m) => m.to === 'ayesha@example.org');
  assert.ok(toPatient, 'a confirmation to the patient');
  assert.match(toPatient.text, /CS-/);
  assert.match(toPatient.text, /1122/, 'with the emergency number');
  assert.doesNotMatch(toPatient.text, /ALS|father/);
  assert.ok(mail.some((m) => m.to === 'care@example.org'), 'with no coordinator yet, the clinic’s address is told');
});

test('bad input comes back with every typed value kept, each error beside its field, and a summary linking to the fields', async (t) => {
  const app = await build(t);
  const form = goodForm({ name: '', phone: 'call me', email: '', replyVia: 'email', consent: '', message: 'Line one\nline <b>two</b>', city: 'Multan' });
  const res = await postConsultation(app, form);
  assert.equal(res.statusCode, 400);
  assert.equal(res.headers['cache-control'], 'no-store');
  for (const id of ['f-name', 'f-phone', 'f-email', 'f-consent']) {
    assert.match(res.body, new RegExp(`<a href="#${id}">`), `summary links to ${id}`);
    assert.match(res.body, new RegExp(`id="${id}-error"`), `error beside ${id}`);
  }
  assert.ok(res.body.indexOf('href="#f-name"') < res.body.indexOf('href="#f-phone"'), 'the summary follows the order of the form');
  assert.match(res.body, /value="call me"/, 'the phone as typed');
  assert.match(res.body, /value="Multan"/);
  assert.match(res.body, />Line one\nline &(lt|#60);b&(gt|#62);two&(lt|#60);\/b&(gt|#62);<\/textarea>/, 'the message as typed, escaped');
  assert.match(res.body, /<title>Error:/);
  assert.equal((await storedRequests(app.db)).length, 0, 'nothing stored');
});

test('an unknown condition, country or time zone is refused beside its field', async (t) => {
  const app = await build(t);
  const res = await postConsultation(app, goodForm({ condition: 'made-up', country: 'XX', timeZone: 'Mars/Olympus' }));
  assert.equal(res.statusCode, 400);
  for (const id of ['f-condition', 'f-country', 'f-timeZone']) assert.match(res.body, new RegExp(`id="${id}-error"`), id);
});

test('the short form of an article leads to the whole form with what was typed, and stores nothing yet', async (t) => {
  const app = await build(t);
  const article = await app.fastify.inject({ url: '/articles/als-overview' });
  assert.match(article.body, /<form method="post" action="\/consultation" class="short-form"/);
  assert.match(article.body, /name="source" value="\/articles\/als-overview"/);
  assert.match(article.body, /within 24 hours/, 'the article states the real target');
  assert.doesNotMatch(article.body, /_csrf/);
  const res = await postConsultation(app, { step: 'short', name: 'Bilal', phone: '0321 7654321', message: 'Is riluzole right for my mother?', consent: 'yes', source: '/articles/als-overview' });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /value="Bilal"/);
  assert.match(res.body, /value="0321 7654321"/);
  assert.match(res.body, />Is riluzole right for my mother\?<\/textarea>/);
  assert.match(res.body, /id="f-consent" name="consent" value="yes" checked/);
  assert.match(res.body, /name="source" value="\/articles\/als-overview"/);
  assert.doesNotMatch(res.body, /class="field-error"/);
  assert.equal((await storedRequests(app.db)).length, 0);
});

test('a changed response target is stated on the cached pages at once', async (t) => {
  const app = await build(t);
  await app.fastify.inject({ url: '/articles/als-overview' });
  await app.services.settings.updateStaff({ id: null, email: 'test', ip: '127.0.0.1' }, { ...(await app.services.settings.staff()), responseTargetHours: 4 });
  await app.refreshContent();
  const article = await app.fastify.inject({ url: '/articles/als-overview' });
  assert.match(article.body, /within 4 hours/);
});

test('bots: a filled honeypot or a form sent too fast goes to the spam folder, kept, with no email', async (t) => {
  const app = await build(t);
  await makeUser(app, 'admin@example.org', ['admin']);
  await makeUser(app, 'coord@example.org', ['coordinator']);
  const honeypot = await postConsultation(app, goodForm({ website: 'http://spam.example', altcha: await proofFrom(app) }));
  const fast = await postConsultation(app, goodForm({ fill: '400', phone: '03001234568', altcha: await proofFrom(app) }));
  for (const res of [honeypot, fast]) assert.equal(res.statusCode, 303, 'a bot is not told');
  const rows = await storedRequests(app.db);
  assert.deepEqual(rows.map((r) => r.status), ['spam', 'spam']);
  assert.deepEqual(rows.map((r) => JSON.parse(r.signals) as string[]), [['honeypot'], ['too-fast']]);
  assert.equal((await outboxRows(app.db)).length, 0, 'nothing is mailed about spam');
});

test('without JavaScript (no proof of work, no fill time) a request is accepted and marked for a closer look', async (t) => {
  const app = await build(t);
  const form = goodForm({ email: 'patient@example.org' });
  delete form.fill;
  const res = await postConsultation(app, form);
  assert.equal(res.statusCode, 303);
  const [row] = await storedRequests(app.db);
  assert.equal(row?.status, 'new');
  assert.deepEqual(JSON.parse(row?.signals ?? '[]'), ['no-proof-of-work']);
  const mail = (await outboxRows(app.db)).map((r) => (JSON.parse(r.payload) as { to: string }).to);
  assert.deepEqual(mail, ['care@example.org'], 'staff are told; no confirmation is mailed to an address nobody proved they own');
});

test('a proof of work is accepted once: the same solution sent again puts the request in spam', async (t) => {
  const app = await build(t);
  const proof = await proofFrom(app);
  await postConsultation(app, goodForm({ altcha: proof }));
  await postConsultation(app, goodForm({ altcha: proof, phone: '03009876543' }));
  await postConsultation(app, goodForm({ altcha: 'bm90IGEgcHJvb2Y=', phone: '03009876544' }));
  const rows = await storedRequests(app.db);
  assert.deepEqual(rows.map((r) => [r.status, JSON.parse(r.signals)]), [['new', []], ['spam', ['reused-proof-of-work']], ['spam', ['bad-proof-of-work']]]);
});

test('emergency signs in the message flag the request urgent, in English and Urdu', async (t) => {
  const app = await build(t);
  await postConsultation(app, goodForm({ message: 'He is CHOKING when he eats and has difficulty breathing at night.' }));
  await postConsultation(app, goodForm({ phone: '03001112223', message: 'ابو کو رات کو سانس لینے میں دشواری ہوتی ہے' }));
  await postConsultation(app, goodForm({ phone: '03001112224', message: 'Questions about physiotherapy.' }));
  assert.deepEqual((await storedRequests(app.db)).map((r) => r.urgent), [1, 1, 0]);
});

test('a post from another site is refused, and nothing is stored', async (t) => {
  const app = await build(t);
  const crossSite = await postConsultation(app, goodForm(), { headers: { 'sec-fetch-site': 'cross-site' } });
  assert.equal(crossSite.statusCode, 403);
  const oldBrowser = await postConsultation(app, goodForm(), { headers: { 'sec-fetch-site': '', origin: 'https://evil.example' } });
  assert.equal(oldBrowser.statusCode, 403);
  assert.equal((await storedRequests(app.db)).length, 0);
});

test('the per-phone limit holds under parallel requests: at most the limit are stored, the rest told to call, typed values kept', async (t) => {
  const app = await build(t);
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => postConsultation(app, goodForm({ message: `try ${i}` }), { ip: `198.51.100.${i + 1}` })));
  const statuses = results.map((r) => r.statusCode).sort();
  assert.equal(statuses.filter((s) => s === 303).length, PHONE_LIMITS.refuseAfter);
  assert.equal(statuses.filter((s) => s === 429).length, 20 - PHONE_LIMITS.refuseAfter);
  const refused = results.find((r) => r.statusCode === 429);
  assert.match(refused?.body ?? '', /already received several requests/);
  assert.match(refused?.body ?? '', /value="0300-1234567"/);
  assert.equal((await storedRequests(app.db)).length, PHONE_LIMITS.refuseAfter);
});

test('many posts from one address: past 20 an hour they go to spam, past 100 they are refused', async (t) => {
  const app = await build(t);
  const statuses: number[] = [];
  for (let batch = 0; batch < 6; batch++) {
    const round = await Promise.all(Array.from({ length: 17 }, (_, i) => postConsultation(app, goodForm({ phone: `0300${String(1000000 + batch * 100 + i)}` }), { ip: '192.0.2.50' })));
    statuses.push(...round.map((r) => r.statusCode));
  }
  assert.equal(statuses.filter((s) => s === 303).length, 100);
  assert.equal(statuses.filter((s) => s === 429).length, 2);
  const rows = await storedRequests(app.db);
  assert.equal(rows.filter((r) => r.status === 'new').length, 20);
  assert.equal(rows.filter((r) => r.status === 'spam').length, 80);
});

test('a failure while storing loses nothing the patient typed and stores nothing half-way', async (t) => {
  const app = await build(t);
  await makeUser(app, 'admin@example.org', ['admin']);
  await makeUser(app, 'coord@example.org', ['coordinator']);
  // The outbox insert fails inside the transaction: the request must not be stored without its email.
  await sql`DROP TABLE outbox`.execute(app.db.kysely);
  const res = await postConsultation(app, goodForm({ altcha: await proofFrom(app) }));
  assert.equal(res.statusCode, 503, res.body.slice(0, 300));
  assert.match(res.body, /value="Ayesha Khan"/);
  assert.match(res.body, /could not be saved/);
  assert.equal((await storedRequests(app.db)).length, 0);
});

test('an unknown or malformed reference has no thank-you page', async (t) => {
  const app = await build(t);
  assert.equal((await app.fastify.inject({ url: '/consultation/thanks/CS-AAAA-AAAA' })).statusCode, 404);
  assert.equal((await app.fastify.inject({ url: '/consultation/thanks/../../etc' })).statusCode, 404);
});

test('a new request goes to the clinic’s webhook in the same transaction, without the patient’s message; spam does not', async (t) => {
  const app = await build(t);
  const current = await app.services.settings.integrations();
  await app.services.settings.updateIntegrations({ id: null, email: 'test', ip: '127.0.0.1' }, {
    ...current,
    webhook: { ...current.webhook, enabled: true, url: 'http://127.0.0.1:9/crm', secret: 's'.repeat(40) },
    whatsapp: { ...current.whatsapp, enabled: true, url: 'http://127.0.0.1:9/wa', method: 'POST', headers: '', bodyFormat: 'json', bodyTemplate: '{"to":"{to}","text":"{text}"}' },
  });
  assert.equal((await postConsultation(app, goodForm({ altcha: await proofFrom(app) }))).statusCode, 303);
  assert.equal((await postConsultation(app, goodForm({ website: 'bot', phone: '03001239876' }))).statusCode, 303);
  const rows = await outboxRows(app.db);
  const hooks = rows.filter((r) => r.kind === 'webhook');
  assert.equal(hooks.length, 1, 'one webhook, for the request that is not spam');
  assert.match(hooks[0]?.payload ?? '', /"event":"consultation.created"/);
  assert.doesNotMatch(hooks[0]?.payload ?? '', /first appointment/, 'never the message');
  const texts = rows.filter((r) => r.kind === 'text-message');
  assert.equal(texts.length, 1, 'the patient without an email is confirmed on WhatsApp');
  assert.match(texts[0]?.payload ?? '', /"channel":"whatsapp"/);
  assert.match(texts[0]?.payload ?? '', /\+923001234567/);
});
