import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { build, fixtureContent } from './helper.ts';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function reachable(url: string): Promise<boolean> {
  const client = new Redis(url, { connectTimeout: 500, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

test('two processes share one search rate limit through Redis (or, with no Redis, each keeps its own)', async (t) => {
  if (!(await reachable(redisUrl))) {
    t.diagnostic(`no Redis at ${redisUrl}: testing the in-memory fallback instead. Start redis-server (apt-get install redis-server) or set TEST_REDIS_URL to test the shared limit.`);
    assert.ok(!process.env.TEST_REDIS_URL, `TEST_REDIS_URL is set to ${redisUrl} but nothing answers there`);
    const a = await build(t, fixtureContent);
    const b = await build(t, fixtureContent);
    for (const app of [a, b]) {
      const statuses: number[] = [];
      for (let i = 0; i < 61; i++) statuses.push((await app.fastify.inject('/search?q=zebras')).statusCode);
      assert.deepEqual([statuses.filter((x) => x === 200).length, statuses.at(-1)], [60, 429], 'each process counts on its own');
    }
    return;
  }
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
