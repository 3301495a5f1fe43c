import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { test } from 'node:test';
import { build, fixtureContent } from './helper.ts';

const redisUrl = process.env.TEST_REDIS_URL;

// Like the PostgreSQL run, this needs a server: .ci/run gives TEST_REDIS_URL (the machine's Redis).
test('two processes share one search rate limit through Redis', { skip: redisUrl ? false : 'set TEST_REDIS_URL=redis://127.0.0.1:6379 to run the Redis test' }, async (t) => {
  const a = await build(t, fixtureContent, { redisUrl });
  const b = await build(t, fixtureContent, { redisUrl });
  // A fresh address per run: counters outlive the test in Redis for the rest of their minute.
  const remoteAddress = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  const statuses: number[] = [];
  for (let i = 0; i < 31; i++) {
    for (const app of [a, b]) statuses.push((await app.fastify.inject({ url: '/search?q=zebras', remoteAddress })).statusCode);
  }
  assert.equal(statuses.filter((s) => s === 200).length, 60, 'sixty searches a minute in all, not sixty per process');
  assert.deepEqual(statuses.slice(60), [429, 429]);
  const other = await a.fastify.inject({ url: '/search?q=zebras', remoteAddress: '10.255.255.1' });
  assert.equal(other.statusCode, 200, 'other readers are not affected');
});

test('with Redis unreachable, search keeps working', async (t) => {
  const app = await build(t, fixtureContent, { redisUrl: 'redis://127.0.0.1:1' });
  const res = await app.fastify.inject('/search?q=zebras');
  assert.equal(res.statusCode, 200);
});
