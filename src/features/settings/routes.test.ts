import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { build } from '../../../test/helper.ts';
import { csrfIn, get, makeUser, postForm, signIn, staffApp } from '../../../test/staff.ts';

async function admin(t: TestContext) {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const page = await get(app, '/admin/settings', cookies);
  assert.equal(page.statusCode, 200);
  return { app, cookies, csrf: csrfIn(page.body) };
}

const good = { name: 'Lahore Neuro Clinic', tagline: 'Answers within a day', taglineUr: 'ایک دن میں جواب', country: 'PK', phone: '(042) 3576 1999', whatsapp: '0300-1234567', email: 'hello@clinic.example', languages: ['en', 'ur'] };

test('an admin changes the clinic details; numbers typed the local way are stored in E.164, shown formatted and linked; the change is audited', async (t) => {
  const { app, cookies, csrf } = await admin(t);
  const res = await postForm(app, '/admin/settings/clinic', cookies, { _csrf: csrf, ...good });
  assert.equal(res.statusCode, 303);
  assert.match((await get(app, '/admin/settings?m=saved', cookies)).body, /Saved\./);
  const saved = await app.services.settings.clinic();
  assert.equal(saved.phone, '+924235761999');
  assert.equal(saved.whatsapp, '+923001234567');
  assert.equal(saved.country, 'PK');
  await app.refreshContent();
  for (const url of ['/consultation', '/ur/consultation']) {
    const body = (await app.fastify.inject(url)).body;
    assert.match(body, /Lahore Neuro Clinic/);
    assert.match(body, /<a href="tel:\+924235761999" dir="ltr">\+92\u00a042\u00a035761999<\/a>/, url);
    assert.match(body, /<a href="https:\/\/wa\.me\/923001234567" rel="noopener" dir="ltr">\+92\u00a0300\u00a01234567<\/a>/, url);
    assert.match(body, /"telephone":"\+924235761999"/);
  }
  const entry = await app.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'settings.changed').executeTakeFirstOrThrow();
  assert.equal(entry.actor_email, 'asma@clinic.example');
  assert.match(entry.details, /"before":\{"name":"Caresite Clinic"/);
  assert.match(entry.details, /"after":\{[^]*"whatsapp":"\+923001234567"/);
});

test('a clinic abroad: numbers are read for the chosen country, and a number with its own country code keeps it', async (t) => {
  const { app, cookies, csrf } = await admin(t);
  const res = await postForm(app, '/admin/settings/clinic', cookies, { _csrf: csrf, ...good, country: 'GB', phone: '020 7946 0000', whatsapp: '+92 300 1234567' });
  assert.equal(res.statusCode, 303);
  const saved = await app.services.settings.clinic();
  assert.deepEqual([saved.country, saved.phone, saved.whatsapp], ['GB', '+442079460000', '+923001234567']);
  assert.match((await get(app, '/admin/settings', cookies)).body, /<option value="GB" selected>United Kingdom \(\+44\)<\/option>/);
});

test('bad clinic details re-render with errors beside the fields and the typed values kept; nothing is stored or audited', async (t) => {
  const { app, cookies, csrf } = await admin(t);
  const res = await postForm(app, '/admin/settings/clinic', cookies, { _csrf: csrf, name: '', tagline: 'Kept tagline', country: 'PK', phone: 'call us', whatsapp: '0300', email: 'nope' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /class="error-summary"[^]*href="#f-phone"[^]*href="#f-whatsapp"/, 'the summary at the top links to each field');
  assert.match(res.body, /id="f-email-error">Enter an email address/);
  assert.match(res.body, /id="f-phone-error">Enter a phone number that can be dialled: as it is dialled in Pakistan \(e\.g\. \u206603\d\d \d{7}\u2069\)/);
  assert.match(res.body, /id="f-whatsapp-error">Enter the WhatsApp number as it is dialled in Pakistan/);
  assert.match(res.body, /id="f-phone" name="phone" type="tel" value="call us"[^>]*aria-invalid="true"/, 'the typed value is kept, marked invalid');
  assert.match(res.body, /id="f-whatsapp" name="whatsapp" type="tel" value="0300"/);
  assert.match(res.body, /id="f-name-error"/);
  assert.match(res.body, /id="f-languages-error">This field is required/, 'the languages error stands beside the languages');
  assert.match(res.body, /value="Kept tagline"/);
  const stored = await app.services.settings.clinic();
  assert.deepEqual([stored.name, stored.phone], ['Caresite Clinic', '+00 000 0000000']);
  assert.equal((await app.db.kysely.selectFrom('audit_log').select('id').where('action', '=', 'settings.changed').execute()).length, 0);
  // In the Urdu dashboard every message is Urdu, including the phone rules and the country's name.
  const ur = await postForm(app, '/ur/admin/settings/clinic', cookies, { _csrf: csrf, ...good, phone: 'call us', whatsapp: '0300-1234567-1' });
  assert.match(ur.body, /id="f-phone-error">ایسا فون نمبر درج کریں[^<]*پاکستان/);
  assert.match(ur.body, /id="f-whatsapp-error">واٹس ایپ نمبر/);
  const country = await postForm(app, '/admin/settings/clinic', cookies, { _csrf: csrf, ...good, country: 'XX' });
  assert.match(country.body, /id="f-country-error">Choose a country from the list\./);
  // A name is one line: line breaks and hidden direction marks typed or pasted into it are not stored.
  const ok = await postForm(app, '/admin/settings/clinic', cookies, { _csrf: csrf, ...good, name: 'Lahore\r\nNeuro\u202E Clinic' });
  assert.equal(ok.statusCode, 303);
  assert.equal((await app.services.settings.clinic()).name, 'Lahore Neuro Clinic');
});

test('numbers stored before they were checked keep working: valid ones are read as E.164, others are kept and never linked broken', async (t) => {
  const { app, cookies } = await admin(t);
  const old = { name: 'Old Clinic', tagline: { en: 'Old' }, phone: 'call us', whatsapp: '923001234567', email: 'old@clinic.example', locations: [], social: {}, languages: ['en'] };
  await app.db.kysely.insertInto('settings').values({ key: 'clinic', value: JSON.stringify(old), updated_at: new Date().toISOString() }).execute();
  const clinic = await app.services.settings.clinic();
  assert.deepEqual([clinic.country, clinic.phone, clinic.whatsapp], ['PK', 'call us', '+923001234567']);
  const body = (await app.fastify.inject('/consultation')).body;
  assert.match(body, /href="https:\/\/wa\.me\/923001234567"/);
  assert.doesNotMatch(body, /href="tel:"/);
  assert.match(body, /<span dir="ltr">call\u00a0us<\/span>/, 'the stored text is still shown');
  assert.match((await get(app, '/admin/settings', cookies)).body, /id="f-phone" name="phone" type="tel" value="call us"/, 'and offered for correction');
});

test('the demo settings.yaml loads: its WhatsApp number is stored in E.164 and its Urdu name is used on Urdu pages', async (t) => {
  const app = await build(t);
  const clinic = await app.services.settings.clinic();
  assert.equal(clinic.whatsapp, '+923000000000');
  const stored = await app.db.kysely.selectFrom('settings').select('value').where('key', '=', 'clinic').executeTakeFirstOrThrow();
  assert.match(stored.value, /"whatsapp":"\+923000000000"/, 'normalised on import');
  const ur = (await app.fastify.inject('/ur/contact')).body;
  assert.match(ur, /href="https:\/\/wa\.me\/923000000000"/);
  assert.match(ur, /<a class="brand" href="\/ur\/">کیئرسائٹ ڈیمو کلینک<\/a>/);
});

test('staff settings: numbers are checked against their limits, and saved ones take effect', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const page = await get(app, '/admin/settings', cookies);
  const good = { _csrf: csrfIn(page.body), idleMinutes: '10', lifetimeHours: '8', responseTargetHours: '4', consultationRetentionDays: '180', reviewIntervalMonths: '6', require2faRoles: ['admin', 'reviewer'] };
  const bad = await postForm(app, '/admin/settings/staff', cookies, { ...good, idleMinutes: '2', lifetimeHours: 'lots' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="f-idleMinutes-error">Enter a whole number between 5 and 480/);
  assert.match(bad.body, /value="lots"/);
  assert.equal((await postForm(app, '/admin/settings/staff', cookies, good)).statusCode, 303);
  const saved = await app.services.settings.staff();
  assert.deepEqual({ ...saved, emergencySigns: undefined, notSuitableText: undefined }, { require2faRoles: ['admin', 'reviewer'], idleMinutes: 10, lifetimeHours: 8, responseTargetHours: 4, consultationRetentionDays: 180, reviewIntervalMonths: 6, emergencySigns: undefined, notSuitableText: undefined });
  assert.ok(saved.emergencySigns.includes('choking'), 'a form without the signs field keeps the stored list');
  app.clock.advance(11 * 60_000);
  assert.equal((await get(app, '/admin', cookies)).statusCode, 303, 'the new idle timeout applies');
});

test('staff settings: the emergency signs are one per line, checked, and come back as typed when wrong', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const page = await get(app, '/admin/settings', cookies);
  const good = { _csrf: csrfIn(page.body), idleMinutes: '30', lifetimeHours: '12', responseTargetHours: '24', consultationRetentionDays: '365', reviewIntervalMonths: '12' };
  const signs = ' Chest pain \n\nسانس رک جانا\n' + 'x'.repeat(101);
  const tooLong = await postForm(app, '/admin/settings/staff', cookies, { ...good, emergencySigns: signs });
  assert.equal(tooLong.statusCode, 400);
  assert.match(tooLong.body, /id="f-emergencySigns-error">Keep each sign under 100 characters/);
  assert.ok(tooLong.body.includes('سانس رک جانا'), 'the list comes back as typed');
  assert.equal((await postForm(app, '/admin/settings/staff', cookies, { ...good, emergencySigns: ' Chest pain \n\nسانس رک جانا\n' })).statusCode, 303);
  assert.deepEqual((await app.services.settings.staff()).emergencySigns, ['Chest pain', 'سانس رک جانا']);
});

test('the clinic’s time zone and emergency numbers are edited with the clinic: checked, kept as typed when wrong, shown above the form', async (t) => {
  const { app, cookies, csrf } = await admin(t);
  const bad = await postForm(app, '/admin/settings/clinic', cookies, { _csrf: csrf, ...good, timeZone: 'Lahore', emergency: '', emergencyUr: '۱۱۲۲' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="f-timeZone-error">Enter a time zone such as Asia\/Karachi/);
  assert.match(bad.body, /id="f-emergency-error"/);
  assert.match(bad.body, /value="Lahore"/);
  assert.equal((await postForm(app, '/admin/settings/clinic', cookies, { _csrf: csrf, ...good, timeZone: 'Asia/Dubai', emergency: 'Call 999', emergencyUr: '999 پر فون کریں' })).statusCode, 303);
  const saved = await app.services.settings.clinic();
  assert.equal(saved.timeZone, 'Asia/Dubai');
  assert.deepEqual(saved.emergency, { en: 'Call 999', ur: '999 پر فون کریں' });
  await app.refreshContent();
  assert.match((await app.fastify.inject('/consultation')).body, /call Call 999 now/);
  assert.match((await app.fastify.inject('/ur/consultation')).body, /999 پر فون کریں/);
  assert.equal((await postForm(app, '/admin/settings/clinic', cookies, { _csrf: csrf, ...good })).statusCode, 303, 'an older page without the new fields');
  assert.equal((await app.services.settings.clinic()).timeZone, 'Asia/Dubai', 'keeps them');
});
