// The browser finder: which browser the tests use (shown in the output), the npm fallback, and the errors that
// say how to get a browser.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { launchChromium } from './browser.ts';
import { findBrowser, type FoundBrowser } from './find-browser.ts';

async function assertOpensAPage(t: TestContext, found: FoundBrowser): Promise<void> {
  const browser = await launchChromium(found);
  try {
    const page = await browser.newPage();
    await page.setContent('<p dir="rtl">ok</p>');
    assert.equal(await page.locator('p').textContent(), 'ok');
    t.diagnostic(`${found.source} browser: ${found.executablePath}, Chromium ${browser.version()}`);
  } finally {
    await browser.close();
  }
}

test('a browser is found and opens a page', async (t) => {
  await assertOpensAPage(t, await findBrowser());
});

// The fallback for a machine with no browser of its own is proven on every run, not only where it is needed.
const noBundled = process.platform !== 'linux' || process.arch !== 'x64' ? 'the npm Chromium ships for Linux x64 only' : false;
test('the npm Chromium (@sparticuz/chromium) unpacks and opens a page', { skip: noBundled }, async (t) => {
  await assertOpensAPage(t, await findBrowser({ env: { CARESITE_BROWSER: 'bundled' } }));
});

test('CHROME_PATH is used first, and one that does not exist is an error that says so', async () => {
  assert.equal((await findBrowser({ env: { CHROME_PATH: process.execPath } })).source, 'CHROME_PATH');
  await assert.rejects(findBrowser({ env: { CHROME_PATH: '/nowhere/chrome' } }), /CHROME_PATH is \/nowhere\/chrome, which does not exist/);
});

test('with no system browser, CARESITE_BROWSER=system fails saying how to get one', async () => {
  await assert.rejects(findBrowser({ env: { CARESITE_BROWSER: 'system' }, systemPaths: [] }), /npm install.*apt-get install -y chromium.*CHROME_PATH/);
});

test('an unknown CARESITE_BROWSER is an error, not a silent default', async () => {
  await assert.rejects(findBrowser({ env: { CARESITE_BROWSER: 'firefox' } }), /CARESITE_BROWSER is "firefox"/);
});
