import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { importContent } from '#src/content/importer.ts';
import { fixtureContent } from '../../../test/helper.ts';
import { csrfIn, get, makeUser, postForm, signIn, staffApp } from '../../../test/staff.ts';

const lahore = { name: { en: 'Lahore clinic', ur: 'لاہور کلینک' }, address: { en: '1 Main Road, Lahore' }, hours: { en: 'Mon–Sat 9–5' }, map_url: 'https://www.openstreetmap.org/search?query=Lahore' };
const karachi = { name: { en: 'Karachi clinic' }, address: { en: '2 Sea View, Karachi' }, hours: { en: 'Mon–Fri 10–6' } };

/** An admin signed in; the fixture pages, and a clinic that has two locations and two social links. */
async function admin(t: TestContext) {
  const app = await staffApp(t);
  await importContent(app.services, fixtureContent);
  await app.services.settings.saveClinic({
    name: 'Lahore Neuro Clinic', tagline: { en: 'Answers within a day' }, phone: '+924235761999', whatsapp: '+923001234567', email: 'hello@clinic.example',
    locations: [lahore, karachi], social: { facebook: 'https://www.facebook.com/example', x: 'https://x.com/example' },
  });
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const page = await get(app, '/admin/settings', cookies);
  assert.equal(page.statusCode, 200);
  return { app, cookies, csrf: csrfIn(page.body), page: page.body };
}

const row = (i: number, v: Record<string, string>) => Object.fromEntries(Object.entries(v).map(([k, x]) => [`loc-${i}-${k}`, x]));
const asTyped = (l: typeof lahore | typeof karachi) => ({ nameEn: l.name.en, nameUr: 'ur' in l.name ? l.name.ur : '', addressEn: l.address.en, addressUr: '', hoursEn: l.hours.en, hoursUr: '', mapUrl: 'map_url' in l ? l.map_url : '' });
const blank = { nameEn: '', nameUr: '', addressEn: '', addressUr: '', hoursEn: '', hoursUr: '', mapUrl: '' };

async function settingsChanges(app: Awaited<ReturnType<typeof admin>>['app']) {
  return app.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'settings.changed').execute();
}

test('settings show each location as a fieldset with a remove box, plus a blank one to add a location', async (t) => {
  const { page } = await admin(t);
  assert.match(page, /<fieldset class="entry" id="f-loc-0"><legend>Location 1<\/legend>[^]*value="Lahore clinic"[^]*value="لاہور کلینک"[^]*name="loc-0-remove"/);
  assert.match(page, /<fieldset class="entry" id="f-loc-1"><legend>Location 2<\/legend>[^]*value="Karachi clinic"[^]*name="loc-1-remove"/);
  assert.match(page, /<fieldset class="entry" id="f-loc-2"><legend>Add a location<\/legend>/);
  assert.doesNotMatch(page, /name="loc-2-remove"/);
  assert.match(page, /id="f-social-0-label" name="social-0-label" type="text" value="facebook"/);
  assert.match(page, /<legend>Add a link<\/legend>/);
});

test('locations are edited, added and removed without script; the change is audited and the public pages show it at once', async (t) => {
  const { app, cookies, csrf } = await admin(t);
  for (const url of ['/contact', '/consultation']) assert.match((await app.fastify.inject(url)).body, /Karachi clinic/, `${url} is in the cache before the change`);
  const res = await postForm(app, '/admin/settings/locations', cookies, {
    _csrf: csrf,
    ...row(0, { ...asTyped(lahore), hoursEn: 'Mon–Sat 8–4', hoursUr: 'پیر تا ہفتہ، صبح 8 سے شام 4 بجے تک' }),
    ...row(1, asTyped(karachi)), 'loc-1-remove': '1',
    ...row(2, { ...blank, nameEn: 'Islamabad clinic', nameUr: 'اسلام آباد کلینک', addressEn: '3 Blue Area, Islamabad', hoursEn: 'Mon–Fri 9–1', mapUrl: 'https://www.openstreetmap.org/search?query=Islamabad' }),
  });
  assert.equal(res.statusCode, 303);
  const { locations } = await app.services.settings.clinic();
  assert.deepEqual(locations.map((l) => l.name.en), ['Lahore clinic', 'Islamabad clinic']);
  assert.deepEqual(locations[0]?.hours, { en: 'Mon–Sat 8–4', ur: 'پیر تا ہفتہ، صبح 8 سے شام 4 بجے تک' });
  const [entry] = await settingsChanges(app);
  assert.ok(entry);
  assert.equal(entry.actor_email, 'asma@clinic.example');
  const details = JSON.parse(entry.details) as { before: { locations: { name: { en: string } }[] }; after: { locations: { name: { en: string } }[] } };
  assert.deepEqual(details.before.locations.map((l) => l.name.en), ['Lahore clinic', 'Karachi clinic']);
  assert.deepEqual(details.after.locations.map((l) => l.name.en), ['Lahore clinic', 'Islamabad clinic']);

  // No refresh here: the process that saved drops its cached pages itself.
  for (const url of ['/contact', '/consultation']) {
    const body = (await app.fastify.inject(url)).body;
    assert.doesNotMatch(body, /Karachi clinic/, url);
    assert.match(body, /<h3>Islamabad clinic<\/h3><p>3 Blue Area, Islamabad<\/p>/, url);
    assert.match(body, /href="https:\/\/www\.openstreetmap\.org\/search\?query&#61;Islamabad" rel="noopener">Map of Islamabad clinic/, url);
    assert.match(body, /Mon–Sat 8–4/, url);
  }
  const ur = (await app.fastify.inject('/ur/consultation')).body;
  assert.match(ur, /<h3>اسلام آباد کلینک<\/h3>/, 'Urdu pages show the Urdu name');
  assert.match(ur, /پیر تا ہفتہ، صبح 8 سے شام 4 بجے تک/);
  assert.match(ur, /<h3>Islamabad clinic<\/h3>|3 Blue Area, Islamabad/, 'and the English address where there is no Urdu one');

  const page = (await get(app, '/admin/settings', cookies)).body;
  assert.match(page, /<legend>Location 2<\/legend>[^]*value="Islamabad clinic"/);
  assert.match(page, /id="f-loc-2"><legend>Add a location<\/legend>/, 'a new blank fieldset is offered again');
});

test('bad locations re-render with every typed value kept and each error beside its field; nothing is stored', async (t) => {
  const { app, cookies, csrf } = await admin(t);
  const res = await postForm(app, '/admin/settings/locations', cookies, {
    _csrf: csrf,
    ...row(0, { ...asTyped(lahore), mapUrl: 'http://maps.example.org/lahore' }),
    ...row(1, asTyped(karachi)), 'loc-1-remove': '1',
    ...row(2, { ...blank, nameEn: 'Islamabad clinic', nameUr: 'اسلام آباد کلینک', mapUrl: 'javascript:alert(1)' }),
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /class="error-summary"[^]*href="#f-loc-0-mapUrl"[^]*href="#f-loc-2-addressEn"/);
  assert.match(res.body, /<p class="field-error" id="f-loc-0-mapUrl-error">Enter a full web address that starts with https:\/\//);
  assert.match(res.body, /id="f-loc-0-mapUrl" name="loc-0-mapUrl" type="url" value="http:\/\/maps.example.org\/lahore"[^>]*aria-invalid="true"/);
  assert.match(res.body, /id="f-loc-2-addressEn-error">This field is required\./);
  assert.match(res.body, /id="f-loc-2-hoursEn-error">This field is required\./);
  assert.match(res.body, /id="f-loc-2-mapUrl-error">Enter a full web address/);
  assert.match(res.body, /id="f-loc-2-nameUr" name="loc-2-nameUr" type="text" value="اسلام آباد کلینک"/, 'typed values kept');
  assert.match(res.body, /id="f-loc-2-mapUrl" name="loc-2-mapUrl" type="url" value="javascript:alert\(1\)"/);
  assert.match(res.body, /id="f-loc-1-remove" name="loc-1-remove" value="1" checked/, 'the remove box stays ticked');
  assert.doesNotMatch(res.body, /f-loc-1-[a-zA-Z]+-error/, 'a location being removed is not checked');
  assert.deepEqual((await app.services.settings.clinic()).locations, [lahore, karachi]);
  assert.equal((await settingsChanges(app)).length, 0);
  const ur = await postForm(app, '/ur/admin/settings/locations', cookies, { _csrf: csrf, ...row(0, { ...asTyped(lahore), mapUrl: 'ftp://x.example' }) });
  assert.match(ur.body, /id="f-loc-0-mapUrl-error">پورا ویب ایڈریس درج کریں/);
});

test('social links are edited in Settings: https only, one name each; the footer of every page shows them at once', async (t) => {
  const { app, cookies, csrf } = await admin(t);
  const bad = await postForm(app, '/admin/settings/social', cookies, {
    _csrf: csrf,
    'social-0-label': 'facebook', 'social-0-url': 'http://www.facebook.com/example',
    'social-1-label': 'x', 'social-1-url': 'https://x.com/example',
    'social-2-label': 'x', 'social-2-url': 'https://x.com/other',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="f-social-0-url-error">Enter a full web address that starts with https:\/\//);
  assert.match(bad.body, /id="f-social-2-label-error">Each link needs a different name\./);
  assert.match(bad.body, /value="https:\/\/x.com\/other"/);
  assert.equal((await settingsChanges(app)).length, 0);

  const ok = await postForm(app, '/admin/settings/social', cookies, {
    _csrf: csrf,
    'social-0-label': 'facebook', 'social-0-url': 'https://www.facebook.com/example',
    'social-1-label': 'x', 'social-1-url': 'https://x.com/example', 'social-1-remove': '1',
    'social-2-label': 'Instagram', 'social-2-url': 'https://www.instagram.com/example',
  });
  assert.equal(ok.statusCode, 303);
  assert.deepEqual((await app.services.settings.clinic()).social, { facebook: 'https://www.facebook.com/example', Instagram: 'https://www.instagram.com/example' });
  assert.equal((await settingsChanges(app)).length, 1);
  await app.refreshContent();
  for (const url of ['/', '/contact', '/ur/consultation']) {
    const body = (await app.fastify.inject(url)).body;
    assert.match(body, /<footer[^]*<a href="https:\/\/www\.instagram\.com\/example" rel="noopener" dir="auto">Instagram<\/a>/, url);
    assert.match(body, /<footer[^]*>Facebook<\/a>/, url);
    assert.doesNotMatch(body, /x\.com\/example/, url);
  }
});

test('the clinic name in Urdu is used on the Urdu pages: header, footer, title, JSON-LD; English pages keep the English name', async (t) => {
  const { app, cookies, csrf } = await admin(t);
  const res = await postForm(app, '/admin/settings/clinic', cookies, {
    _csrf: csrf, name: 'Lahore Neuro Clinic', nameUr: 'لاہور نیورو کلینک', tagline: 'Answers within a day', taglineUr: '', country: 'PK', phone: '+924235761999', whatsapp: '+923001234567', email: 'hello@clinic.example', languages: ['en', 'ur'],
  });
  assert.equal(res.statusCode, 303);
  assert.equal((await app.services.settings.clinic()).nameUr, 'لاہور نیورو کلینک');
  await app.refreshContent();
  const ur = (await app.fastify.inject('/ur/consultation')).body;
  assert.match(ur, /<title>[^<]*\| لاہور نیورو کلینک<\/title>/);
  assert.match(ur, /<meta property="og:site_name" content="لاہور نیورو کلینک">/);
  assert.match(ur, /<a class="brand" href="\/ur\/">لاہور نیورو کلینک<\/a>/);
  assert.match(ur, /<p>© لاہور نیورو کلینک<\/p>/);
  assert.match(ur, /"@type":"MedicalClinic"[^<]*"name":"لاہور نیورو کلینک","alternateName":"Lahore Neuro Clinic"/);
  assert.match((await app.fastify.inject('/ur/')).body, /<h1>لاہور نیورو کلینک<\/h1>/);
  const en = (await app.fastify.inject('/consultation')).body;
  assert.match(en, /<a class="brand" href="\/">Lahore Neuro Clinic<\/a>/);
  assert.doesNotMatch(en.replace(/<script type="application\/ld\+json">[^]*?<\/script>/g, ''), /لاہور نیورو کلینک/);
  // Emptied again, the Urdu pages fall back to the English name.
  await postForm(app, '/admin/settings/clinic', cookies, { _csrf: csrf, name: 'Lahore Neuro Clinic', nameUr: '', tagline: 'T', country: 'PK', phone: '+924235761999', whatsapp: '+923001234567', email: 'hello@clinic.example', languages: ['en', 'ur'] });
  assert.equal((await app.services.settings.clinic()).nameUr, undefined);
  await app.refreshContent();
  assert.match((await app.fastify.inject('/ur/consultation')).body, /<a class="brand" href="\/ur\/">Lahore Neuro Clinic<\/a>/);
});

test('the settings page is valid HTML with locations, social links and errors shown (html-validate)', async (t) => {
  const { HtmlValidate } = await import('html-validate');
  const validator = new HtmlValidate({
    extends: ['html-validate:recommended'],
    rules: { 'no-redundant-character-reference': 'off', 'long-title': 'off', 'valid-id': ['error', { relaxed: true }], 'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }] },
  });
  const { app, cookies, csrf, page } = await admin(t);
  const withErrors = await postForm(app, '/ur/admin/settings/locations', cookies, { _csrf: csrf, ...row(0, { ...asTyped(lahore), mapUrl: 'http://x.example' }), ...row(1, { ...blank, nameEn: 'New' }) });
  const badClinic = await postForm(app, '/admin/settings/clinic', cookies, { _csrf: csrf, name: '', phone: 'call us', whatsapp: '0300', email: 'x', country: 'XX' });
  // The states checked here are the ones with fieldsets and errors, which the every-page check does not reach.
  assert.match(page, /id="f-loc-1-remove"/);
  assert.match(withErrors.body, /id="f-loc-0-mapUrl-error"/);
  assert.match(badClinic.body, /id="f-country-error"[^]*id="f-phone-error"/);
  for (const [name, html] of [['filled', page], ['location errors', withErrors.body], ['clinic errors', badClinic.body]]) {
    const report = await validator.validateString(html ?? '');
    assert.deepEqual(report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`)), [], name);
  }
});
