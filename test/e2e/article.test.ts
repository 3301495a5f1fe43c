import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { e2e, inViewport, viewportNames } from './browser.ts';

const h = e2e();
const shareNetworks = ['facebook', 'x', 'linkedin', 'whatsapp', 'telegram', 'tumblr', 'email'];

for (const viewport of viewportNames) {
  describe(`article on ${viewport}`, () => {
    test('reads, navigates by the table of contents and loads nothing from other hosts', async () => {
      const page = await h.page(viewport);
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      await page.goto('/articles/als-overview', { waitUntil: 'networkidle' });

      const foreign = requested.filter((url) => new URL(url).hostname !== '127.0.0.1');
      assert.deepEqual(foreign, [], 'the page load requested other hosts');

      assert.ok(await page.locator('h1').isVisible());
      assert.match(await page.locator('h1').innerText(), /ALS/);
      assert.match(await page.locator('.byline').innerText(), /Medically reviewed by/);

      const tocLinks = page.locator('nav.toc a');
      assert.ok((await tocLinks.count()) >= 2, 'the table of contents has at least two entries');
      const second = tocLinks.nth(1);
      const href = await second.getAttribute('href');
      assert.ok(href && href.startsWith('#'), 'TOC links point into the page');
      await second.click();
      await page.waitForFunction((hash) => location.hash === hash, href);
      const target = `[id="${decodeURIComponent(href.slice(1))}"]`;
      await page.waitForFunction((sel) => {
        const r = document.querySelector(sel)?.getBoundingClientRect();
        return !!r && r.top >= 0 && r.top < innerHeight;
      }, target);
      assert.ok(await inViewport(page, target), `${target} is scrolled into view`);

      if (viewport === 'phone') {
        const { scrollWidth, width } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth }));
        assert.ok(scrollWidth <= width, `no horizontal scroll (scrollWidth ${scrollWidth} > innerWidth ${width})`);
      }
    });

    test('share links carry the article URL and the copy button copies it', async () => {
      const page = await h.page(viewport, { permissions: ['clipboard-read', 'clipboard-write'] });
      await page.goto('/articles/als-overview');
      const canonical = await page.locator('link[rel=canonical]').getAttribute('href');
      assert.ok(canonical && canonical.endsWith('/articles/als-overview'));
      const encoded = encodeURIComponent(canonical);

      for (const network of shareNetworks) {
        const href = await page.locator(`.share a.share-${network}`).getAttribute('href');
        assert.ok(href?.includes(encoded), `${network} link ${href} contains ${encoded}`);
      }

      const copy = page.locator('button.share-copy');
      await copy.waitFor({ state: 'visible' });
      const label = await copy.innerText();
      // The clipboard answers only a focused document; with tests running side by side, focus may be elsewhere.
      // Two browsers in parallel take focus from each other, so a press may land while this page has none: press again then.
      let copied = false;
      for (let attempt = 0; attempt < 4 && !copied; attempt += 1) {
        await page.bringToFront();
        await copy.click();
        copied = await page.waitForFunction((before) => document.querySelector('button.share-copy')?.textContent !== before, label, { timeout: 5000 }).then(() => true, () => false);
      }
      assert.ok(copied, 'the button says the link was copied');
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), canonical);
    });

    test('the share-sheet button shows only where the browser has a share sheet', async () => {
      const page = await h.page(viewport);
      await page.goto('/articles/als-overview');
      const hasShare = await page.evaluate(() => typeof navigator.share === 'function');
      assert.equal(await page.locator('button.share-native').isVisible(), hasShare);
    });
  });
}
