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
    // A group of checkboxes sharing one name is how HTML sends a list (roles, languages).
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
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

test('every dashboard page is valid HTML, signed out and signed in as an admin', async (t) => {
  const { get, makeUser, signIn, staffApp } = await import('./staff.ts');
  const app = await staffApp(t);
  const admin = await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const urls = app.staffRoutes.filter((r) => r.method === 'GET' && r.access !== 'second-factor').map((r) => r.url.replace(':id', String(admin.id)));
  const failures: string[] = [];
  const check = async (url: string, jar: Map<string, string>) => {
    const res = await get(app, url, jar);
    if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('text/html')) return;
    const report = await validator.validateString(res.body);
    for (const result of report.results) for (const m of result.messages) failures.push(`${url}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
  };
  for (const url of ['/admin/sign-in', '/ur/admin/sign-in', '/admin/password/forgot', '/admin/password/set?token=bad']) await check(url, new Map());
  let checked = 0;
  for (const url of urls) {
    await check(url, cookies);
    checked += 1;
  }
  assert.ok(checked >= 16, `checked ${checked} pages`);
  assert.deepEqual(failures, []);
});
