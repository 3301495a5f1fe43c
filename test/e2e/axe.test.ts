import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertNoAxeViolations } from './axe.ts';
import { e2e, viewportNames } from './browser.ts';

const paths = [
  '/',
  '/articles',
  '/articles/als-overview',
  '/ur/articles/als-overview',
  '/conditions/als',
  '/treatments/stem-cell-therapy',
  '/search?q=als',
  '/people/amina-rahman',
  '/about',
  '/consultation',
  '/no-such-page',
];

const h = e2e();

for (const viewport of viewportNames) {
  describe(`axe on ${viewport}`, () => {
    let page: Page;
    for (const path of paths) {
      test(path, async () => {
        // The app's CSP (script-src 'self') would block the injected axe script; only this test context bypasses it.
        page ??= await h.page(viewport, { bypassCSP: true });
        const response = await page.goto(path);
        assert.equal(response?.status(), path === '/no-such-page' ? 404 : 200);
        await assertNoAxeViolations(page, `${path} (${viewport})`);
      });
    }
  });
}
