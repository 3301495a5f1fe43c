import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { renderDashboardPages, renderPublicPages, type RenderedPage } from './pages.ts';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // ghtml escapes "=" in attribute values as &#61;, which is valid HTML.
    'no-redundant-character-reference': 'off',
    // Long text lines come from Markdown paragraphs; the rule is about source style.
    'long-title': 'off',
    // Urdu heading anchors contain combining marks; HTML5 allows any id without spaces.
    'valid-id': ['error', { relaxed: true }],
    // A group of checkboxes sharing one name is how HTML sends a list (roles, languages).
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
  },
});

async function failuresIn(pages: RenderedPage[]): Promise<string[]> {
  const failures: string[] = [];
  for (const { url, html } of pages) {
    const report = await validator.validateString(html);
    for (const result of report.results) for (const m of result.messages) failures.push(`${url}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
  }
  return failures;
}

test('every public page is valid HTML (html-validate, recommended rules)', async (t) => {
  const pages = await renderPublicPages(t);
  assert.ok(pages.length > 20, `found ${pages.length} pages`);
  assert.deepEqual(await failuresIn(pages), []);
});

test('every dashboard page is valid HTML, signed out and signed in as an admin', async (t) => {
  const pages = await renderDashboardPages(t);
  assert.ok(pages.length >= 16, `checked ${pages.length} pages`);
  assert.deepEqual(await failuresIn(pages), []);
});
