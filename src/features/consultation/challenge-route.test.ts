import assert from 'node:assert/strict';
import { test } from 'node:test';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import Fastify from 'fastify';
import { ProofOfWork } from '#src/platform/proof-of-work.ts';
import { testDb } from '../../../test/helper.ts';
import { challengeRoute } from './challenge-route.ts';

test('GET /consultation/challenge answers a fresh challenge that nobody may store', async (t) => {
  const db = await testDb(t);
  const pow = new ProofOfWork({ db: db.kysely });
  const app = Fastify();
  challengeRoute(app, pow);
  t.after(() => app.close());

  const first = await app.inject({ url: '/consultation/challenge' });
  assert.equal(first.statusCode, 200);
  assert.equal(first.headers['cache-control'], 'no-store');
  assert.match(String(first.headers['content-type']), /^application\/json/);
  const challenge = first.json<Challenge>();
  assert.equal(challenge.parameters.algorithm, 'PBKDF2/SHA-256');
  assert.ok(challenge.signature);

  const second = (await app.inject({ url: '/consultation/challenge' })).json<Challenge>();
  assert.notEqual(second.signature, challenge.signature, 'each request gets a challenge of its own');

  // What the widget sends back after solving what the route gave it is accepted.
  const solution = await solveChallenge({ challenge, deriveKey });
  assert.ok(solution);
  const payload = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
  assert.equal(await pow.verify(payload), 'ok');
});
