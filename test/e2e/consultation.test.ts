// The consultation form as a patient meets it: from the short form at the end of an article to the
// thank-you page, with JavaScript on (phone) and off, with mistakes, in Urdu, and axe on every page
// involved. What the browser sent is checked where it ends: the stored request.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertNoAxeViolations } from './axe.ts';
import { e2e, inViewport, viewportNames, type Viewport } from './browser.ts';

const h = e2e();

const REFERENCE = /^CS-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

/**
 * A page whose clock Playwright moves: the form's script measures how long the patient took, and a
 * form filled in by a test in a few milliseconds would be put in the spam folder as a bot's.
 * `think()` is the patient taking their time, without the test waiting for it.
 */
async function patientPage(viewport: Viewport, options: Parameters<typeof h.page>[1] = {}): Promise<Page & { think(): Promise<void> }> {
  const page = await h.page(viewport, options);
  await page.clock.install();
  return Object.assign(page, { think: () => page.clock.fastForward('00:20') });
}

/**
 * Submits with the button and waits for the page the server answers with (its URL may be the same).
 * With JavaScript on, the proof-of-work widget holds the submission back until it has solved its
 * challenge, then sends it: the wait is for the next page, not for the click.
 */
async function send(page: Page, button: string): Promise<void> {
  await Promise.all([page.waitForEvent('load', { timeout: 20_000 }), page.locator(button).click()]);
}

/** Whether the form carries the proof-of-work widget (ALTCHA): then a request sent with JavaScript on comes with a solved challenge. */
const hasProofOfWork = async (page: Page) => (await page.locator('form.consult-form altcha-widget').count()) > 0;

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

async function storedRequest(reference: string) {
  const row = await h.db.kysely.selectFrom('consultation_requests').selectAll().where('reference', '=', reference).executeTakeFirst();
  assert.ok(row, `request ${reference} is stored`);
  return row;
}

async function referenceOn(page: Page, path: RegExp): Promise<string> {
  assert.match(new URL(page.url()).pathname, path);
  const reference = (await page.locator('.reference').innerText()).trim();
  assert.match(reference, REFERENCE);
  assert.ok(page.url().endsWith(reference), 'the thank-you page is the one of this request');
  return reference;
}

test('with JavaScript on a phone: the short form of an article, a mistake, then the thank-you page', async () => {
  // A patient abroad: the form must take the browser's time zone, not the clinic's (Asia/Karachi).
  const page = await patientPage('phone', { timezoneId: 'Europe/London' });
  await page.goto('/articles/als-overview');

  const short = page.locator('form.short-form');
  await short.scrollIntoViewIfNeeded();
  await short.getByLabel('Full name').fill('Ayesha Khan');
  await short.getByLabel('Phone number').fill('0300-1234567');
  await short.getByLabel('Your message').fill('My father was told he may have ALS. What should we ask first?');
  await short.getByRole('checkbox').check();
  await send(page, 'form.short-form button[type=submit]');

  // The whole form, with what was typed, and no error yet.
  assert.equal(new URL(page.url()).pathname, '/consultation');
  assert.equal(await page.locator('.error-summary').count(), 0);
  assert.equal(await page.locator('#f-name').inputValue(), 'Ayesha Khan');
  assert.equal(await page.locator('#f-phone').inputValue(), '0300-1234567');
  assert.equal(await page.locator('#f-message').inputValue(), 'My father was told he may have ALS. What should we ask first?');
  assert.ok(await page.locator('#f-consent').isChecked());
  assert.equal(await page.locator('#f-timeZone').inputValue(), 'Europe/London', 'the time zone guessed by the browser');

  // Mistakes: the name cleared, and a reply by email without an address.
  await page.locator('#f-name').fill('');
  await page.getByLabel('Email', { exact: true }).check();
  await page.locator('#f-condition').selectOption('als');
  await page.think();
  await send(page, 'form.consult-form button[type=submit]');

  const summary = page.locator('.error-summary');
  assert.ok(await summary.isVisible(), 'the error summary is shown');
  assert.ok(await summary.evaluate((el) => el === document.activeElement), 'the error summary has the focus, so it is read out first');
  assert.match(await page.title(), /^Error:/);
  const links = summary.locator('a');
  assert.deepEqual(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['#f-name', '#f-email']);
  for (const [href, id] of [['#f-name', 'f-name'], ['#f-email', 'f-email']] as const) {
    assert.equal(await page.locator(`#${id}`).getAttribute('aria-invalid'), 'true');
    assert.match(String(await page.locator(`#${id}`).getAttribute('aria-describedby')), new RegExp(`\\b${id}-error\\b`), 'the error is read with the field');
    assert.ok(await page.locator(`#${id}-error`).isVisible(), `the error beside ${id}`);
    await summary.locator(`a[href="${href}"]`).click();
    assert.equal(await activeId(page), id, `the summary's link moves the focus to ${id}`);
    assert.ok(await inViewport(page, `label[for=${id}]`), `the label of ${id} is in sight too`);
  }
  // Everything else as the patient left it.
  assert.equal(await page.locator('#f-phone').inputValue(), '0300-1234567');
  assert.ok(await page.locator('#reply-email').isChecked());
  assert.equal(await page.locator('#f-timeZone').inputValue(), 'Europe/London');

  await page.locator('#f-name').fill('Ayesha Khan');
  await page.locator('#f-email').fill('ayesha@example.org');
  const proofOfWork = await hasProofOfWork(page);
  await page.think();
  await send(page, 'form.consult-form button[type=submit]');

  const reference = await referenceOn(page, /^\/consultation\/thanks\//);
  assert.equal(await page.locator('h1').innerText(), 'Thank you, we have your request');
  assert.match(await page.locator('main').innerText(), /will email you by .*\(Europe\/London\)/, 'the promise in the patient’s time zone');
  assert.equal(await page.locator('a.lang-switch').getAttribute('href'), `/ur/consultation/thanks/${reference}`, 'the same page in Urdu');

  const row = await storedRequest(reference);
  assert.equal(row.status, 'new', 'a person took their time: not spam');
  assert.deepEqual(JSON.parse(row.signals), proofOfWork ? [] : ['no-proof-of-work'], 'the proof of work, when the form has the widget, was solved and accepted');
  assert.equal(row.full_name, 'Ayesha Khan');
  assert.equal(row.phone, '+923001234567', 'stored in E.164');
  assert.equal(row.email, 'ayesha@example.org');
  assert.equal(row.reply_via, 'email');
  assert.equal(row.time_zone, 'Europe/London');
  assert.equal(row.condition, 'als');
  assert.equal(row.lang, 'en');
  assert.equal(row.source_path, '/articles/als-overview', 'the article the short form was sent from');
});

test('with JavaScript off: the whole form, one mistake, then the thank-you page', async () => {
  const page = await h.page('desktop', { javaScriptEnabled: false });
  await page.goto('/consultation');
  await page.getByLabel('Full name').fill('Bilal Ahmed');
  await page.getByLabel('Phone number').fill('call me');
  await page.getByLabel('City (optional)').fill('Multan');
  await page.getByLabel('WhatsApp').check();
  await page.locator('#f-preferredTime').selectOption('evening');
  await page.locator('#f-condition').selectOption('other');
  await page.getByLabel('Your message').fill('Is physiotherapy useful at an early stage?');
  await page.locator('#f-consent').check();
  await send(page, 'form.consult-form button[type=submit]');

  assert.ok(await page.locator('.error-summary').isVisible());
  assert.deepEqual(await page.locator('.error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['#f-phone']);
  assert.equal(await page.locator('#f-name').inputValue(), 'Bilal Ahmed', 'what was typed is kept');
  assert.equal(await page.locator('#f-city').inputValue(), 'Multan');
  assert.ok(await page.locator('#reply-whatsapp').isChecked());
  assert.ok(await page.locator('#f-consent').isChecked());

  await page.locator('#f-phone').fill('0321 7654321');
  await send(page, 'form.consult-form button[type=submit]');
  const reference = await referenceOn(page, /^\/consultation\/thanks\//);
  assert.match(await page.locator('main').innerText(), /on WhatsApp by .*\(Asia\/Karachi\)/);

  const row = await storedRequest(reference);
  assert.equal(row.status, 'new');
  assert.deepEqual(JSON.parse(row.signals), ['no-proof-of-work'], 'no script: accepted, marked for a closer look');
  assert.equal(row.phone, '+923217654321');
  assert.equal(row.time_zone, 'Asia/Karachi', 'no script to guess: the clinic’s time zone, as shown');
  assert.equal(row.preferred_time, 'evening');
  assert.equal(row.city, 'Multan');
  assert.equal(row.condition, 'other');
});

test('in Urdu: a right-to-left form, sent, and the thank-you page in Urdu', async () => {
  const page = await patientPage('phone', { timezoneId: 'Asia/Karachi' });
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto('/ur/consultation');
  // The proof-of-work widget's script is not part of the page's load: it comes when the patient starts on the form.
  assert.deepEqual(requested, ['/ur/consultation'], 'the page is one request');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ur');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.locator('form.consult-form').evaluate((el) => getComputedStyle(el).direction), 'rtl');
  // Right to left: each label starts at the right edge of its field.
  const label = await page.locator('label[for=f-name]').boundingBox();
  const input = await page.locator('#f-name').boundingBox();
  assert.ok(label && input && Math.abs(label.x + label.width - (input.x + input.width)) < 2, 'the label is aligned right, over its field');

  await page.locator('#f-name').fill('عائشہ خان');
  await page.locator('#f-phone').fill('0300-1234599');
  await page.locator('#reply-whatsapp').check();
  await page.locator('#f-condition').selectOption('als');
  await page.locator('#f-message').fill('میرے والد کے بارے میں سوال ہے۔');
  await page.locator('#f-consent').check();
  const proofOfWork = await hasProofOfWork(page);
  if (proofOfWork) assert.ok(requested.some((path) => /^\/static\/altcha\.[\w-]{8}\.js$/.test(path)), 'the widget came once the patient started');
  await page.think();
  await send(page, 'form.consult-form button[type=submit]');

  const reference = await referenceOn(page, /^\/ur\/consultation\/thanks\//);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ur');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.locator('h1').innerText(), 'شکریہ، آپ کی درخواست ہمیں مل گئی ہے');
  assert.match(await page.locator('main').innerText(), /واٹس ایپ/);

  const row = await storedRequest(reference);
  assert.equal(row.status, 'new');
  assert.deepEqual(JSON.parse(row.signals), proofOfWork ? [] : ['no-proof-of-work']);
  assert.equal(row.lang, 'ur');
  assert.equal(row.full_name, 'عائشہ خان');
  assert.equal(row.phone, '+923001234599');
  assert.equal(row.message, 'میرے والد کے بارے میں سوال ہے۔');
});

describe('axe on the consultation pages', () => {
  for (const [lang, prefix] of [['en', ''], ['ur', '/ur']] as const) {
    for (const viewport of viewportNames) {
      test(`${lang} on ${viewport}: the form with errors, the short form, the thank-you page`, async () => {
        // The app's CSP (script-src 'self') would block the injected axe script; only this test context bypasses it.
        const page = await h.page(viewport, { bypassCSP: true });
        await page.goto(`${prefix}/articles/als-overview`);
        assert.ok(await page.locator('form.short-form').isVisible());
        await assertNoAxeViolations(page, `the short form of ${prefix}/articles/als-overview (${viewport})`);

        await page.goto(`${prefix}/consultation`);
        await send(page, 'form.consult-form button[type=submit]');
        assert.ok((await page.locator('.field-error').count()) >= 3, 'the errors are shown');
        await assertNoAxeViolations(page, `${prefix}/consultation with errors (${viewport})`);

        await page.locator('#f-name').fill(lang === 'en' ? 'Sara Malik' : 'سارہ ملک');
        await page.locator('#f-phone').fill(`0333 55500${lang === 'en' ? 1 : 2}${viewport === 'phone' ? 1 : 2}`);
        await page.locator('#f-condition').selectOption('other');
        await page.locator('#f-consent').check();
        await send(page, 'form.consult-form button[type=submit]');
        await referenceOn(page, /\/consultation\/thanks\//);
        await assertNoAxeViolations(page, `${prefix}/consultation/thanks (${viewport})`);
      });
    }
  }
});
