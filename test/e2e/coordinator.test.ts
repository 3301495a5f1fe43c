// The coordinator's side of a consultation request, in the browser: a patient sends the form on a
// phone; a coordinator signs in on a desktop, finds the request in the inbox by the phone number,
// logs the call that reached the patient, books the consultation (after a mistake), and the
// invitation is checked where it ends: a real SMTP server. Then the booking is moved (an updated
// invitation) and attendance recorded. axe runs on the inbox and the request's page, in English and
// in Urdu; one pass of the inbox on a phone. Screenshots go to .tmp/screens/ for a person to look at.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createMailer } from '#src/jobs/mailer.ts';
import { OutboxWorker } from '#src/jobs/outbox.ts';
import { startSmtpServer, type ReceivedMail } from '#src/jobs/test-support.ts';
import { assertNoAxeViolations } from './axe.ts';
import { e2e, type Viewport } from './browser.ts';
import { createStaff, pathOf, screenshot, signIn, submit, type StaffAccount } from './staff-helpers.ts';

const h = e2e();

const CLINIC_ZONE = 'Asia/Karachi';
const patient = {
  name: 'Nadia Qureshi',
  phone: '0301-7654321',
  e164: '+923017654321',
  /** As the request's page shows it, and as a number is often written down. */
  international: '+92 301 7654321',
  email: 'nadia.q@example.org',
  message: 'My brother has weak hands and slurred words since March. Which tests should come first?',
};
/** What must never leave in an email: the condition and the words of the message. */
const healthDetails = /\bALS\b|amyotrophic|sclerosis|slurred|weak hands|brother/i;

let coordinator: Promise<StaffAccount> | undefined;
let reference = '';

/** The coordinator's account, made on first use (the app starts in the harness's own hook). */
function theCoordinator(): Promise<StaffAccount> {
  coordinator ??= (async () => {
    // Roles other than admin are given by an admin, so one must exist first.
    await createStaff(h.services, { email: 'boss@clinic.example.org', name: 'Clinic Admin' });
    return createStaff(h.services, { email: 'sana@clinic.example.org', name: 'Sana Coordinator', roles: ['coordinator'] });
  })();
  return coordinator;
}

/** A day in the clinic's time zone, `days` from today there, as the date field takes it (YYYY-MM-DD). */
function clinicDay(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_ZONE }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The UTC instant of a wall-clock time in Karachi (UTC+5 all year), as an iCalendar DTSTART writes it. */
const karachiToIcs = (date: string, time: string) =>
  new Date(Date.parse(`${date}T${time}:00+05:00`)).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The same moment on the patient's clock in London (summer time or not), as "10:30 am" with any space before am/pm. */
const londonClock = (date: string, time: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hour12: true })
    .format(new Date(`${date}T${time}:00+05:00`))
    .replace(/\s/g, '\\s?');

/** A staff page in a context of its own that bypasses the app's CSP (script-src 'self' would block axe). */
async function staffPage(viewport: Viewport): Promise<Page> {
  const page = await h.page(viewport, { bypassCSP: true });
  await signIn(page, await theCoordinator());
  return page;
}

const text = async (page: Page, selector = 'main'): Promise<string> => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ');

/** Nothing on the page is wider than the screen (wide tables scroll inside their own box). */
async function assertNoSideScroll(page: Page, label: string): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
  assert.ok(scroll <= width, `${label}: the page scrolls sideways (${scroll} > ${width})`);
}

/** Each id once: a label `for` a repeated id names only the first of the elements. */
async function assertUniqueIds(page: Page, label: string): Promise<void> {
  const repeated = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  assert.deepEqual(repeated, [], `${label}: repeated ids`);
}

/** The request's status as stored, i.e. the inbox tab it is listed under. */
async function statusOf(ref: string): Promise<string> {
  return (await h.db.kysely.selectFrom('consultation_requests').select('status').where('reference', '=', ref).executeTakeFirstOrThrow()).status;
}

/** The request's row in the inbox after a search, on the page the browser is on. */
async function searchInbox(page: Page, q: string): Promise<void> {
  await page.locator('form.filters #f-q').fill(q);
  await submit(page, page.locator('form.filters button[type=submit]'));
  assert.equal(new URL(page.url()).searchParams.get('q'), q);
}

// ---- What the mail server received: a small MIME reader (enough for what nodemailer writes). ----

interface MimePart {
  type: string;
  headers: string;
  body: string;
}

function mimeParts(raw: string): MimePart[] {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = (split < 0 ? raw : raw.slice(0, split)).replace(/\r?\n[ \t]+/g, ' ');
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1] ?? '';
  const type = header('content-type').toLowerCase() || 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(header('content-type'))?.[1];
  if (type.startsWith('multipart/') && boundary) {
    const pieces = body.split(`--${boundary}`).slice(1);
    return pieces.filter((p) => !p.startsWith('--')).flatMap((p) => mimeParts(p.replace(/^\r?\n/, '')));
  }
  const encoding = header('content-transfer-encoding').toLowerCase();
  let decoded = body;
  if (encoding === 'base64') decoded = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`);
    decoded = decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return [{ type, headers, body: decoded }];
}

/** The iCalendar text of a message's calendar part, with folded lines joined. */
function calendarOf(mail: ReceivedMail): { method: string; ics: string } {
  const part = mimeParts(mail.raw).find((p) => p.type.startsWith('text/calendar'));
  assert.ok(part, `a text/calendar part in "${mail.subject}"`);
  return { method: /method=([A-Z]+)/i.exec(part.type)?.[1]?.toUpperCase() ?? '', ics: part.body.replace(/\r?\n[ \t]/g, '') };
}

function assertNoHealthDetails(mail: ReceivedMail): void {
  assert.doesNotMatch(mail.subject, healthDetails, `the subject of "${mail.subject}"`);
  for (const part of mimeParts(mail.raw)) assert.doesNotMatch(part.body, healthDetails, `the ${part.type} part of "${mail.subject}"`);
}

test('a request from the patient’s phone is found, answered, booked and moved by a coordinator; the invitations reach the mail server', async (t) => {
  // ---- The patient, on a phone abroad: the form, with the clock moved so the minimum fill time passes. ----
  const phone = await h.page('phone', { timezoneId: 'Europe/London' });
  await phone.clock.install();
  await phone.goto('/consultation');
  await phone.getByLabel('Full name').fill(patient.name);
  await phone.getByLabel('Phone number').fill(patient.phone);
  await phone.getByLabel('Email', { exact: true }).check();
  await phone.locator('#f-email').fill(patient.email);
  await phone.locator('#f-condition').selectOption('als');
  await phone.getByLabel('Your message').fill(patient.message);
  await phone.locator('#f-consent').check();
  await phone.clock.fastForward('00:20');
  // The proof-of-work widget holds the submission until it has solved its challenge: wait for the next page.
  await Promise.all([phone.waitForEvent('load', { timeout: 20_000 }), phone.locator('form.consult-form button[type=submit]').click()]);
  assert.match(pathOf(phone), /^\/consultation\/thanks\/CS-/);
  reference = (await phone.locator('.reference').innerText()).trim();
  await phone.context().close();

  // ---- The coordinator, on a desktop: the inbox, found by the phone number. ----
  const page = await staffPage('desktop');
  await submit(page, page.locator('nav.admin-nav').getByRole('link', { name: 'Consultations' }));
  assert.equal(pathOf(page), '/admin/consultations');
  assert.equal(await page.locator('.tabs a[aria-current=page]').innerText().then((s) => s.replace(/\s+/g, ' ').trim()), 'New 1');
  await searchInbox(page, patient.international);
  const rows = page.locator('table.inbox tbody tr');
  assert.equal(await rows.count(), 1, 'the search by phone finds the one request');
  assert.equal((await rows.first().locator('a').innerText()).trim(), reference);
  const cells = (await rows.first().locator('td').allInnerTexts()).map((c) => c.trim());
  assert.match(cells[1] ?? '', /^due in \d+ h \d+ min$/, 'the time left, in words, beside the reference');
  assert.equal(cells[2], patient.name);
  assert.equal(cells[3], 'Amyotrophic lateral sclerosis (ALS)');
  await assertNoSideScroll(page, 'the inbox (desktop)');
  await assertNoAxeViolations(page, '/admin/consultations with a search (desktop)');
  await screenshot(page, 'inbox-list-en-desktop');

  // ---- The request's page: the details, one-tap links, nothing held back. ----
  await submit(page, rows.first().getByRole('link', { name: reference }));
  assert.equal(pathOf(page), `/admin/consultations/${reference}`);
  assert.equal((await page.locator('main h1').innerText()).trim(), `Request ${reference}`);
  const details = await text(page, 'dl.details');
  for (const shown of [patient.name, patient.email, patient.message, 'Amyotrophic lateral sclerosis', 'Europe/London']) assert.ok(details.includes(shown), `the page shows ${shown}`);
  assert.equal(await page.locator('dl.details a[href^="tel:"]').getAttribute('href'), `tel:${patient.e164}`);
  assert.equal(await page.locator('dl.details a[href^="https://wa.me/"]').getAttribute('href'), `https://wa.me/${patient.e164.slice(1)}`);
  assert.equal(await page.locator('dl.details a[href^="mailto:"]').getAttribute('href'), `mailto:${patient.email}`);
  assert.match(await text(page, '#bk + *'), /No consultation booked yet/);
  await assertUniqueIds(page, 'the request page');
  await assertNoAxeViolations(page, `/admin/consultations/${reference} (desktop)`);
  await screenshot(page, 'request-en-desktop');

  // ---- A call that reached the patient: the first response is recorded. ----
  const contact = page.locator('form.inbox-action', { has: page.locator('input[name=action][value=contact]') });
  assert.equal(await contact.locator('select[name=channel]').inputValue(), 'email', 'the channel the patient asked for, chosen already');
  await contact.locator('select[name=channel]').selectOption('phone');
  await contact.getByLabel('Outcome').selectOption('reached');
  await contact.getByLabel('Note (optional)').fill('Spoke to her; she prefers an afternoon visit in Lahore.');
  await submit(page, contact.getByRole('button', { name: 'Log the attempt' }));
  assert.equal(pathOf(page), `/admin/consultations/${reference}`);
  assert.match(await text(page, '.banner-ok'), /Saved/);
  assert.match(await text(page), /In progress · answered after \d+ min/, 'answered, with the time it took');
  assert.equal(await page.getByRole('button', { name: 'Mark as answered' }).count(), 0, 'nothing left to mark');
  assert.match(await text(page, 'ol.timeline'), /Contact attempt \(Sana Coordinator\) Reached the patient · Phone call — Spoke to her/);
  const request = await h.db.kysely.selectFrom('consultation_requests').select(['status', 'responded_at']).where('reference', '=', reference).executeTakeFirstOrThrow();
  assert.equal(request.status, 'in_progress');
  assert.ok(request.responded_at, 'the first response time is stored');

  // ---- A booking in the past is refused, with everything typed kept and the error beside its field. ----
  const booking = page.locator('section[aria-labelledby=bk]');
  const fillBooking = async (o: { date: string; time: string; minutes: string; location: string; clinician: string }) => {
    await booking.getByLabel('Date').fill(o.date);
    await booking.getByLabel('Time', { exact: true }).fill(o.time);
    await booking.getByLabel('Length in minutes').fill(o.minutes);
    await booking.getByLabel('How').selectOption('in_person');
    await booking.getByLabel('Where (for a visit in person)').selectOption(o.location);
    await booking.getByLabel('Clinician').fill(o.clinician);
  };
  await fillBooking({ date: clinicDay(-1), time: '15:30', minutes: '45', location: 'Lahore clinic (demo)', clinician: 'Dr. Amina Rahman' });
  const refused = await submit(page, booking.getByRole('button', { name: 'Book and send the invitation' }));
  assert.equal(refused.status(), 400);
  assert.ok(await page.locator('.error-summary').isVisible());
  assert.deepEqual(await page.locator('.error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['#f-date']);
  assert.equal((await page.locator('#f-date-error').innerText()).trim(), 'Choose a time that is still to come.');
  assert.equal(await page.locator('#f-date').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#f-date').inputValue(), clinicDay(-1), 'what was typed is kept');
  assert.equal(await page.locator('#f-time').inputValue(), '15:30');
  assert.equal(await page.locator('#f-minutes').inputValue(), '45');
  assert.equal(await page.locator('#f-clinician').inputValue(), 'Dr. Amina Rahman');
  await page.locator('.error-summary a[href="#f-date"]').click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-date', 'the summary leads to the field');
  await assertUniqueIds(page, 'the request page with a booking error');
  await assertNoAxeViolations(page, `/admin/consultations/${reference}/booking with an error (desktop)`);

  // ---- Booked for next week, 15:30 in Karachi. ----
  const first = { date: clinicDay(7), time: '15:30' };
  await fillBooking({ ...first, minutes: '45', location: 'Lahore clinic (demo)', clinician: 'Dr. Amina Rahman' });
  await submit(page, page.locator('section[aria-labelledby=bk]').getByRole('button', { name: 'Book and send the invitation' }));
  assert.equal(pathOf(page), `/admin/consultations/${reference}`);
  const bookedText = await text(page, 'section[aria-labelledby=bk]');
  assert.match(bookedText, new RegExp(`Booked: .*3:30\\s?pm \\(Asia/Karachi\\) for the patient: .*${londonClock(first.date, first.time)} \\(Europe/London\\) 45 min · In person · Lahore clinic \\(demo\\) · Dr\\. Amina Rahman`));
  assert.match(await text(page, 'main > p:has(.due)'), /^Booked ·/);
  assert.match(await text(page, 'ol.timeline'), /Consultation booked \(Sana Coordinator\)/);
  assert.ok(await page.getByRole('button', { name: 'Move and send the new invitation' }).isVisible());
  assert.deepEqual([await page.locator('#f-date').inputValue(), await page.locator('#f-time').inputValue()], [first.date, first.time], 'moving starts from the booked date and time');
  assert.equal(await page.getByRole('button', { name: 'Reopen the request' }).count(), 0, 'a booked request is not reopened');
  assert.equal(await page.getByRole('button', { name: 'Close the request' }).count(), 0, 'nor closed while its booking stands');
  await page.getByLabel('Note', { exact: true }).fill('She will bring the MRI reports.');
  await submit(page, page.getByRole('button', { name: 'Add the note' }));
  assert.match(await text(page, 'ol.timeline'), /Note \(Sana Coordinator\) She will bring the MRI reports\./, 'a booked request still takes notes');
  await assertUniqueIds(page, 'the request page, booked');
  await assertNoAxeViolations(page, `/admin/consultations/${reference} booked (desktop)`);

  // ---- The outbox sends to a real SMTP server: the invitation, and nothing about health in any email. ----
  const smtp = await startSmtpServer(t);
  const worker = new OutboxWorker({ db: h.db, mailer: createMailer({ smtpUrl: smtp.url, mailFrom: 'Caresite Demo Clinic <care@example.org>', mailDir: '' }) });
  await worker.runOnce();
  const toPatient = () => smtp.received.filter((m) => m.envelopeTo.includes(patient.email));
  assert.ok(toPatient().some((m) => /we have your request/.test(m.subject)), 'the confirmation of the request');
  const invitation = toPatient().find((m) => /your consultation is booked/.test(m.subject));
  assert.ok(invitation, `the invitation was delivered (received: ${smtp.received.map((m) => m.subject).join(' | ')})`);
  assert.ok(invitation.subject.includes(reference));
  const sent = calendarOf(invitation);
  assert.equal(sent.method, 'REQUEST', 'the calendar part says it is an invitation');
  assert.match(sent.ics, /^METHOD:REQUEST$/m);
  assert.match(sent.ics, /^SEQUENCE:0$/m);
  assert.match(sent.ics, new RegExp(`^DTSTART:${karachiToIcs(first.date, first.time)}$`, 'm'), '15:30 in Karachi');
  assert.match(sent.ics, /^DURATION:PT45M$/m);
  const plain = mimeParts(invitation.raw).find((p) => p.type.startsWith('text/plain'));
  assert.match(plain?.body ?? '', new RegExp(`When: .* at ${londonClock(first.date, first.time)} \\(Europe/London\\)`), 'in the patient’s time zone');
  assert.match(plain?.body ?? '', /How: In person: Lahore clinic \(demo\)\s+With: Dr\. Amina Rahman/);
  assert.ok(!toPatient().some((m) => /reminder/.test(m.subject)), 'the reminder waits until the day before');
  for (const mail of smtp.received) assertNoHealthDetails(mail);

  // ---- Moved to the next day, 11:00: an updated invitation for the same event. ----
  const moved = { date: clinicDay(8), time: '11:00' };
  assert.equal(await page.locator('#f-clinician').inputValue(), 'Dr. Amina Rahman', 'the move starts from the booking as it stands');
  await page.locator('#f-date').fill(moved.date);
  await page.locator('#f-time').fill(moved.time);
  await submit(page, page.getByRole('button', { name: 'Move and send the new invitation' }));
  assert.match(await text(page, 'section[aria-labelledby=bk]'), /Booked: .*11:00\s?am \(Asia\/Karachi\)/);
  assert.match(await text(page, 'ol.timeline'), /Consultation moved/);
  await worker.runOnce();
  const update = toPatient().find((m) => /has a new time/.test(m.subject));
  assert.ok(update, 'the updated invitation was delivered');
  const updated = calendarOf(update);
  assert.equal(updated.method, 'REQUEST');
  assert.match(updated.ics, /^SEQUENCE:1$/m);
  assert.match(updated.ics, new RegExp(`^DTSTART:${karachiToIcs(moved.date, moved.time)}$`, 'm'));
  const uid = /^UID:(.+)$/m.exec(sent.ics)?.[1];
  assert.ok(uid && updated.ics.includes(`UID:${uid}`), 'the same event, updated');
  assertNoHealthDetails(update);

  // ---- The booked tab lists it. ----
  await submit(page, page.getByRole('link', { name: 'Back to the list' }));
  assert.equal(new URL(page.url()).searchParams.get('status'), 'booked');
  assert.match(await text(page, 'table.inbox tbody'), new RegExp(reference));
  await page.context().close();
});

test('in Urdu on a desktop: the inbox and the request page, right to left, also with a booking error', async () => {
  assert.ok(reference, 'the first test made a request');
  const page = await staffPage('desktop');
  await page.goto('/ur/admin/consultations?status=booked');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ur');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal((await page.locator('main h1').innerText()).trim(), 'مشورے کی درخواستیں');
  await searchInbox(page, patient.e164.slice(-7));
  assert.equal(await page.locator('table.inbox tbody tr').count(), 1);
  await assertNoSideScroll(page, 'the Urdu inbox (desktop)');
  await assertNoAxeViolations(page, '/ur/admin/consultations (desktop)');
  await screenshot(page, 'inbox-list-ur-desktop');

  await submit(page, page.locator('table.inbox tbody').getByRole('link', { name: reference }));
  assert.equal(pathOf(page), `/ur/admin/consultations/${reference}`);
  assert.match(await text(page, 'section[aria-labelledby=bk]'), /طے شدہ: .* 45 منٹ · کلینک میں · Lahore clinic \(demo\) · Dr\. Amina Rahman/, 'the booking, in Urdu');
  await assertUniqueIds(page, 'the Urdu request page');
  await assertNoAxeViolations(page, `/ur/admin/consultations/${reference} (desktop)`);
  await screenshot(page, 'request-ur-desktop');

  const booking = page.locator('section[aria-labelledby=bk]');
  await booking.locator('#f-date').fill(clinicDay(-2));
  await booking.locator('#f-time').fill('10:00');
  const refused = await submit(page, booking.locator('button[type=submit]').first());
  assert.equal(refused.status(), 400);
  assert.equal(pathOf(page), `/ur/admin/consultations/${reference}/booking`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ur');
  assert.equal((await page.locator('#f-date-error').innerText()).trim(), 'آنے والا وقت منتخب کریں۔');
  await assertUniqueIds(page, 'the Urdu request page with an error');
  await assertNoAxeViolations(page, `/ur/admin/consultations/${reference}/booking with an error (desktop)`);
  await page.context().close();
});

test('on a phone: the inbox and the request page fit the screen, in English and in Urdu', async () => {
  assert.ok(reference, 'the first test made a request');
  const page = await staffPage('phone');
  for (const prefix of ['', '/ur']) {
    const lang = prefix ? 'ur' : 'en';
    await page.goto(`${prefix}/admin/consultations?status=booked`);
    await searchInbox(page, patient.international);
    assert.equal(await page.locator('table.inbox tbody tr').count(), 1);
    await assertNoSideScroll(page, `${prefix}/admin/consultations (phone)`);
    await assertNoAxeViolations(page, `${prefix}/admin/consultations (phone)`);
    await screenshot(page, `inbox-list-${lang}-phone`);

    await page.goto(`${prefix}/admin/consultations/${reference}`);
    await assertNoSideScroll(page, `${prefix}/admin/consultations/${reference} (phone)`);
    await assertNoAxeViolations(page, `${prefix}/admin/consultations/${reference} (phone)`);
    await screenshot(page, `request-${lang}-phone`);
  }
  await page.context().close();
});

test('afterwards: the coordinator records that the patient came', async () => {
  assert.ok(reference, 'the first test made a request');
  // A week on: the consultation's time has passed (the app's clock is the real one, so the booking moves instead).
  const past = new Date(Date.now() - 3_600_000).toISOString();
  await h.db.kysely.updateTable('consultation_bookings').set({ starts_at: past }).where('status', '=', 'booked').execute();
  const page = await staffPage('desktop');
  await page.goto(`/admin/consultations/${reference}`);
  await page.getByLabel('Afterwards').selectOption('attended');
  await submit(page, page.getByRole('button', { name: 'Record', exact: true }));
  assert.equal(pathOf(page), `/admin/consultations/${reference}`);
  assert.match(await text(page, 'section[aria-labelledby=bk]'), /Attended: .*\(Asia\/Karachi\)/);
  assert.match(await text(page, 'ol.timeline'), /Attended \(Sana Coordinator\)/);
  const stored = await h.db.kysely.selectFrom('consultation_bookings').select(['status', 'sequence']).executeTakeFirstOrThrow();
  assert.deepEqual({ ...stored }, { status: 'attended', sequence: 1 });
  await assertUniqueIds(page, 'the request page after attendance');
  await assertNoAxeViolations(page, `/admin/consultations/${reference} after attendance (desktop)`);
  await page.context().close();
});

test('the inbox finds a request by the phone number as a Pakistani patient writes it (0301-7654321)', async () => {
  assert.ok(reference, 'the first test made a request');
  const page = await staffPage('desktop');
  await page.goto(`/admin/consultations?status=${await statusOf(reference)}`);
  await searchInbox(page, patient.phone);
  assert.equal(await page.locator('table.inbox tbody tr').count(), 1);
  await page.context().close();
});

test('a search with “Any” assignee also finds requests assigned to someone', async () => {
  assert.ok(reference, 'the first test made a request');
  const sana = await theCoordinator();
  await h.db.kysely.updateTable('consultation_requests').set({ assignee_id: sana.id }).where('reference', '=', reference).execute();
  const page = await staffPage('desktop');
  await page.goto(`/admin/consultations?status=${await statusOf(reference)}`);
  await searchInbox(page, patient.international);
  assert.equal(await page.locator('form.filters #f-assignee').inputValue(), '', 'the filter still says Any');
  assert.equal(await page.locator('table.inbox tbody tr').count(), 1);
  await page.context().close();
});
