import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { e2e, viewportNames } from './browser.ts';

const h = e2e();

for (const viewport of viewportNames) {
  describe(`without JavaScript on ${viewport}`, () => {
    test('the article is readable', async () => {
      const page = await h.page(viewport, { javaScriptEnabled: false });
      await page.goto('/articles/als-overview');
      assert.ok(await page.locator('h1').isVisible());
      assert.match(await page.locator('.byline').innerText(), /Medically reviewed by/);
      assert.ok((await page.locator('.prose').innerText()).length > 1000, 'the article body is there');
      assert.ok(await page.locator('.share a.share-whatsapp').isVisible(), 'plain share links work without script');
    });

    test('buttons that need the script stay hidden', async () => {
      const page = await h.page(viewport, { javaScriptEnabled: false });
      await page.goto('/articles/als-overview');
      assert.equal(await page.locator('button.share-copy').isVisible(), false, 'the copy-link button is hidden');
      assert.equal(await page.locator('button.share-native').isVisible(), false, 'the share-sheet button is hidden');
    });

    test('search works and highlights the query', async () => {
      const page = await h.page(viewport, { javaScriptEnabled: false });
      await page.goto('/search');
      await page.locator('#q').fill('diagnosis');
      await Promise.all([page.waitForURL('**/search?q=diagnosis'), page.locator('.search-form button[type=submit]').click()]);
      const marks = page.locator('.results mark');
      assert.ok((await marks.count()) > 0, 'the results highlight the query');
      assert.match(await marks.first().innerText(), /diagnos/i);
      assert.ok((await page.locator('.results a').count()) > 0);
    });
  });
}
