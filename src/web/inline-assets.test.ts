import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { iconDataUrl, inlineHashes, minifyCss, minifyJs, publicScript, publicStyle } from './inline-assets.ts';
import { layout } from './layout.ts';
import type { ViewContext } from './context.ts';

test('the CSS shrinker drops comments and spaces but keeps strings, even with quotes in comments or /* in strings', () => {
  assert.equal(minifyCss('a /* say "hi" */ {\n  color : red ;\n}\n'), 'a{color :red}');
  assert.equal(minifyCss('a::after { content: " ( /* " attr(href) ")"; }'), 'a::after{content:" ( /* " attr(href) ")"}');
  assert.equal(minifyCss('.x :is(h2, h3) > p { margin: 0 0 1em }'), '.x :is(h2,h3)>p{margin:0 0 1em}', 'a space before a colon (descendant) is kept');
  assert.equal(minifyCss(':dir(rtl) li::after { content: "‹"; }'), ':dir(rtl) li::after{content:"‹"}');
});

test('the script shrinker drops comment lines and indentation, and keeps every line of code and each line break', () => {
  assert.equal(minifyJs('// why\nfor (const a of b) {\n  // note\n  f(a); // kept\n\n  g("// not a comment");\n}\n'), 'for (const a of b) {\nf(a); // kept\ng("// not a comment");\n}');
  assert.throws(() => minifyJs('const a = `\n// inside a string\n`;'), /template literal/);
});

test('the inlined script loses no code: it is the file less whole-line comments and indentation', () => {
  const file = readFileSync(new URL('./static/app.js', import.meta.url), 'utf8');
  const code = file.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('//'));
  assert.deepEqual(publicScript.split('\n'), code);
  assert.doesNotMatch(publicScript, /^\s*\/\//m);
});

test('the stylesheet loses no comment text into the page, and the hashes are of the exact inlined text', () => {
  assert.doesNotMatch(publicStyle, /\/\*|\*\//);
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  assert.equal(inlineHashes.style, hash(publicStyle));
  assert.equal(inlineHashes.script, hash(publicScript));
  assert.match(iconDataUrl, /^data:image\/svg\+xml,%3Csvg/);
});

test('a page carries the style, script and icon inline and asks for no other file', () => {
  const ctx = {
    lang: 'en',
    t: (key: string) => key,
    clinic: { name: 'Clinic', social: {} },
    baseUrl: 'https://clinic.example',
    assets: { css: '/static/app.css', js: '/static/app.js' },
  } as unknown as ViewContext;
  const page = layout(ctx, { title: 'T', description: 'D', path: '/x', alternates: [], jsonLd: [{ '@type': 'Thing' }] }, '<p>main</p>');
  assert.ok(page.includes(`<style>${publicStyle}</style>`));
  assert.ok(page.includes(`<script type="module">${publicScript}</script>`));
  assert.doesNotMatch(page, /<link rel="stylesheet"|<script[^>]+src=|href="\/favicon/);
  assert.ok(page.indexOf('<style>') < page.indexOf('<body>'), 'the style is in <head>');
  assert.ok(page.indexOf('application/ld+json') > page.indexOf('</main>'), 'structured data comes after the content');
});
