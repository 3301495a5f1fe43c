import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDocument } from './index.ts';

const at = (text: string, rule: string): [number, number, string | undefined][] =>
  checkDocument({ text, lang: 'en', kind: 'page' })
    .filter((f) => f.rule === rule)
    .map((f) => [f.line, f.column, f.words]);

test('positions count the front matter, and point into the title and summary themselves', () => {
  const text = '---\ntitle: "We cure ALS"\nsummary: A plain summary that guarantees results.\n---\nOur therapy cures ALS.\n';
  assert.deepEqual(at(text, 'claims/cure'), [
    [2, 12, 'cure'],
    [5, 13, 'cures'],
  ]);
  assert.deepEqual(at(text, 'claims/guarantee'), [[3, 31, 'guarantees']]);
});

test('positions survive Markdown that the parser rewrites: block quotes, emphasis, line breaks, lists', () => {
  const text = 'Intro.\n\n> A quote that goes on\n> and then **cures** ALS.\n\n- first item\n- it is *completely\n  safe*\n';
  assert.deepEqual(at(text, 'claims/cure'), [[4, 14, 'cures']]);
  assert.deepEqual(at(text, 'claims/completely-safe'), [[7, 10, 'completely safe']]);
});

test('the front matter language and topics are read; a body without front matter is checked too', () => {
  const urdu = '---\ntitle: ٹیسٹ\nsummary: خلاصہ\nlang: ur\ntreatments: [stem-cell-therapy]\n---\nہمارا علاج مکمل شفا دیتا ہے۔\n';
  const found = checkDocument({ text: urdu, lang: 'en', kind: 'page', investigationalTopics: ['stem-cell-therapy'] }).map((f) => f.rule);
  assert.deepEqual(found.sort(), ['claims/cure', 'claims/investigational-notice']);
  assert.deepEqual(
    checkDocument({ text: 'Results are guaranteed.', lang: 'en' }).map((f) => [f.rule, f.line, f.column]),
    [['claims/guarantee', 1, 13]],
  );
});

test('an approval claim is an error only about an investigational treatment', () => {
  const text = (treatments: string): string => `---\ntitle: T\nsummary: S\ntreatments: [${treatments}]\nreferences: [R]\n---\n> Investigational treatment: not approved.\n\nIt is FDA approved [1].\n`;
  const approval = (treatments: string): number =>
    checkDocument({ text: text(treatments), lang: 'en', kind: 'page', investigationalTopics: ['stem-cell-therapy'] }).filter((f) => f.rule === 'claims/approval').length;
  assert.equal(approval('stem-cell-therapy'), 1);
  assert.equal(approval('riluzole'), 0);
  // With an approved treatment also tagged, "it" could be either: only a sentence naming the investigational one is flagged.
  assert.equal(approval('stem-cell-therapy, riluzole'), 0);
});

test('findings come sorted by position, and the same text always gives the same findings', () => {
  const text = 'Limited slots. Book now.\n\nIt cures ALS, 100% safe.\n';
  const first = checkDocument({ text, lang: 'en', kind: 'page' });
  assert.deepEqual(first, checkDocument({ text, lang: 'en', kind: 'page' }));
  const keys = first.map((f) => f.line * 1000 + f.column);
  assert.deepEqual(keys, [...keys].sort((a, b) => a - b));
});
