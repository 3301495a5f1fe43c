// axe-core in the page: inject, run the WCAG 2.x A/AA rules, and report violations readably.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** The page's context must bypass CSP: the app's script-src 'self' would block the injected script. */
export async function axeViolations(page: Page): Promise<AxeResults['violations']> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations;
  }, wcagTags);
}

export function describeViolations(violations: AxeResults['violations']): string {
  return violations
    .map((v) => `  ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`).join('\n')}`)
    .join('\n');
}

export async function assertNoAxeViolations(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length) console.log(`axe violations on ${label}:\n${describeViolations(violations)}`);
  assert.deepEqual(violations.map((v) => v.id), [], `axe found violations on ${label}:\n${describeViolations(violations)}`);
}

declare global {
  interface Window {
    axe: typeof import('axe-core');
  }
}
