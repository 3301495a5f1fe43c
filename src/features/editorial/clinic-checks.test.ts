import assert from 'node:assert/strict';
import { test } from 'node:test';
import { glossaryText, readGlossary, readRules, rulesText } from './clinic-checks.ts';

test('each line of words to avoid becomes a rule with its own id; blank lines are skipped', () => {
  const { rules, errors } = readRules('miracle, wonder cure => say what it can do, with a source\n\nmiracle => twice');
  assert.deepEqual(errors, []);
  assert.deepEqual(rules.map((r) => r.id), ['claims/clinic-miracle', 'claims/clinic-miracle-2']);
  assert.deepEqual(rules[0]?.phrases, ['miracle', 'wonder cure']);
  assert.equal(rules[0]?.suggestion, 'say what it can do, with a source');
  assert.equal(rulesText(rules), 'miracle, wonder cure => say what it can do, with a source\nmiracle => twice');
});

test('a line without words or without what to write instead is refused by its number', () => {
  assert.deepEqual(readRules('ok => fine\nno arrow here\n => nothing before\nwords =>').errors, [
    { field: 'rules', line: 2 },
    { field: 'rules', line: 3 },
    { field: 'rules', line: 4 },
  ]);
  assert.deepEqual(readRules('a => b => c').errors, [{ field: 'rules', line: 1 }]);
});

test('glossary lines are a term and its plain words; an Urdu term is marked Urdu', () => {
  const { glossary, errors } = readGlossary('dysphagia = difficulty swallowing\nنیورولوجسٹ = دماغ اور اعصاب کا ڈاکٹر\nbroken line');
  assert.deepEqual(errors, [{ field: 'glossary', line: 3 }]);
  assert.deepEqual(glossary, [{ term: 'dysphagia', plain: 'difficulty swallowing' }, { term: 'نیورولوجسٹ', plain: 'دماغ اور اعصاب کا ڈاکٹر', lang: 'ur' }]);
  assert.equal(glossaryText(glossary), 'dysphagia = difficulty swallowing\nنیورولوجسٹ = دماغ اور اعصاب کا ڈاکٹر');
});
