import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { test, type TestContext } from 'node:test';
import { Writable } from 'node:stream';
import { buildApp } from '#src/app.ts';
import { loadConfig } from '#src/config.ts';
import { importContent } from '#src/content/importer.ts';
import { demoContent, testBaseUrl, testDb } from './helper.ts';

// The fast lane sits in front of Fastify's handler on the real server, which `inject` does not go
// through: these tests talk HTTP to a listening app.

const ARTICLE = '/articles/als-overview';
type Headers = Record<string, string | string[] | undefined>;

interface Answer {
  status: number;
  headers: Headers;
  body: Buffer;
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Headers that belong to the connection, not to the page. */
function pageHeaders(headers: Headers): Headers {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = headers;
  return rest;
}

async function listeningApp(t: TestContext, env: Record<string, string> = {}) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const db = await testDb(t);
  const config = { ...loadConfig({ BASE_URL: testBaseUrl, ...env }), databaseUrl: 'test' };
  const app = await buildApp({ config, db, logger: { level: config.logLevel, stream }, contentPollMs: 0 });
  await importContent(app.services, demoContent);
  await app.fastify.listen({ host: '127.0.0.1', port: 0 });
  t.after(() => app.fastify.close());
  const address = app.fastify.server.address();
  assert.ok(address && typeof address === 'object');
  return { app, port: address.port, lines };
}

test('a page answered from the cache before routing is byte for byte the answer the route gives', async (t) => {
  const { app, port } = await listeningApp(t);
  for (const encoding of ['', 'gzip', 'gzip, deflate, br, zstd']) {
    const headers: Record<string, string> = encoding ? { 'accept-encoding': encoding } : {};
    const first = await get(port, ARTICLE, headers);
    await app.cache.idle();
    const viaRoute = await get(port, ARTICLE, headers);
    const before = app.fastLane.answered;
    const viaLane = await get(port, ARTICLE, headers);
    assert.equal(app.fastLane.answered, before + 1, `answered before routing (${encoding || 'identity'})`);
    assert.equal(first.status, 200);
    assert.equal(viaLane.status, 200);
    assert.deepEqual(pageHeaders(viaLane.headers), pageHeaders(viaRoute.headers));
    assert.deepEqual(viaLane.body, viaRoute.body);
    assert.equal(viaLane.headers['x-content-type-options'], 'nosniff', 'security headers included');
    assert.match(String(viaLane.headers['content-security-policy']), /frame-ancestors 'none'/);

    const notModified = await get(port, ARTICLE, { ...headers, 'if-none-match': String(viaLane.headers.etag) });
    assert.equal(app.fastLane.answered, before + 2);
    assert.equal(notModified.status, 304);
    assert.equal(notModified.body.length, 0);
    assert.equal(notModified.headers.etag, viaLane.headers.etag);
  }
});

test('what the lane does not know goes through Fastify: other methods, query strings, trailing slashes, unknown pages, admin', async (t) => {
  const { app, port } = await listeningApp(t);
  await get(port, ARTICLE);
  await app.cache.idle();
  const before = app.fastLane.answered;
  const head = await get(port, ARTICLE, {}, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal((await get(port, `${ARTICLE}?utm_source=x`)).status, 200);
  assert.equal((await get(port, `${ARTICLE}/`)).status, 200);
  assert.equal((await get(port, `${ARTICLE}%00`)).status, 400);
  for (let i = 0; i < 2; i++) assert.equal((await get(port, '/articles/no-such-article')).status, 404, 'a missing page is never learned');
  assert.equal((await get(port, '/admin/sign-in')).status, 200);
  const post = await get(port, ARTICLE, { 'content-length': '0' }, 'POST');
  assert.equal(post.status, 404);
  assert.equal(app.fastLane.answered, before, 'none of these was answered before routing');
});

test('after a content change the lane never serves the old page', async (t) => {
  const { app, port } = await listeningApp(t);
  await get(port, ARTICLE);
  await app.cache.idle();
  await get(port, ARTICLE);
  const lane = app.fastLane.answered;
  const old = await get(port, ARTICLE);
  assert.equal(app.fastLane.answered, lane + 1);

  await app.services.settings.bumpContentVersion();
  await app.refreshContent();
  const fresh = await get(port, ARTICLE);
  assert.equal(app.fastLane.answered, lane + 1, 'the dropped page is rendered again by its route');
  assert.equal(fresh.status, 200);
  assert.notEqual(fresh.headers.etag, undefined);
  assert.equal(old.status, 200);
});

test('with an access line per request (LOG_LEVEL=debug) every request goes through Fastify and is logged', async (t) => {
  const { app, port, lines } = await listeningApp(t, { LOG_LEVEL: 'debug' });
  for (let i = 0; i < 3; i++) assert.equal((await get(port, ARTICLE)).status, 200);
  assert.equal(app.fastLane.answered, 0);
  assert.equal(lines.filter((line) => line.includes(`"url":"${ARTICLE}"`)).length, 3);
});

test('once the server starts closing, the lane answers nothing more', async (t) => {
  const { app, port } = await listeningApp(t);
  await get(port, ARTICLE);
  await app.cache.idle();
  assert.equal((await get(port, ARTICLE)).status, 200);
  await app.fastify.close();
  const req = { method: 'GET', url: ARTICLE, headers: {} } as Parameters<typeof app.fastLane.answer>[0];
  assert.equal(app.fastLane.answer(req, {} as Parameters<typeof app.fastLane.answer>[1]), false);
});
