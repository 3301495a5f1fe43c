import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test, type TestContext } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildApp } from '#src/app.ts';
import { loadConfig } from '#src/config.ts';
import { importContent } from '#src/content/importer.ts';
import { build, demoContent, testBaseUrl, testDb } from './helper.ts';

const ARTICLE = '/articles/als-overview';
type Headers = Record<string, string | string[] | number | undefined>;

/** Headers that belong to the connection or the bytes, not to the page. */
function pageHeaders(headers: Headers): Headers {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, 'content-length': _length, ...rest } = headers;
  return rest;
}

test('a cached answer, the miss before it and a 304 carry the same headers, security headers included', async (t) => {
  const app = await build(t);
  const br = { 'accept-encoding': 'gzip, deflate, br' };
  const miss = await app.fastify.inject({ url: ARTICLE, headers: br });
  await app.cache.idle();
  const hit = await app.fastify.inject({ url: ARTICLE, headers: br });
  assert.equal(miss.statusCode, 200);
  assert.deepEqual(pageHeaders(hit.headers), pageHeaders(miss.headers));
  assert.equal(hit.headers['content-length'], String(hit.rawPayload.length));
  assert.equal(hit.headers['content-encoding'], 'br');
  assert.equal(hit.headers['x-content-type-options'], 'nosniff');
  assert.match(String(hit.headers['content-security-policy']), /frame-ancestors 'none'/);
  assert.equal(hit.headers['strict-transport-security'] !== undefined, true, 'HSTS on an https site');

  const notModified = await app.fastify.inject({ url: ARTICLE, headers: { ...br, 'if-none-match': String(hit.headers.etag) } });
  assert.equal(notModified.statusCode, 304);
  assert.equal(notModified.body, '');
  const { 'content-type': _type, 'content-encoding': _encoding, ...withoutBody } = pageHeaders(hit.headers);
  assert.deepEqual(pageHeaders(notModified.headers), withoutBody);

  const plain = await app.fastify.inject({ url: `${ARTICLE}/?utm_source=x` });
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.headers.etag, String(hit.headers.etag).replace('-br"', '"'), 'trailing slash and an unkept query share the page');
  const head = await app.fastify.inject({ method: 'HEAD', url: ARTICLE });
  assert.equal(head.statusCode, 200);
  assert.equal(head.body, '');
  assert.equal(head.headers['content-length'], plain.headers['content-length']);
});

test('a miss is answered before the best compression is done; later readers get the best brotli and gzip', async (t) => {
  const app = await build(t);
  const miss = await app.fastify.inject({ url: ARTICLE, headers: { 'accept-encoding': 'br' } });
  assert.equal(miss.headers['content-encoding'], 'br');
  assert.equal(app.cache.get(ARTICLE)?.final, false, 'answered while the best forms were still being made');
  const page = brotliDecompressSync(miss.rawPayload).toString();
  assert.match(page, /<html/);

  await app.cache.idle();
  assert.equal(app.cache.get(ARTICLE)?.final, true);
  const best = await app.fastify.inject({ url: ARTICLE, headers: { 'accept-encoding': 'br' } });
  assert.equal(brotliDecompressSync(best.rawPayload).toString(), page);
  assert.ok(best.rawPayload.length < miss.rawPayload.length, 'the best brotli form is smaller than the fast one');
  assert.equal(best.headers.etag, miss.headers.etag, 'the same page in the same encoding keeps its ETag');
  const gzip = await app.fastify.inject({ url: ARTICLE, headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gzip.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gzip.rawPayload).toString(), page);
});

test('a miss makes only the form its reader asked for; the others come with the best forms', async (t) => {
  const app = await build(t);
  const miss = await app.fastify.inject({ url: ARTICLE });
  assert.equal(miss.headers['content-encoding'], undefined);
  const kept = app.cache.get(ARTICLE);
  assert.equal(kept?.final, false);
  assert.equal(kept?.br, undefined, 'no brotli made on the request path for a reader who did not ask for it');
  assert.equal(kept?.gzip, undefined);
  const meanwhile = await app.fastify.inject({ url: ARTICLE, headers: { 'accept-encoding': 'gzip' } });
  assert.equal(meanwhile.statusCode, 200, 'a reader who comes before the best forms gets the page as it is');
  await app.cache.idle();
  const later = await app.fastify.inject({ url: ARTICLE, headers: { 'accept-encoding': 'gzip' } });
  assert.equal(later.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(later.rawPayload).toString(), miss.body);
});

async function warmApp(t: TestContext) {
  const db = await testDb(t);
  const config = { ...loadConfig({ BASE_URL: testBaseUrl }), databaseUrl: 'test' };
  const app = await buildApp({ config, db, logger: false, contentPollMs: 0, warmCache: true });
  await importContent(app.services, demoContent);
  await app.fastify.ready();
  t.after(() => app.fastify.close());
  return app;
}

test('the cache is filled in the background at start, and again after a content change', async (t) => {
  const app = await warmApp(t);
  await app.warmer.settled();
  const sitemap = await app.fastify.inject('/sitemap.xml');
  const paths = [...sitemap.body.matchAll(/<loc>https:\/\/clinic\.example\.org([^<]*)<\/loc>/g)].map((m) => (m[1] === '/' ? '/' : (m[1] ?? '').replace(/\/$/, '')));
  assert.ok(paths.includes(ARTICLE) && paths.length > 10);
  // The article index keeps its `page` parameter in the cache key.
  const key = (path: string) => (/\/articles$/.test(path) ? `${path}?page=` : path);
  for (const path of paths) assert.equal(app.cache.get(key(path))?.final, true, `${path} warmed with its best forms`);

  const generation = app.cache.generation;
  await app.services.settings.bumpContentVersion();
  await app.refreshContent();
  assert.equal(app.cache.generation, generation + 1, 'the change dropped the cache');
  await app.warmer.settled();
  for (const path of paths) assert.equal(app.cache.get(key(path))?.final, true, `${path} warmed again after the change`);
});

/** The app as `npm start` builds it, logging to lines a test can read. */
async function loggingApp(t: TestContext, env: Record<string, string>) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const db = await testDb(t);
  const config = { ...loadConfig({ BASE_URL: testBaseUrl, ...env }), databaseUrl: 'test' };
  const app = await buildApp({ config, db, logger: { level: config.logLevel, stream }, contentPollMs: 0 });
  await importContent(app.services, demoContent);
  app.fastify.get('/test-slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return 'done';
  });
  await app.fastify.ready();
  t.after(() => app.fastify.close());
  const requestLines = () => lines.filter((l) => typeof l.url === 'string' || /request/.test(String(l.msg)));
  return { app, requestLines, forget: () => void lines.splice(0) };
}

test('at info an ordinary request writes no log line; a slow one writes one at warn', async (t) => {
  const { app, requestLines, forget } = await loggingApp(t, { SLOW_REQUEST_MS: '300' });
  // The first answer renders the page, which on a busy machine might itself count as slow.
  await app.fastify.inject(ARTICLE);
  forget();
  await app.fastify.inject(ARTICLE);
  await app.fastify.inject({ url: ARTICLE, headers: { 'accept-encoding': 'br' } });
  assert.deepEqual(requestLines(), []);
  await app.fastify.inject('/test-slow');
  const [slow, ...more] = requestLines();
  assert.equal(more.length, 0);
  assert.equal(slow?.level, 40);
  assert.equal(slow?.msg, 'slow request');
  assert.equal(slow?.url, '/test-slow');
  assert.equal(slow?.status, 200);
  assert.ok(Number(slow?.ms) >= 300);
});

test('at debug every request writes one access line', async (t) => {
  const { app, requestLines } = await loggingApp(t, { LOG_LEVEL: 'debug' });
  await app.fastify.inject(ARTICLE);
  await app.fastify.inject({ url: ARTICLE, headers: { 'accept-encoding': 'br' } });
  await app.fastify.inject('/nothing-here');
  const access = requestLines().filter((l) => l.msg === 'request');
  assert.deepEqual(access.map((l) => [l.level, l.method, l.url, l.status]), [
    [20, 'GET', ARTICLE, 200],
    [20, 'GET', ARTICLE, 200],
    [20, 'GET', '/nothing-here', 404],
  ]);
  assert.equal(requestLines().filter((l) => /incoming request|request completed/.test(String(l.msg))).length, 0, "Fastify's own two lines are gone");
});
