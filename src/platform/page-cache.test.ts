import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding, compressPage, etagFor, matchesEtag, PageCache } from './page-cache.ts';

test('the smallest accepted encoding is chosen, and q=0 refuses one', () => {
  assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br');
  assert.equal(chooseEncoding('gzip'), 'gzip');
  assert.equal(chooseEncoding('br;q=0, gzip;q=0.5'), 'gzip');
  assert.equal(chooseEncoding(undefined), 'identity');
  assert.equal(chooseEncoding('identity'), 'identity');
  assert.equal(chooseEncoding('*'), 'br');
});

test('compressed forms hold the same bytes; ETags match across encodings', async () => {
  const page = await compressPage(200, 'text/html', '<p>héllo</p>'.repeat(50));
  assert.equal(gunzipSync(page.gzip).toString(), page.identity.toString());
  assert.equal(brotliDecompressSync(page.br).toString(), page.identity.toString());
  assert.ok(matchesEtag(page.etag, page));
  assert.ok(matchesEtag(`W/${etagFor(page, 'br')}`, page));
  assert.ok(matchesEtag(`"other", ${etagFor(page, 'gzip')}`, page));
  assert.ok(!matchesEtag('"other"', page));
  assert.ok(!matchesEtag(undefined, page));
});

test('concurrent misses render once; clear() drops pages and discards renders in flight', async () => {
  const cache = new PageCache(2);
  let renders = 0;
  const render = async () => {
    renders += 1;
    await new Promise((r) => setTimeout(r, 5));
    return compressPage(200, 'text/html', 'x');
  };
  await Promise.all([cache.getOrRender('a', render), cache.getOrRender('a', render)]);
  assert.equal(renders, 1);
  const inFlight = cache.getOrRender('b', render);
  cache.clear();
  await inFlight;
  assert.equal(cache.get('b'), undefined);
  await cache.getOrRender('c', render);
  await cache.getOrRender('d', render);
  await cache.getOrRender('e', render);
  assert.equal(cache.size, 2);
});
