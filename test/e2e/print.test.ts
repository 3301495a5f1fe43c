import assert from 'node:assert/strict';
import { test } from 'node:test';
import { e2e } from './browser.ts';

const h = e2e();

test('an article prints as a leaflet: no navigation or share bar, links as URLs, review dates and references kept', async () => {
  const page = await h.page('desktop');
  await page.goto('/articles/als-overview');
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.site-header', '.site-footer', '.share', '.toc', '.cta', '.crumbs']) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
  }
  assert.ok(await page.locator('.byline').isVisible(), 'review dates are printed');
  assert.ok(await page.locator('.references').isVisible(), 'references are printed');
  assert.ok(await page.locator('.disclaimer').isVisible());
  const after = await page
    .locator('.references a[href^="http"]')
    .first()
    .evaluate((a) => getComputedStyle(a, '::after').content);
  assert.match(after, /attr\(href\)|http/, 'external links show their address');
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10_000, 'a PDF is produced');
});
