import assert from 'node:assert/strict';
import { test } from 'node:test';
import { e2e } from './browser.ts';

const h = e2e();

test('the Urdu article is right-to-left and switches to English', async () => {
  const page = await h.page('phone');
  await page.goto('/ur/articles/als-overview');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ur');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');

  const items = page.locator('.main-nav li');
  const first = await items.nth(0).boundingBox();
  const second = await items.nth(1).boundingBox();
  assert.ok(first && second, 'the main nav items are laid out');
  assert.ok(first.x > second.x, `RTL: the first nav item (x=${first.x}) is right of the second (x=${second.x})`);

  const toEnglish = page.locator('a.lang-switch');
  assert.equal(await toEnglish.getAttribute('href'), '/articles/als-overview');
  await Promise.all([page.waitForURL('**/articles/als-overview'), toEnglish.click()]);
  assert.equal(new URL(page.url()).pathname, '/articles/als-overview');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
});

test('the English article links back to Urdu', async () => {
  const page = await h.page('desktop');
  await page.goto('/articles/als-overview');
  const toUrdu = page.locator('a.lang-switch');
  assert.equal(await toUrdu.getAttribute('href'), '/ur/articles/als-overview');
  assert.equal(await toUrdu.getAttribute('hreflang'), 'ur');
});

test('an article with no Urdu version shows the switcher as text, not a link', async () => {
  const page = await h.page('desktop');
  await page.goto('/articles/als-treatment-options');
  assert.equal(await page.locator('a.lang-switch').count(), 0);
  assert.ok(await page.locator('.lang-switch').isVisible(), 'the switcher text is shown');
  assert.equal(await page.locator('.lang-switch').evaluate((el) => el.tagName), 'SPAN');
});
