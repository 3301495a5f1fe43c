import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formLine, withoutDirectionControls } from './forms.ts';

test('a typed line loses control and direction characters but keeps the joiners Urdu spelling uses', () => {
  assert.equal(formLine('abc\u202Eevil', 100), 'abc evil');
  assert.equal(formLine('a\u2066b\u2069c\u200Fd\u0000e', 100), 'a b c d e');
  assert.equal(formLine('  two\r\n lines\t ', 100), 'two lines');
  assert.equal(formLine('نام\u200Cور', 100), 'نام\u200Cور', 'zero-width non-joiner kept');
  assert.equal(formLine('a\u200Db', 100), 'a\u200Db', 'zero-width joiner kept');
});

test('free text keeps everything but the direction controls', () => {
  assert.equal(withoutDirectionControls('fdp.\u202Eexe'), 'fdp.exe');
  assert.equal(withoutDirectionControls('\u2067x\u2069 \u061C\u200E\u200F'), 'x ');
  assert.equal(withoutDirectionControls('پاکستان\u200Cی'), 'پاکستان\u200Cی');
});
