import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDocument } from './index.ts';
import type { CheckInput, Finding } from './types.ts';

function readability(text: string, extra: Partial<CheckInput> = {}): Finding[] {
  return checkDocument({ text, lang: 'en', kind: 'page', ...extra }).filter((f) => f.rule.startsWith('readability/'));
}

const plain =
  'ALS makes muscles weak. It starts in a hand or a foot. Then it spreads. A doctor can tell you more. Ask your team for help. They can help you eat, move and talk. You are not alone.';
const dense =
  'Amyotrophic lateral sclerosis constitutes a progressive neurodegenerative disorder characterised by degeneration of upper and lower motor neurones, culminating in generalised paralysis. Multidisciplinary management encompassing respiratory, nutritional, and psychological interventions demonstrably ameliorates quality of life. Pharmacological interventions provide modest prolongation of survival.';

test('plain text passes the grade check; dense text is flagged, as a whole and by paragraph', () => {
  assert.deepEqual(readability(plain), []);
  const found = readability(`${dense}\n\n${plain}\n`);
  assert.deepEqual(
    found.filter((f) => f.rule.endsWith('grade')).map((f) => [f.rule, f.line]),
    [
      ['readability/grade', 1],
      ['readability/paragraph-grade', 1],
    ],
  );
  assert.match(found[0]?.message ?? '', /grade \d+\.\d; .*grade 8 or lower/);
});

test('a sentence over 30 words is flagged where it starts', () => {
  const long = `Short one. ${Array.from({ length: 31 }, (_, i) => `Word${i}`).join(' ')}.`;
  const found = readability(long).filter((f) => f.rule === 'readability/long-sentence');
  assert.deepEqual(
    found.map((f) => [f.line, f.column]),
    [[1, 12]],
  );
  assert.match(found[0]?.message ?? '', /31 words/);
});

test('Urdu gets no grade (no formula exists for it) but long sentences still count, with a limit scaled for Urdu', () => {
  const urduWords = (n: number): string => `${Array.from({ length: n }, () => 'لفظ').join(' ')}۔`;
  assert.deepEqual(readability(urduWords(39), { lang: 'ur' }), []);
  assert.deepEqual(
    readability(urduWords(40), { lang: 'ur' }).map((f) => f.rule),
    ['readability/long-sentence'],
  );
});

test('a medical word must be explained where it first appears', () => {
  assert.deepEqual(
    readability('Edaravone works as an antioxidant. An antioxidant (a substance that protects cells) is common.')
      .filter((f) => f.rule === 'readability/jargon')
      .map((f) => [f.rule, f.words]),
    [['readability/jargon', 'antioxidant']],
  );
  const explained = [
    'People took a placebo (a dummy tablet).',
    'A **gastrostomy** tube (often called a PEG tube) is placed in the stomach.',
    'A chemical messenger called dopamine is made in the brain. Bradykinesia — slowness of movement — is common.',
    'Palliative care doctors, who focus on comfort, can help.',
    'Some people have a feeding tube (gastrostomy).',
    'Non-invasive ventilation is a small machine that pushes air through a mask.',
  ];
  for (const text of explained) assert.deepEqual(readability(text).filter((f) => f.rule === 'readability/jargon'), [], text);
});

test('a clinic adds its own terms to the glossary', () => {
  const glossary = [{ term: 'tofersen', plain: 'a medicine for one genetic type of ALS' }];
  assert.deepEqual(
    readability('Ask about tofersen.', { glossary }).map((f) => f.rule),
    ['readability/jargon'],
  );
  assert.match(readability('Ask about tofersen.', { glossary })[0]?.suggestion ?? '', /tofersen \(a medicine for one genetic type of ALS\)/);
});
