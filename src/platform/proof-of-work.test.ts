import assert from 'node:assert/strict';
import { test } from 'node:test';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { anotherConnection, testDb } from '../../test/helper.ts';
import { ProofOfWork } from './proof-of-work.ts';

const minutes = (n: number) => n * 60_000;

/** What the widget does: solve the challenge, then put challenge and solution in base64 JSON. */
async function solve(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  assert.ok(solution, 'the challenge has a solution');
  return Buffer.from(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution })).toString('base64');
}

function edit(payload: string, change: (p: { challenge: Challenge; solution: { counter: number; derivedKey: string } }) => void): string {
  const decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as Parameters<typeof change>[0];
  change(decoded);
  return Buffer.from(JSON.stringify(decoded)).toString('base64');
}

test('a challenge is signed, names PBKDF2 and expires in 20 minutes', async (t) => {
  const db = await testDb(t);
  const now = new Date('2030-01-01T00:00:00Z');
  const challenge = await new ProofOfWork({ db: db.kysely, now: () => now }).challenge();
  assert.equal(challenge.parameters.algorithm, 'PBKDF2/SHA-256');
  assert.equal(challenge.parameters.expiresAt, (now.getTime() + minutes(20)) / 1000);
  assert.match(String(challenge.signature), /^[0-9a-f]{64}$/);
  assert.ok(challenge.parameters.keySignature, 'verifying checks an HMAC of the key, not a PBKDF2');
});

test('a solution is accepted once; sent again it is spent', async (t) => {
  const db = await testDb(t);
  const pow = new ProofOfWork({ db: db.kysely });
  const payload = await solve(await pow.challenge());
  assert.equal(await pow.verify(payload), 'ok');
  assert.equal(await pow.verify(payload), 'spent');
  assert.equal(await new ProofOfWork({ db: db.kysely }).verify(payload), 'spent', 'another process sees it spent too');
});

test('no payload is missing; a changed or malformed one is invalid', async (t) => {
  const db = await testDb(t);
  const pow = new ProofOfWork({ db: db.kysely });
  assert.equal(await pow.verify(undefined), 'missing');
  assert.equal(await pow.verify(''), 'missing');

  const payload = await solve(await pow.challenge());
  const changed = [
    edit(payload, (p) => void (p.challenge.parameters.cost = 1)),
    edit(payload, (p) => void (p.challenge.parameters.expiresAt = (p.challenge.parameters.expiresAt ?? 0) + 3600)),
    edit(payload, (p) => void (p.solution.derivedKey = p.solution.derivedKey.replace(/.$/, (c) => (c === '0' ? '1' : '0')))),
    edit(payload, (p) => void (p.challenge.signature = '0'.repeat(64))),
    edit(payload, (p) => void delete p.challenge.signature),
  ];
  for (const bad of changed) assert.equal(await pow.verify(bad), 'invalid');
  for (const junk of ['not base64 json', Buffer.from('{"challenge":1}').toString('base64'), Buffer.from('[]').toString('base64'), 'A'.repeat(10_000)]) {
    assert.equal(await pow.verify(junk), 'invalid', junk.slice(0, 30));
  }
  // A challenge signed under another site's key is a forgery here.
  const elsewhere = await testDb(t);
  assert.equal(await new ProofOfWork({ db: elsewhere.kysely }).verify(payload), 'invalid');
  assert.equal(await pow.verify(payload), 'ok', 'none of the refusals spent the real solution');
});

test('a solution sent after its challenge expired is refused', async (t) => {
  const db = await testDb(t);
  const start = Date.now();
  let now = new Date(start);
  const pow = new ProofOfWork({ db: db.kysely, now: () => now });
  const payload = await solve(await pow.challenge());
  now = new Date(start + minutes(20) + 1000);
  assert.equal(await pow.verify(payload), 'expired', 'on the injected clock');

  // A challenge whose expiry is behind the system clock too (altcha-lib's own check).
  const old = new ProofOfWork({ db: db.kysely, now: () => new Date(start - minutes(30)) });
  assert.equal(await old.verify(await solve(await old.challenge())), 'expired');
  assert.equal((await db.kysely.selectFrom('spent_challenges').selectAll().execute()).length, 0, 'nothing was recorded');
});

test('the same solution sent 40 times at once is accepted exactly once', async (t) => {
  const db = await testDb(t);
  // Four processes' worth of connections on PostgreSQL, each with its own ProofOfWork.
  const instances = [db, anotherConnection(db), anotherConnection(db), anotherConnection(db)].map((d) => new ProofOfWork({ db: d.kysely }));
  const payload = await solve(await instances[0]!.challenge());
  const verdicts = await Promise.all(Array.from({ length: 40 }, (_, i) => instances[i % instances.length]!.verify(payload)));
  assert.equal(verdicts.filter((v) => v === 'ok').length, 1, verdicts.join(' '));
  assert.equal(verdicts.filter((v) => v === 'spent').length, 39);
});

test('processes starting together agree on one key, which is kept in settings', async (t) => {
  const db = await testDb(t);
  const instances = Array.from({ length: 6 }, (_, i) => new ProofOfWork({ db: (i % 2 ? anotherConnection(db) : db).kysely }));
  const keys = await Promise.all(instances.map((p) => p.hmacKey()));
  assert.equal(new Set(keys).size, 1);
  const row = await db.kysely.selectFrom('settings').select('value').where('key', '=', 'altcha_hmac_key').executeTakeFirstOrThrow();
  assert.equal(row.value, keys[0]);
  assert.ok(Buffer.from(row.value, 'base64url').length === 32, '32 random bytes');
  assert.equal(await instances[0]!.hmacKey(), keys[0], 'remembered');
});

test('spent challenges are purged once they have expired', async (t) => {
  const db = await testDb(t);
  const start = Date.now();
  const pow = new ProofOfWork({ db: db.kysely, now: () => new Date(start) });
  assert.equal(await pow.verify(await solve(await pow.challenge())), 'ok');
  assert.equal(await pow.purgeSpent(new Date(start + minutes(19))), 0, 'kept while it could still be replayed');
  assert.equal(await pow.purgeSpent(new Date(start + minutes(21))), 1);
});
