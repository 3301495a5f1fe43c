import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDocument } from './index.ts';
import type { CheckInput } from './types.ts';

function structure(text: string, extra: Partial<CheckInput> = {}): [string, number][] {
  return checkDocument({ text, lang: 'en', kind: 'page', ...extra })
    .filter((f) => f.rule.startsWith('structure/'))
    .map((f) => [f.rule, f.line]);
}

test('headings: no h1 in the body, no skipped level', () => {
  assert.deepEqual(structure('# Title again\n\n## Part\n\n#### Too deep\n\n### Fine\n\n## Next\n'), [
    ['structure/heading-h1', 1],
    ['structure/heading-order', 5],
  ]);
  assert.deepEqual(structure('### Starts too deep\n'), [['structure/heading-order', 1]]);
});

test('images need alt text; links need text and an address', () => {
  assert.deepEqual(structure('![](/static/a.jpg)\n\n![A nurse](/static/b.jpg)\n\n[](/articles/x)\n\n[Text]()\n\n[![A logo](/static/l.png)](/about)\n'), [
    ['structure/image-alt', 1],
    ['structure/empty-link', 5],
    ['structure/empty-link', 7],
  ]);
});

test('internal links: shape only without known paths, existence with them', () => {
  const text = 'See [one](/articles/als-overview), [two](als-overview.md), [three](/ur/conditions/als), [four](https://example.org) and [five](#top).\n';
  assert.deepEqual(structure(text), [['structure/link-shape', 1]]);
  const [shape] = checkDocument({ text, lang: 'en', kind: 'page' }).filter((f) => f.rule === 'structure/link-shape');
  assert.match(shape?.suggestion ?? '', /\/articles\/als-overview/);
  const knownPaths = new Set(['/articles/als-overview']);
  assert.deepEqual(structure('See [one](/articles/als-overview) and [two](/articles/missing).\n', { knownPaths }), [['structure/broken-link', 1]]);
});

test('front matter: a summary for anything with a title, references for an article', () => {
  assert.deepEqual(structure('---\ntitle: T\n---\nBody.\n', { kind: 'article' }), [
    ['structure/missing-summary', 1],
    ['structure/missing-references', 1],
  ]);
  assert.deepEqual(structure('---\ntitle: T\nsummary: S\n---\nBody.\n'), []);
  // A person's profile has a name, not a title and a summary.
  assert.deepEqual(structure('---\nname: Dr. X\n---\nBody.\n'), []);
  // The body alone (no front matter) cannot be judged on its fields.
  assert.deepEqual(structure('Body.\n', { kind: 'article' }), []);
});

test('front matter that is not valid YAML is an error at the line of the mistake', () => {
  assert.deepEqual(structure('---\ntitle: T\nsummary: [unclosed\n---\nBody.\n'), [['structure/front-matter', 3]]);
});
