import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anotherConnection, testDb } from '../../test/helper.ts';
import { claimDueRows, insertOutboxRow, markSent, recordFailure, releaseClaims } from './outbox-queries.ts';

const t0 = '2030-01-01T00:00:00.000Z';
const t1 = '2030-01-01T00:01:00.000Z';
const t2 = '2030-01-01T00:02:00.000Z';
const claim = (workerId: string, now: string, lockedUntil: string, limit = 10) => ({ workerId, kinds: ['email'], now, lockedUntil, limit });

test('many concurrent claims from two connections never hand out the same row twice', async (t) => {
  const db = await testDb(t);
  const other = anotherConnection(db);
  const ids = new Set<number>();
  for (let i = 0; i < 60; i++) ids.add(await insertOutboxRow(db.kysely, { kind: 'email', payload: '{}', now: t0, messageToken: 'token' }));

  const claims = await Promise.all(
    Array.from({ length: 30 }, (_, i) => claimDueRows(i % 2 ? other : db, claim(`w${i}`, t1, t2, 3))),
  );
  const claimed = claims.flat().map((r) => r.id);
  assert.equal(new Set(claimed).size, claimed.length, 'no row claimed twice');
  assert.deepEqual(new Set(claimed), ids, 'and all 60 rows claimed, 3 by each claim');
  for (const [i, rows] of claims.entries()) {
    for (const row of rows) {
      assert.equal(row.locked_by, `w${i}`);
      assert.equal(row.locked_until, t2);
    }
  }
});

test('a claim takes only due, pending, unlocked rows of the asked kinds, oldest first', async (t) => {
  const db = await testDb(t);
  const due = await insertOutboxRow(db.kysely, { kind: 'email', payload: '{}', now: t0, messageToken: 'token' });
  const notYet = await insertOutboxRow(db.kysely, { kind: 'email', payload: '{}', now: t2, messageToken: 'token' });
  const webhook = await insertOutboxRow(db.kysely, { kind: 'webhook', payload: '{}', now: t0, messageToken: 'token' });
  const sent = await insertOutboxRow(db.kysely, { kind: 'email', payload: '{}', now: t0, messageToken: 'token' });
  await claimDueRows(db, claim('a', t0, t1));
  assert.equal(await markSent(db.kysely, sent, 'a', t0), true);
  assert.equal(await recordFailure(db.kysely, due, 'a', { attempts: 1, lastError: 'x', status: 'pending', nextAttemptAt: t0 }), true);

  const rows = await claimDueRows(db, claim('b', t1, t2));
  assert.deepEqual(rows.map((r) => r.id), [due]);
  assert.equal(rows[0]?.attempts, 1);
  assert.ok(!rows.some((r) => [notYet, webhook, sent].includes(r.id)));
  assert.deepEqual(await claimDueRows(db, claim('c', t1, t2)), [], 'locked by b');
});

test('only the lock holder may finish a row; released rows can be claimed at once', async (t) => {
  const db = await testDb(t);
  const id = await insertOutboxRow(db.kysely, { kind: 'email', payload: '{}', now: t0, messageToken: 'token' });
  await claimDueRows(db, claim('a', t0, t1));
  assert.equal(await markSent(db.kysely, id, 'b', t0), false);
  assert.equal(await recordFailure(db.kysely, id, 'b', { attempts: 1, lastError: 'x', status: 'failed', nextAttemptAt: t0 }), false);

  await releaseClaims(db.kysely, [id], 'a');
  const [row] = await claimDueRows(db, claim('b', t0, t1));
  assert.equal(row?.id, id);
  assert.equal(row?.status, 'pending');
  assert.equal(await markSent(db.kysely, id, 'b', t0), true);
});
