// The editorial workflow in the browser (issue 11): an editor writes an article with a health claim
// the checks flag, sees the finding appear beside the text as she types, fixes the sentence and sends
// the article for medical review; a medical reviewer approves and publishes it, and readers see who
// reviewed it and when; a later edit sends it back to draft while readers keep the approved text.
// axe runs on the list, the editor (with findings and preview showing), the revisions and the compare
// page, on a phone (360 × 800) and a desktop. Screenshots go to .tmp/screens/ for a person to look at.
//
// The editor's and the reviewer's pages run under the app's real CSP (the live checks must work
// there); only the contexts that run axe bypass it, as in the other dashboard tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { formatDate } from '#src/web/i18n/index.ts';
import { assertNoAxeViolations } from './axe.ts';
import type { Viewport } from './browser.ts';
import { createStaff, pathOf, screenshot, screensDir, setupActor, signIn, staffE2e, submit, type StaffAccount } from './staff-helpers.ts';

const h = staffE2e();

const slug = 'walking-aids';
const editorPath = `/admin/articles/en/${slug}`;
const publicPath = `/articles/${slug}`;
const title = 'Walking aids in ALS';
const claim = 'This treatment cures ALS.';
const careful = 'There is no cure for ALS; this treatment may ease stiffness for some people [1].';
const reference = 'National Institute of Neurological Disorders and Stroke. Amyotrophic lateral sclerosis. https://www.ninds.nih.gov';
const summary = 'How a stick, a frame or a wheelchair can help people with ALS walk more safely.';
/** Typed after publication: readers must not see it until a reviewer approves it. */
const laterSentence = 'A new paragraph that no reviewer has read yet.';

/** The phone of the brief: a small Android screen. */
const phone: BrowserContextOptions = { viewport: { width: 360, height: 800 } };
const sizes: { viewport: Viewport; options: BrowserContextOptions; label: string }[] = [
  { viewport: 'phone', options: phone, label: 'phone 360' },
  { viewport: 'desktop', options: {}, label: 'desktop' },
];

/** What the public page must show once the reviewer has approved. */
let approval: { reviewedAt: string; nextReviewAt: string } | undefined;
let accounts: Promise<{ editor: StaffAccount; reviewer: StaffAccount }> | undefined;

/** The editor's and the reviewer's accounts, made on first use (the app starts in the harness's own hook). */
function staff(): Promise<{ editor: StaffAccount; reviewer: StaffAccount }> {
  accounts ??= (async () => {
    // Roles other than admin are given by an admin, so one must exist first.
    await createStaff(h.services, { email: 'editorial-admin@clinic.example.org', name: 'Ada Admin' });
    const editor = await createStaff(h.services, { email: 'edna@clinic.example.org', name: 'Edna Editor', roles: ['editor'] });
    const reviewer = await createStaff(h.services, { email: 'bilal@clinic.example.org', name: 'Bilal Reviewer', roles: ['reviewer'] });
    // As an admin would on the Users page: the reviewer's account signs off as the demo profile bilal-hussain.
    const profile = await h.services.people.bySlug('bilal-hussain');
    assert.ok(profile, 'the demo content has the reviewer profile bilal-hussain');
    const linked = await h.services.staff.updateUser(setupActor, reviewer.id, { name: reviewer.name, roles: ['reviewer'], status: 'active', personId: profile.id });
    assert.ok(linked.ok, 'the reviewer account is linked to its public profile');
    return { editor, reviewer };
  })();
  return accounts;
}

/** A page of the given size with the editor or the reviewer signed in. */
async function signedIn(who: 'editor' | 'reviewer', viewport: Viewport, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await h.page(viewport, options);
  await signIn(page, (await staff())[who]);
  return page;
}

const text = async (page: Page, selector = 'main'): Promise<string> => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** The rule ids of the findings the Checks panel shows now. */
const rules = async (page: Page): Promise<string[]> => (await page.locator('#findings-output .finding code').allTextContents()).map((s) => s.trim());

/** The article's workflow status as the editor's summary line shows it. */
const statusShown = (page: Page): Promise<string> => text(page, '.workflow-line .badge');

/** Nothing on the page is wider than the screen (wide tables scroll inside their own box). */
async function assertNoSideScroll(page: Page, label: string): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
  assert.ok(scroll <= width, `${label}: the page scrolls sideways (${scroll} > ${width})`);
}

/**
 * Watches the editor's requests: navigations of the page (a button pressed), the live preview's
 * POSTs, and the script's requests still on their way. Before a button is pressed the test lets them
 * land: a save sent while an autosave is in flight is refused as stale (the app's rule, not what this
 * test is about).
 */
function watch(page: Page): { navigations: () => number; previews: () => number; settled: () => Promise<void>; problems: string[] } {
  let navigations = 0;
  let previews = 0;
  let inFlight = 0;
  const problems: string[] = [];
  const byScript = (url: string) => {
    const path = new URL(url).pathname;
    return path === '/admin/articles/preview' || path.endsWith('/autosave');
  };
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/admin/articles/preview') previews += 1;
    if (byScript(r.url())) inFlight += 1;
  });
  const done = (r: { url(): string }) => {
    if (byScript(r.url())) inFlight -= 1;
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return {
    navigations: () => navigations,
    previews: () => previews,
    async settled() {
      // The script asks for the checks 700 ms after the last keystroke; then its answer must land.
      await page.waitForTimeout(800);
      while (inFlight > 0) await page.waitForTimeout(50);
    },
    problems,
  };
}

/** Waits until the Checks panel shows a finding whose rule starts with `prefix` (or, with gone, none). */
async function waitForRule(page: Page, prefix: string, gone = false): Promise<void> {
  const finding = page.locator('#findings-output .finding', { has: page.locator('code', { hasText: new RegExp(`^${prefix}`) }) }).first();
  await finding.waitFor({ state: gone ? 'detached' : 'visible', timeout: 10_000 });
}

test('an editor writes an article, sees a flagged claim live in the Checks panel, fixes it and sends it for review (desktop)', async () => {
  const page = await signedIn('editor', 'desktop');
  const seen = watch(page);
  await submit(page, page.locator('nav.admin-nav').getByRole('link', { name: 'Articles' }));
  assert.equal(pathOf(page), '/admin/articles');
  await submit(page, page.getByRole('link', { name: 'New article' }));
  assert.equal(pathOf(page), '/admin/articles/new');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Address (slug)').fill(slug);
  await page.getByLabel('Language').selectOption('en');
  await submit(page, page.getByRole('button', { name: 'Create and open the editor' }));
  assert.equal(pathOf(page), editorPath);
  assert.match(await text(page, '.banner-ok'), /The article is created as a draft\./);
  assert.equal(await statusShown(page), 'Draft');
  assert.ok(await page.getByRole('toolbar', { name: 'Formatting' }).isVisible(), 'the script showed the toolbar');
  assert.ok(!(await rules(page)).some((r) => r.startsWith('claims/')), 'no claim finding before anything is typed');

  // ---- The claim, typed: the finding appears without a button being pressed. ----
  const navigationsBefore = seen.navigations();
  const body = page.getByLabel('Text (Markdown)');
  await body.click();
  await page.keyboard.type(claim);
  await waitForRule(page, 'claims/');
  assert.equal(seen.navigations(), navigationsBefore, 'the finding came without the page being sent');
  assert.ok(seen.previews() > 0, 'the script asked for the checks (POST /admin/articles/preview)');
  const claimFinding = page.locator('#findings-output .finding', { has: page.locator('code', { hasText: /^claims\// }) }).first();
  assert.match(await text(page, '#findings-output'), /\d+ error\(s\)/);
  assert.match(await claimFinding.innerText(), /cures?/i, 'the finding names the words');
  assert.match(await claimFinding.locator('p').first().innerText(), /Error/, 'a claim of a cure is an error');
  assert.match(await text(page, '#preview-output .prose'), /This treatment cures ALS\./, 'the preview shows the typed text');
  assert.equal(await page.locator('#preview-output .preview-title').innerText(), title, 'the preview is the article as readers would see it');
  await screenshot(page, 'editor-findings-desktop-flow');

  // ---- Rewritten with cautious wording and a reference: the claim finding goes away. ----
  await body.press('ControlOrMeta+a');
  await page.keyboard.type(careful);
  await page.getByLabel('References').fill(reference);
  await waitForRule(page, 'claims/', true);
  await page.locator('#preview-output .prose', { hasText: 'There is no cure for ALS' }).waitFor({ timeout: 10_000 });
  assert.doesNotMatch(await text(page, '#preview-output'), /cures ALS/);
  assert.equal(seen.navigations(), navigationsBefore, 'still no button pressed');

  await page.getByLabel('Summary').fill(summary);
  await page.getByLabel('Author').selectOption({ label: 'Dr. Amina Rahman' });
  await page.getByRole('checkbox', { name: 'Amyotrophic lateral sclerosis' }).first().check();
  // The last refresh has landed: the preview shows the summary, and no claim finding came back.
  await seen.settled();
  await page.locator('#preview-output .summary', { hasText: summary }).waitFor({ timeout: 10_000 });
  const left = await rules(page);
  assert.ok(!left.some((r) => r.startsWith('claims/')), `claims findings left: ${left.join(', ')}`);

  await submit(page, page.getByRole('button', { name: 'Send for medical review' }));
  assert.equal(pathOf(page), editorPath);
  assert.equal(new URL(page.url()).searchParams.get('m'), 'submitted');
  assert.match(await text(page, '.banner-ok'), /Sent for medical review/);
  assert.equal(await statusShown(page), 'In review');
  assert.equal(await page.locator('#f-body').inputValue(), careful, 'the careful text was stored');
  assert.equal(await page.getByRole('button', { name: 'Send for medical review' }).count(), 0, 'sent once');
  assert.deepEqual(seen.problems.filter((p) => /Content Security Policy|Refused/i.test(p)), [], 'the editor’s script works under the app’s CSP');

  const reader = await h.page('desktop');
  const offline = await reader.goto(publicPath);
  assert.equal(offline?.status(), 404, 'nothing is online before a reviewer approves');
  await reader.context().close();
  await page.context().close();
});

test('the reviewer finds it among the articles in review, approves it and publishes it; readers see the review dates (desktop)', async () => {
  const page = await signedIn('reviewer', 'desktop');
  await submit(page, page.locator('nav.admin-nav').getByRole('link', { name: 'Articles' }));
  await page.locator('form.filters').getByLabel('Status').selectOption({ label: 'In review' });
  await submit(page, page.locator('form.filters').getByRole('button', { name: 'Apply' }));
  assert.equal(new URL(page.url()).searchParams.get('status'), 'in_review');
  const rows = page.locator('table.articles tbody tr');
  assert.ok((await rows.count()) >= 1);
  for (const badge of await rows.locator('.badge').allTextContents()) assert.match(badge.trim(), /^In review/, 'the list shows only articles in review');
  const row = rows.filter({ hasText: title });
  assert.equal(await row.count(), 1, 'the new article is in the review list');
  assert.match(await text(page, `table.articles tbody tr:has-text("${title}")`), /English In review/);

  await submit(page, row.getByRole('link', { name: title }));
  assert.equal(pathOf(page), editorPath);
  assert.ok(await page.getByLabel('Text (Markdown)').isDisabled(), 'a reviewer reads the text but does not edit it');
  assert.ok(!(await rules(page)).some((r) => r.startsWith('claims/')), 'the reviewer sees no claim finding');
  const review = page.locator('section.review-panel');
  const nextReviewAt = await review.getByLabel('Next review due').inputValue();
  assert.match(nextReviewAt, /^\d{4}-\d{2}-\d{2}$/, 'a next review date is offered');
  const today = h.services.editorial.today();
  assert.ok(nextReviewAt > today, 'the next review is in the future');
  await review.getByLabel('Publish now').check();
  await submit(page, review.getByRole('button', { name: 'Approve' }));
  assert.equal(pathOf(page), editorPath);
  assert.equal(new URL(page.url()).searchParams.get('m'), 'published');
  assert.match(await text(page, '.banner-ok'), /Published\./);
  assert.equal(await statusShown(page), 'Published');
  approval = { reviewedAt: today, nextReviewAt };
  await page.context().close();

  // ---- A reader, not signed in. ----
  const reader = await h.page('desktop');
  const response = await reader.goto(publicPath);
  assert.equal(response?.status(), 200);
  assert.equal((await reader.locator('main h1').first().innerText()).trim(), title);
  assert.match(await text(reader, 'main'), /There is no cure for ALS; this treatment may ease stiffness for some people/);
  const reviewed = reader.locator('.byline .reviewed');
  assert.match(await text(reader, '.byline .reviewed'), new RegExp(`^Medically reviewed by Dr\\. Bilal Hussain, MBBS, FCPS \\(Neurology\\).* on ${formatDate('en', today)}$`));
  assert.equal(await reviewed.getByRole('link', { name: 'Dr. Bilal Hussain' }).getAttribute('href'), '/people/bilal-hussain');
  assert.equal(await reviewed.locator('time').getAttribute('datetime'), today, 'reviewed today');
  const next = reader.locator('.byline p', { hasText: 'Next review due' });
  assert.equal(await next.locator('time').getAttribute('datetime'), nextReviewAt, 'the next review date the reviewer confirmed');
  assert.match(await text(reader, '.byline'), new RegExp(`Next review due ${formatDate('en', nextReviewAt)}`));
  await reader.context().close();
});

test('a later edit sends the article back to draft; readers keep the approved text (desktop)', async () => {
  assert.ok(approval, 'the reviewer approved the article');
  const page = await signedIn('editor', 'desktop');
  const seen = watch(page);
  await page.goto('/admin/articles');
  await submit(page, page.locator('table.articles').getByRole('link', { name: title }));
  assert.equal(await statusShown(page), 'Published');
  const body = page.getByLabel('Text (Markdown)');
  await body.press('ControlOrMeta+End');
  await page.keyboard.type(`\n\n${laterSentence}`);
  await seen.settled();
  await submit(page, page.getByRole('button', { name: 'Save', exact: true }));
  assert.equal(new URL(page.url()).searchParams.get('m'), 'saved');
  assert.equal(await statusShown(page), 'Draft', 'a change after approval is a draft again');
  assert.match(await text(page, '.workflow-line'), /online/, 'and the approved version is still online');
  assert.match(await page.locator('#f-body').inputValue(), new RegExp(laterSentence));
  assert.equal(await page.getByRole('button', { name: 'Send for medical review' }).count(), 1, 'it can be sent for review again');
  await page.context().close();

  const reader = await h.page('desktop');
  assert.equal((await reader.goto(publicPath))?.status(), 200);
  const main = await text(reader, 'main');
  assert.match(main, /There is no cure for ALS/, 'the approved text is online');
  assert.doesNotMatch(main, new RegExp(laterSentence), 'the unreviewed sentence is not');
  assert.equal(await reader.locator('.byline .reviewed time').getAttribute('datetime'), approval.reviewedAt, 'with its review date');
  await reader.context().close();
});

for (const size of sizes) {
  test(`axe finds nothing on the article list, the editor with findings and preview, the revisions and the compare page (${size.label})`, async () => {
    const page = await signedIn('editor', size.viewport, { ...size.options, bypassCSP: true });
    const label = (what: string) => `${what} (${size.label})`;

    await page.goto('/admin/articles');
    assert.ok(await page.locator('table.articles').getByRole('link', { name: title }).isVisible());
    await assertNoSideScroll(page, label('/admin/articles'));
    await assertNoAxeViolations(page, label('/admin/articles'));

    await page.goto(`${editorPath}/revisions`);
    assert.match(await text(page, 'main h1'), /Revisions of “Walking aids in ALS”/);
    assert.ok((await page.locator('table.data tbody tr').count()) >= 3, 'created, submitted, edited');
    await assertNoSideScroll(page, label('revisions'));
    await assertNoAxeViolations(page, label(`${editorPath}/revisions`));

    // From the first revision (the title only) to the newest: every word of the text is new.
    await page.getByLabel('From revision').selectOption('1');
    await submit(page, page.getByRole('button', { name: 'Compare' }));
    assert.equal(new URL(page.url()).searchParams.get('from'), '1');
    assert.equal(pathOf(page), `${editorPath}/compare`);
    assert.match(await text(page, 'main'), new RegExp(laterSentence), 'the diff shows the later edit');
    assert.ok((await page.locator('.diff ins').count()) >= 1, 'added text is marked');
    await assertNoSideScroll(page, label('compare'));
    await assertNoAxeViolations(page, label(`${editorPath}/compare`));

    // The editor with a claim typed (not saved): findings and preview both showing.
    await page.goto(editorPath);
    await page.getByLabel('Text (Markdown)').press('ControlOrMeta+End');
    await page.keyboard.type(`\n\n${claim}`);
    await waitForRule(page, 'claims/');
    await page.locator('#preview-output .prose', { hasText: claim }).waitFor({ timeout: 10_000 });
    await assertNoSideScroll(page, label('the editor with findings'));
    await assertNoAxeViolations(page, label(`${editorPath} with findings and preview`));
    const name = `editor-findings-${size.viewport === 'phone' ? 'phone-360' : 'desktop'}`;
    await screenshot(page, name);
    // The preview's blocks are drawn only near the screen (content-visibility in app.css), so a
    // full-page picture leaves them blank: the panel is also taken on its own, scrolled into view.
    await page.locator('.preview-panel').screenshot({ path: `${screensDir}${name}-preview.png` });
    // Closed before the 15-second autosave could keep the claim as a draft revision.
    await page.context().close();
  });
}

test('the toolbar: Bold wraps the selected words in ** (desktop)', async () => {
  const page = await signedIn('editor', 'desktop');
  await page.goto(editorPath);
  const body = page.getByLabel('Text (Markdown)');
  await body.fill('Walking aids help');
  // Selected as a person does with the keyboard: from the end, four characters back.
  await body.press('ControlOrMeta+End');
  for (let i = 0; i < 4; i++) await body.press('Shift+ArrowLeft');
  assert.equal(await body.evaluate((el) => (el instanceof HTMLTextAreaElement ? el.value.slice(el.selectionStart, el.selectionEnd) : '')), 'help');
  await page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Bold' }).click();
  assert.equal(await body.inputValue(), 'Walking aids **help**');
  await page.locator('#preview-output strong', { hasText: 'help' }).waitFor({ timeout: 10_000 });
  await page.context().close();
});
