// Every claim rule is tested by its own examples: each "flagged" sentence must raise the rule and
// each "passed" sentence must not. Adding a rule to claim-rules.ts adds its tests here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { claimRules, investigationalNotice } from './claim-rules.ts';
import { clinicRuleSchema } from './clinic-rules.ts';
import { checkDocument } from './index.ts';
import type { CheckInput, Lang } from './types.ts';

// The context every example is read in: a page tagged with one investigational treatment
// (stem-cell therapy) and one approved one (riluzole).
const context: Omit<CheckInput, 'text' | 'lang'> = {
  kind: 'page',
  topics: ['stem-cell-therapy', 'riluzole'],
  investigationalTopics: ['stem-cell-therapy'],
  topicNames: { 'stem-cell-therapy': ['Stem-cell therapy', 'اسٹیم سیل تھراپی', 'اسٹیم سیل علاج'], riluzole: ['Riluzole', 'رِلوزول'] },
};

function rulesFound(text: string, lang: Lang, extra: Partial<CheckInput> = {}): string[] {
  return checkDocument({ ...context, ...extra, text, lang }).map((f) => f.rule);
}

describe('claim rules, by their examples', () => {
  for (const rule of claimRules) {
    describe(rule.id, () => {
      test('has an id in the claims family and English examples both ways', () => {
        assert.match(rule.id, /^claims\/[a-z-]+$/);
        assert.ok((rule.examples.en?.flagged.length ?? 0) > 0 && (rule.examples.en?.passed.length ?? 0) > 0);
      });
      for (const [lang, examples] of Object.entries(rule.examples) as [Lang, { flagged: string[]; passed: string[] }][]) {
        for (const sentence of examples.flagged) {
          test(`flags (${lang}): ${sentence}`, () => assert.ok(rulesFound(sentence, lang).includes(rule.id), `expected ${rule.id}`));
        }
        for (const sentence of examples.passed) {
          test(`passes (${lang}): ${sentence}`, () => assert.ok(!rulesFound(sentence, lang).includes(rule.id), `did not expect ${rule.id}`));
        }
      }
    });
  }

  describe(investigationalNotice.id, () => {
    for (const [lang, examples] of Object.entries(investigationalNotice.examples) as [Lang, { flagged: string[]; passed: string[] }][]) {
      for (const doc of examples.flagged) {
        test(`flags (${lang}) a document without the notice`, () => assert.ok(rulesFound(doc, lang, { topics: [] }).includes(investigationalNotice.id)));
      }
      for (const doc of examples.passed) {
        test(`passes (${lang}): ${doc.split('\n').at(-2)}`, () => assert.ok(!rulesFound(doc, lang, { topics: [] }).includes(investigationalNotice.id)));
      }
    }

    test('a page about a treatment the clinic offers needs the standard notice, not only an explanation', () => {
      const explained = investigationalNotice.examples.en?.passed[1] ?? '';
      assert.ok(!rulesFound(explained, 'en', { topics: [] }).includes(investigationalNotice.id));
      assert.ok(rulesFound(explained, 'en', { topics: [], offeredTreatments: ['stem-cell-therapy'] }).includes(investigationalNotice.id));
    });

    test('is not asked of documents without an investigational topic', () => {
      assert.deepEqual(rulesFound('We offer riluzole.', 'en', { topics: ['riluzole'] }), []);
    });
  });
});

describe('careful wording is never flagged as a claim', () => {
  const careful = [
    'There is no cure for ALS.',
    'Riluzole has not been shown to stop the disease.',
    'No treatment can reverse the damage.',
    'Riluzole does not cure ALS.',
    'Riluzole may slow the disease a little [1].',
    'There is no guarantee that it will help.',
    '"No cure" does not mean "nothing can be done".',
  ];
  for (const sentence of careful) {
    test(sentence, () => {
      const claims = checkDocument({ ...context, topics: ['riluzole'], text: `---\ntitle: T\nsummary: S\nreferences: [R]\n---\n${sentence}\n`, lang: 'en' }).filter((f) => f.rule.startsWith('claims/'));
      assert.deepEqual(claims, []);
    });
  }
});

describe('a citation in the paragraph', () => {
  const severities = (text: string, rule: string): string[] =>
    checkDocument({ ...context, topics: ['riluzole'], text: `---\ntitle: T\nsummary: S\nreferences: [R]\n---\n${text}\n`, lang: 'en' })
      .filter((f) => f.rule === rule)
      .map((f) => f.severity);

  test('lets a "proven" claim stand: the reviewer checks the source', () => {
    assert.deepEqual(severities('It is clinically proven [1].', 'claims/clinically-proven'), []);
  });

  test('turns a cure or reversal claim into a warning, still shown to the reviewer', () => {
    assert.deepEqual(severities('Some causes of memory loss can be reversed [1].', 'claims/reverse'), ['warning']);
    assert.deepEqual(severities('Some causes of memory loss can be reversed.', 'claims/reverse'), ['error']);
    assert.match(
      checkDocument({ ...context, topics: [], text: '---\ntitle: T\nsummary: S\nreferences: [R]\n---\nIt cures ALS [1].\n', lang: 'en' }).find((f) => f.rule === 'claims/cure')?.message ?? '',
      /A source is cited: check that it says exactly this/,
    );
  });

  test('does not excuse a claim no source can support', () => {
    assert.deepEqual(severities('It is 100% safe [1].', 'claims/hundred-percent'), ['error']);
  });
});

describe('a finding names the words and says why', () => {
  test('message quotes the words, suggestion offers safer wording, position points at them', () => {
    const [finding] = checkDocument({ text: 'Intro line.\n\nOur therapy cures ALS.\n', lang: 'en', kind: 'page' }).filter((f) => f.rule === 'claims/cure');
    assert.ok(finding);
    assert.equal(finding.words, 'cures');
    assert.match(finding.message, /^"cures" .*advertising rules/);
    assert.ok(finding.suggestion.length > 20);
    assert.deepEqual([finding.line, finding.column], [3, 13]);
  });
});

describe('clinic rules', () => {
  const rule = clinicRuleSchema.parse({
    id: 'claims/clinic-miracle',
    phrases: ['miracle', 'wonder treatment'],
    message: 'sounds like a promise no treatment can keep.',
    suggestion: 'Describe what the treatment does.',
  });

  test('the schema fills the severity and refuses ids outside claims/clinic-…', () => {
    assert.equal(rule.severity, 'warning');
    assert.equal(clinicRuleSchema.safeParse({ ...rule, id: 'claims/cure' }).success, false);
    assert.equal(clinicRuleSchema.safeParse({ ...rule, phrases: [] }).success, false);
  });

  test('a clinic rule is merged with the built-in ones and read the same way', () => {
    const found = checkDocument({ text: 'A miracle for ALS. Our wonder\ntreatment helps. It is no miracle.', lang: 'en', kind: 'page', clinicRules: [rule] });
    const mine = found.filter((f) => f.rule === 'claims/clinic-miracle');
    assert.deepEqual(
      mine.map((f) => [f.words, f.severity]),
      [
        ['miracle', 'warning'],
        ['wonder treatment', 'warning'],
      ],
    );
    assert.match(mine[0]?.message ?? '', /^"miracle" sounds like a promise/);
  });

  test('phrases are words, not patterns, and a rule can be limited to one language', () => {
    const dotted = clinicRuleSchema.parse({ ...rule, phrases: ['a.b'] });
    assert.equal(checkDocument({ text: 'axb is here.', lang: 'en', kind: 'page', clinicRules: [dotted] }).length, 0);
    const urdu = clinicRuleSchema.parse({ ...rule, phrases: ['معجزہ'], lang: 'ur' });
    assert.equal(checkDocument({ text: 'یہ علاج معجزہ ہے۔', lang: 'ur', kind: 'page', clinicRules: [urdu] }).filter((f) => f.rule === rule.id).length, 1);
    assert.equal(checkDocument({ text: 'It is a miracle.', lang: 'en', kind: 'page', clinicRules: [urdu] }).filter((f) => f.rule === rule.id).length, 0);
  });
});
