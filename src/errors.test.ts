import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { errors } from './errors.ts';
import { translator } from './web/i18n/index.ts';

const entries = Object.values(errors).map((e) => e.spec);

interface DocumentedError {
  code: string;
  status: number;
  key: string;
  message: string;
}

/** The rows of the table in docs/errors.md: | code | status | message key | when | message |. */
function documented(): DocumentedError[] {
  const text = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.startsWith('| CS_ERR_'))
    .map((line) => {
      const [code = '', status = '', key = '', , message = ''] = line.slice(1, -1).split(' | ').map((cell) => cell.trim());
      return { code, status: Number(status), key, message };
    });
}

test('every catalog error is documented in docs/errors.md with its status, message key and message', () => {
  const docs = new Map(documented().map((d) => [d.code, d]));
  for (const e of entries) {
    const row = docs.get(e.code);
    assert.ok(row, `${e.code} is missing from docs/errors.md`);
    assert.deepEqual(row, { code: e.code, status: e.status, key: e.key, message: e.message }, `${e.code}: docs/errors.md differs from src/errors.ts`);
  }
});

test('every code in docs/errors.md exists in the catalog, once', () => {
  const codes = new Set<string>(entries.map((e) => e.code));
  const rows = documented();
  assert.ok(rows.length > 0, 'the table was read');
  for (const row of rows) assert.ok(codes.has(row.code), `${row.code} is documented but not in src/errors.ts`);
  assert.equal(new Set(rows.map((r) => r.code)).size, rows.length, 'a code is documented twice');
});

test('codes are unique, named CS_ERR_…, and each is its own class', () => {
  assert.equal(new Set(entries.map((e) => e.code)).size, entries.length, 'a code is used twice');
  for (const [name, constructor] of Object.entries(errors)) {
    const error = new constructor();
    assert.match(error.code, /^CS_ERR_[A-Z0-9_]+$/, name);
    assert.equal(error.statusCode, constructor.spec.status, name);
    assert.ok(error instanceof constructor, name);
    for (const other of Object.values(errors)) if (other !== constructor) assert.ok(!(error instanceof other), `${name} is not a ${other.spec.code}`);
  }
});

test('every error has a status, a log level and its text in English and Urdu', () => {
  for (const e of entries) {
    assert.ok(e.status >= 400 && e.status < 600, `${e.code}: status ${e.status}`);
    assert.equal(e.log, e.status >= 500 ? (e.status === 503 ? 'warn' : 'error') : 'info', `${e.code}: log level`);
    for (const lang of ['en', 'ur'] as const) {
      const t = translator(lang);
      for (const key of [e.key, e.title].filter((k) => k !== undefined)) assert.ok(t(key)?.length, `${e.code}: ${key} has no ${lang} text`);
    }
  }
});

test('a message takes the detail it is raised with, for logs and the command line', () => {
  assert.equal(new errors.ContentInvalid('a.md: title: required').message, 'a.md: title: required');
  assert.match(new errors.EmailTaken('asma@clinic.example').message, /^asma@clinic\.example already has an account/);
});
