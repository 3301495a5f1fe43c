import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { acceptedEncodings, ACCEPTS_BR, ACCEPTS_GZIP, chooseEncoding, compressPage, encodingFor, etagFor, matchesEtag, pageBytes, PageCache, quickPage, type CachedPage } from './page-cache.ts';

test('the smallest accepted encoding is chosen, and q=0 refuses one', () => {
  assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br');
  assert.equal(chooseEncoding('gzip'), 'gzip');
  assert.equal(chooseEncoding('br;q=0, gzip;q=0.5'), 'gzip');
  assert.equal(chooseEncoding(undefined), 'identity');
  assert.equal(chooseEncoding('identity'), 'identity');
  assert.equal(chooseEncoding('*'), 'br');
  // Asked twice (the second answer comes from the memo), the answer is the same.
  assert.equal(acceptedEncodings('br;q=0, gzip;q=0.5'), ACCEPTS_GZIP);
  assert.equal(acceptedEncodings('br;q=0, gzip;q=0.5'), ACCEPTS_GZIP);
});

test('a form not made yet is skipped for the next best one the client accepts', () => {
  const page = quickPage(200, 'text/html', 'x'.repeat(100), ['gzip']);
  assert.equal(encodingFor(ACCEPTS_BR | ACCEPTS_GZIP, page), 'gzip');
  assert.equal(encodingFor(ACCEPTS_BR, page), 'identity');
  assert.equal(encodingFor(0, page), 'identity');
});

test('compressed forms hold the same bytes; ETags match across encodings', async () => {
  const page = await compressPage(200, 'text/html', '<p>héllo</p>'.repeat(50));
  assert.ok(page.gzip && page.br && page.final);
  assert.equal(gunzipSync(page.gzip).toString(), page.identity.toString());
  assert.equal(brotliDecompressSync(page.br).toString(), page.identity.toString());
  assert.ok(matchesEtag(page.etag, page));
  assert.ok(matchesEtag(`W/${etagFor(page, 'br')}`, page));
  assert.ok(matchesEtag(`"other", ${etagFor(page, 'gzip')}`, page));
  assert.ok(!matchesEtag('"other"', page));
  assert.ok(!matchesEtag(undefined, page));
});

test('the fast forms made on a miss decode to the same bytes and share the ETag of the best ones', async () => {
  const body = '<p>héllo</p>'.repeat(50);
  const fastBr = quickPage(200, 'text/html', body, ['br']);
  const fastGzip = quickPage(200, 'text/html', body, ['gzip']);
  assert.ok(fastBr.br && fastGzip.gzip && !fastBr.final);
  assert.equal(brotliDecompressSync(fastBr.br).toString(), body);
  assert.equal(gunzipSync(fastGzip.gzip).toString(), body);
  assert.equal(fastBr.etag, (await compressPage(200, 'text/html', body)).etag);
});

const final = (body: string): Promise<CachedPage> => compressPage(200, 'text/html', body);

test('concurrent misses render once; clear() drops pages and discards renders in flight', async () => {
  const cache = new PageCache();
  let renders = 0;
  const render = async () => {
    renders += 1;
    await new Promise((r) => setTimeout(r, 5));
    return final('x');
  };
  await Promise.all([cache.getOrRender('a', render), cache.getOrRender('a', render)]);
  assert.equal(renders, 1);
  const inFlight = cache.getOrRender('b', render);
  cache.clear();
  await inFlight;
  assert.equal(cache.get('b'), undefined);
  assert.equal(cache.size, 0);
  assert.equal(cache.bytes, 0);
});

test('a page not final is kept at once, and its best forms replace it in the background', async () => {
  const cache = new PageCache();
  const body = '<p>a long enough page</p>'.repeat(200);
  const first = await cache.getOrRender('p', async () => quickPage(200, 'text/html', body));
  assert.equal(first.final, false);
  assert.equal(first.br, undefined);
  assert.equal(cache.get('p'), first, 'answered from the cache before the best forms exist');
  await cache.idle();
  const best = cache.get('p');
  assert.ok(best?.final && best.br && best.gzip);
  assert.equal(best.etag, first.etag);
  assert.equal(brotliDecompressSync(best.br).toString(), body);
  assert.equal(cache.bytes, pageBytes('p', best));
});

test('best forms that finish after the page was dropped are not kept', async () => {
  const cache = new PageCache();
  await cache.getOrRender('p', async () => quickPage(200, 'text/html', 'x'.repeat(5000)));
  cache.clear();
  await cache.idle();
  assert.equal(cache.size, 0);
  assert.equal(cache.bytes, 0);
});

test('the cache holds at most maxBytes, every form counted, dropping the least recently used page first', async () => {
  const pages = await Promise.all(['a', 'b', 'c', 'd'].map((name) => final(`<p>${name}</p>`.repeat(300) + Math.random())));
  const [a, b, c, d] = pages as [CachedPage, CachedPage, CachedPage, CachedPage];
  const one = pageBytes('a', a);
  assert.ok(one > a.identity.length + (a.br?.length ?? 0), 'the compressed forms count too');
  const cache = new PageCache({ maxBytes: Math.max(...pages.map((p) => pageBytes('a', p))) * 3 + 10 });
  await cache.getOrRender('a', async () => a);
  await cache.getOrRender('b', async () => b);
  await cache.getOrRender('c', async () => c);
  assert.equal(cache.size, 3);
  assert.equal(cache.get('a'), a, 'a is now the most recently used');
  await cache.getOrRender('d', async () => d);
  assert.equal(cache.size, 3);
  assert.equal(cache.get('b'), undefined, 'b, the least recently used, went first');
  assert.ok(cache.get('a') && cache.get('c') && cache.get('d'));
  assert.equal(cache.bytes, pageBytes('a', a) + pageBytes('c', c) + pageBytes('d', d));
});

test('a page larger than the whole bound is answered but not kept', async () => {
  const cache = new PageCache({ maxBytes: 1000 });
  const page = await cache.getOrRender('big', async () => final('x'.repeat(5000)));
  assert.equal(page.identity.length, 5000);
  assert.equal(cache.size, 0);
  assert.equal(cache.bytes, 0);
});
