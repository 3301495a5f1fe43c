// Every respectful-language rule is tested by its own examples, like the claim rules.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDocument } from './index.ts';
import { languageRules } from './language-rules.ts';
import type { Lang } from './types.ts';

function rulesFound(text: string, lang: Lang): string[] {
  return checkDocument({ text, lang, kind: 'page' }).map((f) => f.rule);
}

describe('language rules, by their examples', () => {
  for (const rule of languageRules) {
    describe(rule.id, () => {
      test('has an id in the language family and English examples both ways', () => {
        assert.match(rule.id, /^language\/[a-z-]+$/);
        assert.ok((rule.examples.en?.flagged.length ?? 0) > 0 && (rule.examples.en?.passed.length ?? 0) > 0);
      });
      for (const [lang, examples] of Object.entries(rule.examples) as [Lang, { flagged: string[]; passed: string[] }][]) {
        for (const sentence of examples.flagged) {
          test(`flags (${lang}): ${sentence}`, () => assert.ok(rulesFound(sentence, lang).includes(rule.id)));
        }
        for (const sentence of examples.passed) {
          test(`passes (${lang}): ${sentence}`, () => assert.ok(!rulesFound(sentence, lang).includes(rule.id)));
        }
      }
    });
  }
});

test('medical terms that contain the words are left alone', () => {
  const text = 'Diabetic retinopathy and an epileptic seizure are medical terms. Disabled parking is by the door.';
  assert.deepEqual(rulesFound(text, 'en').filter((r) => r.startsWith('language/')), []);
});

test('a word quoted to discuss it is not flagged', () => {
  assert.deepEqual(rulesFound('We do not write "wheelchair-bound" in our articles.', 'en'), []);
});

test('a finding names the words and offers other wording', () => {
  const [finding] = checkDocument({ text: 'She is an ALS sufferer.', lang: 'en', kind: 'page' });
  assert.equal(finding?.rule, 'language/suffers-from');
  assert.equal(finding?.words, 'ALS sufferer');
  assert.equal(finding?.severity, 'warning');
  assert.match(finding?.suggestion ?? '', /has ALS/);
});
