// The proof-of-work widget in a real browser, under the site's Content-Security-Policy: it loads from
// the app (by the page, or by the site's own script when the patient starts on the form), solves the
// server's challenge, the form arrives with a payload the server accepts, and the browser reports no
// CSP violation on the way.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { contentSecurityPolicy } from '#src/http/content-security-policy.ts';
import { after, before, test } from 'node:test';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { CHALLENGE_PATH, challengeRoute } from '#src/features/consultation/challenge-route.ts';
import { applySecurityHeaders, securityHeaders } from '#src/http/security-headers.ts';
import { registerWidgetAsset } from '#src/http/widget-asset.ts';
import { ProofOfWork, type Verdict } from '#src/platform/proof-of-work.ts';
import { proofOfWorkField, widgetStrings } from '#src/web/proof-of-work-field.ts';
import type { Lang } from '#src/db/types.ts';
import { testDb } from '../helper.ts';
import { isLocal, launchChromium, viewports } from './browser.ts';


const appScript = readFileSync(new URL('../../src/web/static/app.js', import.meta.url), 'utf8');
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
let app: FastifyInstance | undefined;
let baseUrl = '';
const verdicts: Verdict[] = [];
const cleanups: Array<() => unknown> = [];

/**
 * The form. `script` says how the widget's script comes: loaded by the page itself, as a module or
 * with <script defer> (a classic script, which it also supports), or fetched by the site's public
 * script (app.js, served here as a file) the way public pages do it: when the patient starts on the
 * form. Those pages put the form a few screens down, as on the consultation page.
 */
function formPage(lang: Lang, scriptUrl: string, o: { script?: 'module' | 'classic' | 'app'; challengeUrl?: string } = {}): string {
  const script = o.script ?? 'module';
  const field = proofOfWorkField({ challengeUrl: o.challengeUrl ?? CHALLENGE_PATH, scriptUrl, lang });
  const load = { module: `<script type="module" src="${scriptUrl}"></script>`, classic: `<script defer src="${scriptUrl}"></script>`, app: '<script type="module" src="/app.js"></script>' }[script];
  return `<!doctype html>
<html lang="${lang}" dir="${lang === 'ur' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Consultation</title>${load}</head>
<body>
${script === 'app' ? '<p>About the clinic.</p>'.repeat(100) : ''}
<form method="post" action="/send">
<label for="name">Name</label> <input id="name" name="name" value="Amina">
${field}
<button type="submit">Send</button>
</form>
</body>
</html>`;
}

before(async () => {
  browser = await launchChromium();
  const db = await testDb({ after: (fn) => void cleanups.push(() => fn?.({} as never, () => {})) });
  const pow = new ProofOfWork({ db: db.kysely });
  // As src/app.ts builds them (minus HSTS, which a plain-HTTP test server does not send).
  const headers = securityHeaders({ contentSecurityPolicy, crossOriginEmbedderPolicy: false, referrerPolicy: { policy: 'strict-origin-when-cross-origin' } });
  app = Fastify();
  applySecurityHeaders(app, headers);
  await app.register(formbody);
  const widget = await registerWidgetAsset(app, headers);
  challengeRoute(app, pow);
  for (const lang of ['en', 'ur'] as const) {
    app.get(`/${lang}/form`, (_request, reply) => reply.type('text/html; charset=utf-8').send(formPage(lang, widget.url)));
  }
  // A challenge route that fails, as it would with the database down: the widget cannot work.
  app.get('/broken-challenge', (_request, reply) => reply.code(503).send({ error: 'unavailable' }));
  app.get('/en/form-broken', (_request, reply) => reply.type('text/html; charset=utf-8').send(formPage('en', widget.url, { challengeUrl: '/broken-challenge' })));
  app.get('/en/form-classic', (_request, reply) => reply.type('text/html; charset=utf-8').send(formPage('en', widget.url, { script: 'classic' })));
  // As public pages load it: by the site's script, when the patient starts on the form.
  app.get('/app.js', (_request, reply) => reply.type('text/javascript; charset=utf-8').send(appScript));
  app.get('/en/form-lazy', (_request, reply) => reply.type('text/html; charset=utf-8').send(formPage('en', widget.url, { script: 'app' })));
  app.post<{ Body: { altcha?: string } }>('/send', async (request, reply) => {
    const verdict = await pow.verify(request.body.altcha);
    verdicts.push(verdict);
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="en"><title>Sent</title><p id="verdict">${verdict}</p></html>`);
  });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
});

after(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await app?.close();
  for (const fn of cleanups.reverse()) await fn();
});

/** A phone-sized page that records every CSP violation and console error, and reaches nothing off the machine. */
async function openPage(options: BrowserContextOptions = {}): Promise<{ page: Page; problems: string[] }> {
  assert.ok(browser, 'the browser did not start');
  const context = await browser.newContext({ ...viewports.phone, ...options, baseURL: baseUrl });
  contexts.push(context);
  await context.route('**/*', (route) => (isLocal(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /content security policy/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.exposeFunction('reportViolation', (text: string) => problems.push(`CSP: ${text}`));
  // Added by the test harness (outside the page's CSP): listens for the browser's own violation events.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      void (window as unknown as { reportViolation: (t: string) => Promise<void> }).reportViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  return { page, problems };
}

const payloadField = (page: Page) => page.locator('altcha-widget input[type=hidden][name=altcha]');

/** Ticks the widget's box as a person does: by its label (the box itself is drawn over by an icon). */
async function tick(page: Page, label: string): Promise<void> {
  const id = await page.getByLabel(label).getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
}

test('ticking the box solves the challenge; the form arrives with a payload the server accepts', async () => {
  const { page, problems } = await openPage();
  verdicts.length = 0;
  await page.goto('/en/form');
  await page.getByLabel(widgetStrings.en.label).waitFor();
  // How long the widget spends from the tick to "verified", timed in the page by its own events.
  const timing = page.locator('altcha-widget').evaluate(
    (widget) =>
      new Promise<number>((resolve) => {
        let start = 0;
        widget.addEventListener('statechange', (e) => {
          const state = (e as CustomEvent<{ state: string }>).detail.state;
          if (state === 'verifying') start = performance.now();
          if (state === 'verified') resolve(Math.round(performance.now() - start));
        });
      }),
  );
  await tick(page, widgetStrings.en.label);
  await page.getByText(widgetStrings.en.verified).waitFor();
  const took = await timing;
  assert.match(await payloadField(page).inputValue(), /^[A-Za-z0-9+/=]{100,}$/, 'the widget filled in its field');

  await Promise.all([page.waitForURL('**/send'), page.getByRole('button', { name: 'Send' }).click()]);
  assert.equal(await page.locator('#verdict').innerText(), 'ok');
  assert.deepEqual(verdicts, ['ok']);
  assert.deepEqual(problems, []);
  // Fetching the challenge, starting the workers, solving; at least the widget's minimum of 500 ms.
  console.log(`# widget: verifying to verified in ${took} ms`);
});

test('pressing Send without ticking solves first, then sends', async () => {
  const { page, problems } = await openPage();
  verdicts.length = 0;
  await page.goto('/en/form');
  await page.getByLabel(widgetStrings.en.label).waitFor();
  await Promise.all([page.waitForURL('**/send'), page.getByRole('button', { name: 'Send' }).click()]);
  assert.equal(await page.locator('#verdict').innerText(), 'ok');
  assert.deepEqual(verdicts, ['ok']);
  assert.deepEqual(problems, []);
});

test('loaded as a classic script (<script defer>) the widget works the same', async () => {
  const { page, problems } = await openPage();
  verdicts.length = 0;
  await page.goto('/en/form-classic');
  assert.equal(await page.locator('script[defer]').count(), 1);
  await tick(page, widgetStrings.en.label);
  await page.getByText(widgetStrings.en.verified).waitFor();
  await Promise.all([page.waitForURL('**/send'), page.getByRole('button', { name: 'Send' }).click()]);
  assert.deepEqual(verdicts, ['ok']);
  assert.deepEqual(problems, []);
});

test('on an Urdu page the widget speaks Urdu, right to left', async () => {
  const { page, problems } = await openPage();
  await page.goto('/ur/form');
  await page.getByLabel(widgetStrings.ur.label).waitFor();
  assert.equal(await page.locator('altcha-widget .altcha').getAttribute('dir'), 'rtl');
  await tick(page, widgetStrings.ur.label);
  await page.getByText(widgetStrings.ur.verified).waitFor();
  assert.deepEqual(problems, []);
});

test('the widget is styled by the served stylesheet and solves in workers from the served file', async () => {
  const { page, problems } = await openPage();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname || request.url()));
  page.on('worker', (worker) => requested.push(`worker ${new URL(worker.url()).pathname}`));
  await page.goto('/en/form');
  await tick(page, widgetStrings.en.label);
  await page.getByText(widgetStrings.en.verified).waitFor();
  assert.ok(requested.some((r) => /^\/static\/altcha\.[\w-]{8}\.css$/.test(r)), requested.join(' '));
  assert.ok(requested.some((r) => /^worker \/static\/altcha-pbkdf2\.[\w-]{8}\.js$/.test(r)), requested.join(' '));
  assert.ok(!requested.some((r) => r.startsWith('blob:') || r.startsWith('worker blob:')), 'no blob: worker');
  // A rule of altcha.css applies (the widget's box has its border), so the stylesheet is in force.
  const border = await page.locator('altcha-widget .altcha-main').evaluate((el) => getComputedStyle(el).borderTopStyle);
  assert.equal(border, 'solid');
  assert.equal(await page.locator('style').count(), 0, 'no <style> element was added');
  assert.deepEqual(problems, []);
});

test('without JavaScript the form is still sent, without a proof of work', async () => {
  const { page, problems } = await openPage({ javaScriptEnabled: false });
  verdicts.length = 0;
  await page.goto('/en/form');
  await Promise.all([page.waitForURL('**/send'), page.getByRole('button', { name: 'Send' }).click()]);
  assert.deepEqual(verdicts, ['missing']);
  assert.deepEqual(problems, []);
});

test('when the widget fails, the form is sent without it on the same press of Send', async () => {
  const { page } = await openPage();
  verdicts.length = 0;
  await page.goto('/en/form-broken');
  await page.getByLabel(widgetStrings.en.label).waitFor();
  await Promise.all([page.waitForURL('**/send'), page.getByRole('button', { name: 'Send' }).click()]);
  assert.deepEqual(verdicts, ['missing']);
});

test('when the widget fails after a tick, it goes away and Send works', async () => {
  const { page } = await openPage();
  verdicts.length = 0;
  await page.goto('/en/form-broken');
  await tick(page, widgetStrings.en.label);
  await page.locator('altcha-widget').waitFor({ state: 'detached' });
  await Promise.all([page.waitForURL('**/send'), page.getByRole('button', { name: 'Send' }).click()]);
  assert.deepEqual(verdicts, ['missing']);
});

/** The widget's script, as requested by the page (its path). */
const widgetScriptRequested = (requested: string[]) => requested.some((r) => /^\/static\/altcha\.[\w-]{8}\.js$/.test(r));

test('loaded by the site\'s script: not with the page, but when the patient starts on the form; then it works as before', async () => {
  const { page, problems } = await openPage();
  verdicts.length = 0;
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto('/en/form-lazy');
  await page.waitForTimeout(500);
  assert.ok(!widgetScriptRequested(requested), `nothing of the widget is fetched with the page: ${requested.join(' ')}`);
  assert.equal(await page.evaluate(() => customElements.get('altcha-widget') === undefined), true);

  await page.locator('#name').fill('Amina Khan');
  await page.getByLabel(widgetStrings.en.label).waitFor();
  assert.ok(widgetScriptRequested(requested));
  await Promise.all([page.waitForURL('**/send'), page.getByRole('button', { name: 'Send' }).click()]);
  assert.deepEqual(verdicts, ['ok'], 'the widget solved the challenge before the form went');
  assert.deepEqual(problems, []);
});

test('loaded by the site\'s script: scrolling to the form fetches it too', async () => {
  const { page, problems } = await openPage();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto('/en/form-lazy');
  await page.waitForTimeout(300);
  assert.ok(!widgetScriptRequested(requested));
  await page.locator('altcha-widget').scrollIntoViewIfNeeded();
  await page.getByLabel(widgetStrings.en.label).waitFor();
  assert.deepEqual(problems, []);
});

test('loaded by the site\'s script: a press of Send before the script has come waits for it, and the form goes with a proof', async () => {
  const { page, problems } = await openPage();
  verdicts.length = 0;
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  // A slow network: the script takes a second to come.
  await page.route(/\/static\/altcha\.[\w-]{8}\.js$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
  await page.goto('/en/form-lazy');
  await page.waitForTimeout(300);
  assert.ok(!widgetScriptRequested(requested));
  // The first thing the patient does is press Send (the name was filled in by the browser).
  await Promise.all([page.waitForURL('**/send'), page.getByRole('button', { name: 'Send' }).click()]);
  assert.deepEqual(verdicts, ['ok']);
  assert.deepEqual(problems, []);
});

test('loaded by the site\'s script: when the script cannot be fetched, Send still sends the form, without a proof', async () => {
  const { page } = await openPage();
  verdicts.length = 0;
  await page.route(/\/static\/altcha\.[\w-]{8}\.js$/, (route) => route.abort('connectionfailed'));
  await page.goto('/en/form-lazy');
  await Promise.all([page.waitForURL('**/send'), page.getByRole('button', { name: 'Send' }).click()]);
  assert.deepEqual(verdicts, ['missing']);
});
