import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { e2e, viewportNames } from './browser.ts';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

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

async function axe(page: Page): Promise<AxeResults['violations']> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations;
  }, wcagTags);
}

function describeViolations(violations: AxeResults['violations']): string {
  return violations
    .map((v) => `  ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`)
    .join('\n');
}

for (const viewport of viewportNames) {
  describe(`axe on ${viewport}`, () => {
    let page: Page;
    for (const path of paths) {
      test(path, async () => {
        // The app's CSP (script-src 'self') would block the injected axe script; only this test context bypasses it.
        page ??= await h.page(viewport, { bypassCSP: true });
        const response = await page.goto(path);
        assert.equal(response?.status(), path === '/no-such-page' ? 404 : 200);
        const violations = await axe(page);
        if (violations.length) console.log(`axe violations on ${path} (${viewport}):\n${describeViolations(violations)}`);
        assert.deepEqual(violations.map((v) => v.id), [], `axe found violations on ${path} (${viewport}):\n${describeViolations(violations)}`);
      });
    }
  });
}

declare global {
  interface Window {
    axe: typeof import('axe-core');
  }
}
