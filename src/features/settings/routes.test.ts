import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csrfIn, get, makeUser, postForm, signIn, staffApp } from '../../../test/staff.ts';

test('an admin changes the clinic details; the public site shows them and the change is audited', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const page = await get(app, '/admin/settings', cookies);
  assert.equal(page.statusCode, 200);
  const res = await postForm(app, '/admin/settings/clinic', cookies, {
    _csrf: csrfIn(page.body), name: 'Lahore Neuro Clinic', tagline: 'Answers within a day', taglineUr: 'ایک دن میں جواب', phone: '+92 42 1111 2222', whatsapp: '+92 300 1234567', email: 'hello@clinic.example', languages: ['en', 'ur'],
  });
  assert.equal(res.statusCode, 303);
  assert.match((await get(app, '/admin/settings?m=saved', cookies)).body, /Saved\./);
  await app.refreshContent();
  const home = await app.fastify.inject('/consultation');
  assert.match(home.body, /Lahore Neuro Clinic/);
  assert.match(home.body, /href="https:\/\/wa.me\/923001234567"/);
  const entry = await app.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'settings.changed').executeTakeFirstOrThrow();
  assert.equal(entry.actor_email, 'asma@clinic.example');
  assert.match(entry.details, /"before":\{"name":"Caresite Clinic"/);
});

test('bad clinic details re-render with errors beside the fields and the typed values kept; nothing is stored', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const page = await get(app, '/admin/settings', cookies);
  const res = await postForm(app, '/admin/settings/clinic', cookies, { _csrf: csrfIn(page.body), name: '', tagline: 'Kept tagline', phone: '1', whatsapp: 'call me', email: 'nope' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /class="error-summary"/);
  assert.match(res.body, /id="f-email-error">Enter an email address/);
  assert.match(res.body, /id="f-whatsapp-error"/);
  assert.match(res.body, /id="f-name-error"/);
  assert.match(res.body, /id="f-languages-error">This field is required/, 'the languages error stands beside the languages');
  assert.match(res.body, /value="Kept tagline"/);
  assert.match(res.body, /value="call me"/);
  assert.equal((await app.services.settings.clinic()).name, 'Caresite Clinic');
  // In the Urdu dashboard every message is Urdu, including the WhatsApp rule.
  const ur = await postForm(app, '/ur/admin/settings/clinic', cookies, { _csrf: csrfIn(page.body), name: 'X', tagline: 'T', phone: '12345', whatsapp: 'call me', email: 'a@b.example', languages: 'en' });
  assert.match(ur.body, /id="f-whatsapp-error">واٹس ایپ نمبر/);
  // A name is one line: line breaks and hidden direction marks typed or pasted into it are not stored.
  const ok = await postForm(app, '/admin/settings/clinic', cookies, { _csrf: csrfIn(page.body), name: 'Lahore\r\nNeuro\u202E Clinic', tagline: 'T', phone: '12345', whatsapp: '+923001234567', email: 'a@b.example', languages: 'en' });
  assert.equal(ok.statusCode, 303);
  assert.equal((await app.services.settings.clinic()).name, 'Lahore Neuro Clinic');
});

test('staff settings: numbers are checked against their limits, and saved ones take effect', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const page = await get(app, '/admin/settings', cookies);
  const good = { _csrf: csrfIn(page.body), idleMinutes: '10', lifetimeHours: '8', responseTargetHours: '4', consultationRetentionDays: '180', require2faRoles: ['admin', 'reviewer'] };
  const bad = await postForm(app, '/admin/settings/staff', cookies, { ...good, idleMinutes: '2', lifetimeHours: 'lots' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="f-idleMinutes-error">Enter a whole number between 5 and 480/);
  assert.match(bad.body, /value="lots"/);
  assert.equal((await postForm(app, '/admin/settings/staff', cookies, good)).statusCode, 303);
  const saved = await app.services.settings.staff();
  assert.deepEqual(saved, { require2faRoles: ['admin', 'reviewer'], idleMinutes: 10, lifetimeHours: 8, responseTargetHours: 4, consultationRetentionDays: 180 });
  app.clock.advance(11 * 60_000);
  assert.equal((await get(app, '/admin', cookies)).statusCode, 303, 'the new idle timeout applies');
});
