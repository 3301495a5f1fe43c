import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { isDatabaseUnavailable } from './unavailable.ts';

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  assert.fail('expected an error');
}

test('a lost or busy database reads as unavailable (503); a wrong query does not', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'caresite-busy-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const holder = new DatabaseSync(join(dir, 'db.sqlite'));
  const other = new DatabaseSync(join(dir, 'db.sqlite'));
  t.after(() => [holder, other].forEach((d) => d.close()));
  holder.exec('CREATE TABLE x (a); BEGIN IMMEDIATE; INSERT INTO x VALUES (1);');
  other.exec('PRAGMA busy_timeout = 0');
  assert.ok(isDatabaseUnavailable(errorOf(() => other.exec('INSERT INTO x VALUES (2)'))), 'SQLite: database is locked');
  assert.ok(!isDatabaseUnavailable(errorOf(() => other.exec('SELEC 1'))), 'SQLite: syntax error');

  assert.ok(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })));
  assert.ok(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')));
  assert.ok(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })));
  assert.ok(isDatabaseUnavailable(new Error('wrapped', { cause: new Error('timeout exceeded when trying to connect') })));
  assert.ok(!isDatabaseUnavailable(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })));
  assert.ok(!isDatabaseUnavailable(new Error('a bug')));
});
