import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { once } from 'node:events';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { build, fixtureContent } from './helper.ts';
import { freePort } from './free-port.ts';

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

const redisServerMissing = spawnSync('redis-server', ['--version']).error
  ? 'redis-server is not installed (apt-get install redis-server; .ci/run installs it)'
  : false;

/** A redis-server of this test's own on 127.0.0.1, stopped by its PID when the test ends. */
async function startRedis(t: TestContext, port: number): Promise<{ stop: () => Promise<void> }> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };
  t.after(stop);
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await reachable(url))) {
    assert.ok(Date.now() < deadline, `redis-server did not answer on port ${port} within 10 s`);
    await sleep(50);
  }
  return { stop };
}

async function searches(app: { fastify: { inject: (o: { url: string; remoteAddress: string }) => Promise<{ statusCode: number }> } }, remoteAddress: string, n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await app.fastify.inject({ url: '/search?q=zebras', remoteAddress })).statusCode);
  return statuses;
}

test('processes started before Redis use it as soon as it answers, and count on their own while it is away', { skip: redisServerMissing, timeout: 40_000 }, async (t) => {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const a = await build(t, fixtureContent, { redisUrl: url });
  const b = await build(t, fixtureContent, { redisUrl: url });
  assert.deepEqual(await searches(a, '10.0.0.1', 1), [200], 'search works before Redis is there');

  await sleep(700); // the apps have been up a while, past any connect timeout
  const redis = await startRedis(t, port);
  const probe = new Redis(url, { retryStrategy: () => null });
  probe.on('error', () => undefined);
  t.after(() => probe.disconnect());
  // Each app is back on Redis once one of its searches leaves a counter there (bounded wait).
  for (const [app, address] of [[a, '10.0.0.2'], [b, '10.0.0.3']] as const) {
    const deadline = Date.now() + 10_000;
    while ((await probe.keys(`caresite-search-${address}`)).length === 0) {
      assert.ok(Date.now() < deadline, 'an app did not start using Redis within 10 s of it answering');
      await searches(app, address, 1);
      await sleep(100);
    }
  }

  const remoteAddress = '10.0.0.4';
  const shared: number[] = [];
  for (let i = 0; i < 31; i++) for (const app of [a, b]) shared.push(...(await searches(app, remoteAddress, 1)));
  assert.equal(shared.filter((s) => s === 200).length, 60, 'sixty searches a minute across both processes, counted in Redis');
  assert.deepEqual(shared.slice(60), [429, 429]);

  await redis.stop();
  const alone = await searches(a, '10.0.0.5', 61);
  assert.deepEqual([alone.filter((s) => s === 200).length, alone.at(-1)], [60, 429], 'with Redis gone, each process still limits on its own');
});
