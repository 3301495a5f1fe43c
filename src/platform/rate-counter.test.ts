import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anotherConnection, testDb } from '../../test/helper.ts';
import { countHit, purgeExpiredCounters, subjectKey } from './rate-counter.ts';

const key = 'test-key';
const minute = 60_000;
const at = (iso: string) => new Date(iso);

test('subjectKey hides the subject and is the same for the same key and value', () => {
  const phone = '+923001234567';
  const hashed = subjectKey(key, phone);
  assert.equal(hashed, subjectKey(key, phone));
  assert.ok(!hashed.includes('3001234567'));
  assert.notEqual(hashed, subjectKey('another key', phone), 'without the key the hash cannot be recomputed');
  assert.notEqual(hashed, subjectKey(key, '+923001234568'));
});

test('hits in one window are counted up, per scope and per subject', async (t) => {
  const db = (await testDb(t)).kysely;
  const phone = subjectKey(key, '+923001234567');
  const other = subjectKey(key, '+923009999999');
  const hit = (scope: string, subject = phone, now = at('2025-03-01T10:00:10Z')) => countHit(db, { scope, subject, windowMs: minute, now });

  assert.equal(await hit('form'), 1);
  assert.equal(await hit('form', phone, at('2025-03-01T10:00:59.999Z')), 2);
  assert.equal(await hit('form'), 3);
  assert.equal(await hit('form', other), 1, 'another subject has its own count');
  assert.equal(await hit('mail'), 1, 'another scope has its own count');

  const rows = await db.selectFrom('rate_counters').selectAll().where('scope', '=', 'form').orderBy('hits').execute();
  assert.deepEqual(
    rows.map((r) => [r.subject, r.window_start, r.hits, r.expires_at]),
    [
      [other, '2025-03-01T10:00:00.000Z', 1, '2025-03-01T10:01:00.000Z'],
      [phone, '2025-03-01T10:00:00.000Z', 3, '2025-03-01T10:01:00.000Z'],
    ],
  );
  assert.ok(rows.every((r) => !r.subject.includes('923')), 'no phone number is stored');
});

test('a new window starts a new count, and ended windows are purged', async (t) => {
  const db = (await testDb(t)).kysely;
  const subject = subjectKey(key, '203.0.113.7');
  const hit = (iso: string) => countHit(db, { scope: 'form', subject, windowMs: 10 * minute, now: at(iso) });

  assert.equal(await hit('2025-03-01T10:09:59.999Z'), 1);
  assert.equal(await hit('2025-03-01T10:05:00Z'), 2);
  assert.equal(await hit('2025-03-01T10:10:00Z'), 1, 'the window rolls over on its boundary');
  assert.equal(await hit('2025-03-01T10:19:00Z'), 2);

  assert.equal(await purgeExpiredCounters(db, at('2025-03-01T10:09:59Z')), 0, 'a window still open is kept');
  assert.equal(await purgeExpiredCounters(db, at('2025-03-01T10:10:00Z')), 1, 'the first window ended at 10:10');
  assert.equal(await hit('2025-03-01T10:19:30Z'), 3, 'the open window kept its count');
  assert.equal(await purgeExpiredCounters(db, at('2025-03-01T12:00:00Z')), 1);
  assert.equal((await db.selectFrom('rate_counters').select('hits').execute()).length, 0);
});

test('hits sent at the same moment each get a count of their own: 1 to 60, each once', async (t) => {
  const db = await testDb(t);
  // On PostgreSQL: three pools, as three app processes would have, so that the statements really
  // run at once on separate connections (one pool alone already runs up to ten at a time).
  const pools = [db, anotherConnection(db), anotherConnection(db)].map((d) => d.kysely);
  const subject = subjectKey(key, '+923001234567');
  const now = at('2025-03-01T10:00:00Z');
  const counts = await Promise.all(Array.from({ length: 60 }, (_, i) => countHit(pools[i % pools.length]!, { scope: 'form', subject, windowMs: minute, now })));
  assert.deepEqual(
    counts.toSorted((a, b) => a - b),
    Array.from({ length: 60 }, (_, i) => i + 1),
  );
});

test('a window length that is not positive is refused', async (t) => {
  const db = (await testDb(t)).kysely;
  await assert.rejects(countHit(db, { scope: 'form', subject: subjectKey(key, 'x'), windowMs: 0, now: new Date() }), RangeError);
});
