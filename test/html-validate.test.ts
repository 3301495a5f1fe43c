import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { build } from './helper.ts';
import { allPublicPages } from './pages.ts';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // ghtml escapes "=" in attribute values as &#61;, which is valid HTML.
    'no-redundant-character-reference': 'off',
    // Long text lines come from Markdown paragraphs; the rule is about source style.
    'long-title': 'off',
    // Urdu heading anchors contain combining marks; HTML5 allows any id without spaces.
    'valid-id': ['error', { relaxed: true }],
  },
});

test('every public page is valid HTML (html-validate, recommended rules)', async (t) => {
  const { fastify } = await build(t);
  const urls = await allPublicPages(fastify);
  assert.ok(urls.length > 20, `found ${urls.length} pages`);
  const failures: string[] = [];
  for (const url of urls) {
    const res = await fastify.inject(url);
    assert.match(String(res.headers['content-type']), /^text\/html/, url);
    const report = await validator.validateString(res.body);
    for (const result of report.results) {
      for (const m of result.messages) failures.push(`${url}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
  }
  assert.deepEqual(failures, []);
});
