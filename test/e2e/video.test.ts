import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureContent } from '../helper.ts';
import { e2e, viewportNames } from './browser.ts';

// e2e() routes every request and aborts anything not bound for 127.0.0.1, so the embed never leaves the machine.
const h = e2e(fixtureContent);
const videoHost = /(^|\.)(youtube\.com|youtube-nocookie\.com|ytimg\.com|googlevideo\.com|vimeo\.com|vimeocdn\.com)$/;

for (const viewport of viewportNames) {
  test(`video facade loads the player only on click (${viewport})`, async () => {
    const page = await h.page(viewport);
    const videoRequests: string[] = [];
    page.on('request', (request) => {
      if (videoHost.test(new URL(request.url()).hostname)) videoRequests.push(request.url());
    });
    await page.goto('/articles/full-article', { waitUntil: 'networkidle' });
    assert.deepEqual(videoRequests, [], 'nothing is requested from a video host before the reader presses play');

    const facade = page.locator('a.video-facade');
    assert.ok(await facade.isVisible(), 'the facade link is visible');
    await facade.click();

    const frame = page.locator('figure.video iframe');
    await frame.waitFor({ state: 'attached' });
    const src = await frame.getAttribute('src');
    assert.equal(new URL(src ?? '').hostname, 'www.youtube-nocookie.com');
    assert.equal(page.url(), `${h.baseUrl}/articles/full-article`, 'the page stays where it is');
  });
}
