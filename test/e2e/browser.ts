// Shared set-up for the browser tests: one Chromium and one app per test file, a new context per page.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { Db } from '#src/db/connection.ts';
import type { Services } from '#src/services.ts';
import { build, demoContent } from '../helper.ts';
import { chromeFlags, findBrowser, type FoundBrowser } from './find-browser.ts';

export const viewports = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 900 } },
} satisfies Record<string, BrowserContextOptions>;
export type Viewport = keyof typeof viewports;
export const viewportNames = Object.keys(viewports) as Viewport[];

/** Launches the browser that find-browser.ts finds; fails (never skips) when there is none, saying how to get one. */
export async function launchChromium(found?: FoundBrowser): Promise<Browser> {
  const { executablePath, env } = found ?? (await findBrowser());
  return chromium.launch({ executablePath, env: { ...process.env, ...env }, args: chromeFlags });
}

export const isLocal = (url: string): boolean => {
  const { protocol, hostname } = new URL(url);
  return protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1';
};

export interface Harness {
  /** http://127.0.0.1:<port> of the running app. */
  readonly baseUrl: string;
  /** A new page in a fresh context of the given size; requests that would leave the machine are aborted. */
  page(viewport: Viewport, options?: BrowserContextOptions): Promise<Page>;
  /** The running app's services, for setting up accounts and settings. */
  readonly services: Services;
  /** The running app's database, for checking what a page stored. */
  readonly db: Db;
}

/** Registers before/after hooks that start the app (on the given content) and Chromium for this file. */
export function e2e(content: string = demoContent): Harness {
  const cleanups: Array<() => unknown> = [];
  let browser: Browser | undefined;
  let baseUrl = '';
  let services: Services | undefined;
  let db: Db | undefined;

  before(async () => {
    browser = await launchChromium();
    const app = await build({ after: (fn) => void cleanups.push(() => fn?.({} as never, () => {})) }, content);
    services = app.services;
    db = app.db;
    baseUrl = await app.fastify.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await browser?.close();
    for (const fn of cleanups.reverse()) await fn();
  });

  return {
    get baseUrl() {
      return baseUrl;
    },
    get services() {
      assert.ok(services, 'the app did not start');
      return services;
    },
    get db() {
      assert.ok(db, 'the app did not start');
      return db;
    },
    async page(viewport, options = {}) {
      assert.ok(browser, 'the browser did not start');
      const context: BrowserContext = await browser.newContext({ ...viewports[viewport], ...options, baseURL: baseUrl });
      await context.route('**/*', (route) => (isLocal(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
      return context.newPage();
    },
  };
}

/** Whether the element's top edge is inside the viewport. */
export async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight && r.bottom > 0;
  });
}
