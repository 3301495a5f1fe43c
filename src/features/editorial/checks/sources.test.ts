import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDocument } from './index.ts';
import type { CheckInput, Finding } from './types.ts';

const front = (fields: string): string => `---\ntitle: T\nsummary: S\n${fields}---\n`;
const twoRefs = 'references:\n  - "First source."\n  - "Second source."\n';

function sources(text: string, extra: Partial<CheckInput> = {}): Finding[] {
  return checkDocument({ text, lang: 'en', kind: 'article', ...extra }).filter((f) => f.rule.startsWith('sources/'));
}

test('a marker beyond the references is an error at the marker', () => {
  const text = `${front(twoRefs)}About 1 in 10 people have a relative with ALS [1][2][7].\n`;
  const found = sources(text);
  assert.deepEqual(
    found.map((f) => [f.rule, f.severity, f.line, f.column, f.words]),
    [['sources/unresolved-marker', 'error', 8, 53, '[7]']],
  );
  assert.match(found[0]?.message ?? '', /lists 2/);
});

test('[0] and a marker in a document without references are errors too', () => {
  assert.equal(sources(`${front(twoRefs)}See [0] and [1] and [2].\n`).filter((f) => f.rule === 'sources/unresolved-marker').length, 1);
  assert.equal(sources(`${front('')}It helps [1].\n`).filter((f) => f.rule === 'sources/unresolved-marker').length, 1);
});

test('a page without a references field shows [n] as text: not an error, and not a citation', () => {
  const text = `${front('')}Sources are numbered like this [1]. Our method is clinically proven [1].\n`;
  const found = checkDocument({ text, lang: 'en', kind: 'page' });
  assert.equal(found.filter((f) => f.rule === 'sources/unresolved-marker').length, 0);
  assert.equal(found.filter((f) => f.rule === 'claims/clinically-proven').length, 1);
});

test('figures, effects and approvals need a citation in the same paragraph', () => {
  const text = `${front(twoRefs)}About 1 in 10 people have a relative with ALS.\n\nRiluzole helps people live a few months longer.\n\nIt is FDA approved.\n\nEdaravone is approved in some countries.\n\nThe first two are cited [1] [2].\n`;
  assert.deepEqual(
    sources(text).map((f) => [f.rule, f.severity, f.line]),
    [
      ['sources/uncited-number', 'warning', 8],
      ['sources/uncited-effect', 'warning', 10],
      ['sources/uncited-approval', 'error', 12],
      ['sources/uncited-approval', 'warning', 14],
    ],
  );
});

test('a citation anywhere in the paragraph, or in the line that introduces a list, covers it', () => {
  const text = `${front(twoRefs)}About 1 in 10 people have a relative with ALS. This is known [1].\n\nThese facts come from one review [2]:\n\n- 2 in 100,000 people are diagnosed each year\n- most are over 50\n`;
  assert.deepEqual(sources(text), []);
});

test('a denied effect, a dose and a question need no source', () => {
  const text = `${front(twoRefs)}It does not help people live longer. Take it twice a day. Ask whether it is approved where you live. Both sources [1] [2] are cited elsewhere.\n\nNone of this lowers the risk of death, as far as anyone knows.\n`;
  assert.deepEqual(sources(text).filter((f) => f.rule !== 'sources/unused-reference'), []);
});

test('topics have no references in the content format, so their figures are not asked to cite', () => {
  assert.deepEqual(sources(`${front('')}About 1 in 10 people with ALS have a relative with it.\n`, { kind: 'topic' }), []);
});

test('a reference nobody cites is reported at its line, as information', () => {
  const found = sources(`${front(twoRefs)}Only the first is cited [1].\n`);
  assert.deepEqual(
    found.map((f) => [f.rule, f.severity, f.line]),
    [['sources/unused-reference', 'info', 6]],
  );
});
