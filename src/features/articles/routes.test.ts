import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, fixtureContent, testBaseUrl } from '../../../test/helper.ts';

test('article page: every part in order, on the fixture article', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const res = await fastify.inject('/articles/full-article');
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
  const html = res.body;
  const order = ['class="crumbs"', '<h1>Everything an article can hold</h1>', 'class="summary"', 'Trial therapy is experimental', 'class="byline"', 'pull-quote', 'class="toc"', 'class="video"', 'class="prose"', 'id="cs-references"', 'class="share"', 'class="cta"', 'class="disclaimer"'];
  let at = -1;
  for (const marker of order) {
    const i = html.indexOf(marker);
    assert.ok(i > at, `${marker} should come after the previous part`);
    at = i;
  }
  assert.match(html, /Published <time datetime="2026-03-01">/);
  assert.doesNotMatch(html, /Updated <time/, 'never updated since publication: no update date');
  assert.match(html, /Medically reviewed by <a href="\/people\/dr-reviewer">Dr. Test Reviewer<\/a>, MBBS, FCPS \(Neurology\), on <time datetime="2026-03-01">/);
  assert.match(html, /Next review due <time datetime="2099-03-01">/);
  assert.match(html, /<a href="\/treatments\/trial-therapy">/);
  assert.doesNotMatch(html, /Approved pill is experimental/);
  assert.match(html, /<ol><li><a href="#first-section">First section<\/a><ul><li><a href="#a-subsection">A subsection<\/a><\/li><\/ul><\/li><li><a href="#second-section">/);
  assert.match(html, /<h2 id="first-section">/);
  assert.match(html, /<li id="ref-1" dir="auto">.*href="https:\/\/pubmed.ncbi.nlm.nih.gov\/12345678\/"/);
  assert.match(html, /href="https:\/\/clinicaltrials.gov\/study\/NCT01234567"/);
  assert.match(html, /<a class="video-facade" href="https:\/\/www.youtube.com\/watch\?v(=|&#61;)dQw4w9WgXcQ"/);
  assert.doesNotMatch(html, /<iframe/, 'no request to the video host before a click');
  assert.doesNotMatch(html, /<script>alert|javascript:/);
  assert.match(html, /This page is for information only/);
});

test('share bar links carry the canonical URL and load nothing from the networks', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const html = (await fastify.inject('/articles/full-article')).body;
  const url = encodeURIComponent(`${testBaseUrl}/articles/full-article`);
  for (const host of ['www.facebook.com/sharer', 'x.com/intent/post', 'www.linkedin.com/sharing', 'wa.me/', 't.me/share', 'www.tumblr.com/widgets', 'mailto:']) {
    const link = new RegExp(`href="[^"]*${host.replace(/[./]/g, '\\$&')}[^"]*"`).exec(html)?.[0] ?? '';
    assert.ok(link.includes(url), `${host} link has the article URL: ${link}`);
  }
  assert.match(html, /class="share-copy"[^>]*hidden/);
  assert.doesNotMatch(html, /<(img|script|iframe|link)[^>]+(src|href)="https?:\/\/(?!clinic\.example\.org)/, 'no resource from another host');
});

test('an article past its next-review date says it is due for review', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const html = (await fastify.inject('/articles/overdue-article')).body;
  assert.match(html, /This article is due for medical review/);
  assert.doesNotMatch((await fastify.inject('/articles/full-article')).body, /due for medical review/);
});

test('drafts and unknown slugs are real 404s in the reader’s language', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  for (const url of ['/articles/draft-article', '/articles/nope', '/ur/articles/overdue-article', '/articles/nope.html', '/articles/%3Cscript%3E']) {
    const res = await fastify.inject(url);
    assert.equal(res.statusCode, 404, url);
    assert.match(res.body, url.startsWith('/ur') ? /lang="ur" dir="rtl"/ : /Page not found/);
    // An error page is kept out of search and claims no canonical address (its path is whatever was typed).
    assert.match(res.body, /<meta name="robots" content="noindex">/, url);
    assert.doesNotMatch(res.body, /rel="canonical"|og:url/, url);
    // There is no such page in the other language either: the switcher offers that language's home page.
    assert.match(res.body, url.startsWith('/ur') ? /<a class="lang-switch" href="\/" hreflang="en"/ : /<a class="lang-switch" href="\/ur\/" hreflang="ur"/, url);
  }
});

test('a slug longer than any real one gets a 4xx page, not a 500', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const res = await fastify.inject('/articles/' + 'x'.repeat(300));
  assert.equal(res.statusCode, 414);
  assert.match(res.body, /<h1>Bad request<\/h1>/);
});

test('translations link to each other; a missing one is said, not linked', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const en = (await fastify.inject('/articles/full-article')).body;
  assert.match(en, /<link rel="alternate" hreflang="ur" href="https:\/\/clinic.example.org\/ur\/articles\/full-article">/);
  assert.match(en, /<a class="lang-switch" href="\/ur\/articles\/full-article" hreflang="ur"/);
  const ur = (await fastify.inject('/ur/articles/full-article')).body;
  assert.match(ur, /<html lang="ur" dir="rtl">/);
  assert.match(ur, /<a class="lang-switch" href="\/articles\/full-article" hreflang="en"/);
  // A translation names its translator in the byline and in its structured data.
  assert.match(ur, /ترجمہ: <a href="\/ur\/people\/writer">/);
  assert.match(ur, /"translator":\{"@type":"Person","name":"Test Writer"/);
  assert.doesNotMatch(en, /Translated by/);
  const single = (await fastify.inject('/articles/overdue-article')).body;
  // Said in Urdu, to the reader who was looking for Urdu.
  assert.match(single, /<span class="lang-switch unavailable" lang="ur" dir="rtl">یہ صفحہ ابھی اردو میں دستیاب نہیں<\/span>/);
});

test('article index paginates and rejects bad page numbers', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const res = await fastify.inject('/articles');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Everything an article can hold/);
  assert.doesNotMatch(res.body, /A draft/);
  for (const page of ['2', '0', '-1', 'abc', '1e3', '9999999']) assert.equal((await fastify.inject(`/articles?page=${page}`)).statusCode, 404, page);
});

test('pages are cached: ETag, 304 on If-None-Match, brotli and gzip forms', async (t) => {
  const { fastify, cache } = await build(t, fixtureContent);
  const first = await fastify.inject({ url: '/articles/full-article', headers: { 'accept-encoding': 'br' } });
  assert.equal(first.headers['content-encoding'], 'br');
  assert.equal(first.headers.vary, 'Accept-Encoding');
  assert.match(String(first.headers['cache-control']), /public, max-age=\d+/);
  const etag = String(first.headers.etag);
  const again = await fastify.inject({ url: '/articles/full-article', headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
  // The miss made only the form its reader asked for; gzip comes with the best forms, off the request path.
  await cache.idle();
  const gz = await fastify.inject({ url: '/articles/full-article', headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  const plain = await fastify.inject({ url: '/articles/full-article', headers: { 'if-none-match': etag } });
  assert.equal(plain.statusCode, 304, 'the same page in another encoding is still not modified');
});

test('publishing a change drops the cached page, through the shared content version', async (t) => {
  const { fastify, services, refreshContent } = await build(t, fixtureContent);
  const before = await fastify.inject('/articles/overdue-article');
  await services.articles.save({
    slug: 'overdue-article', lang: 'en', title: 'A corrected title', summary: 's', body: 'b', author: 'writer', reviewer: 'dr-reviewer',
    published_at: '2024-01-01', updated_at: '2026-11-01', reviewed_at: '2026-11-01', next_review_at: '2027-11-01',
  });
  assert.equal((await fastify.inject('/articles/overdue-article')).headers.etag, before.headers.etag, 'kept until the version is checked');
  await refreshContent();
  const after = await fastify.inject('/articles/overdue-article');
  assert.notEqual(after.headers.etag, before.headers.etag);
  assert.match(after.body, /A corrected title/);
  // The byline keeps the first publication date and adds the update.
  assert.match(after.body, /Published <time datetime="2024-01-01">1 January 2024<\/time> · Updated <time datetime="2026-11-01">/);
  assert.doesNotMatch(after.body, /due for medical review/);
});

test('the index has a second page once there are more than ten articles', async (t) => {
  const { fastify, services, refreshContent } = await build(t, fixtureContent);
  for (let i = 1; i <= 10; i++) {
    await services.articles.save({
      slug: `extra-${i}`, lang: 'en', title: `Extra article ${i}`, summary: 's', body: 'b', author: 'writer', reviewer: 'dr-reviewer',
      published_at: `2026-02-${String(i).padStart(2, '0')}`, reviewed_at: '2026-02-01', next_review_at: '2027-02-01',
    });
  }
  await refreshContent();
  const first = (await fastify.inject('/articles')).body;
  assert.match(first, /Page 1 of 2/);
  assert.match(first, /<a rel="next" href="\/articles\?page(=|&#61;)2">/);
  const second = await fastify.inject('/articles?page=2');
  assert.equal(second.statusCode, 200);
  assert.match(second.body, /<a rel="prev" href="\/articles">/);
  assert.match(second.body, /<link rel="canonical" href="https:\/\/clinic.example.org\/articles\?page(=|&#61;)2">/);
  assert.equal((await fastify.inject('/articles?page=3')).statusCode, 404);
});

test('a failure inside the app gives the friendly 500 page in the reader’s language, no details', async (t) => {
  const { fastify, db } = await build(t, fixtureContent);
  const { sql } = await import('kysely');
  await sql`DROP TABLE article_topics`.execute(db.kysely);
  const res = await fastify.inject('/ur/articles/full-article');
  assert.equal(res.statusCode, 500);
  assert.match(res.body, /<html lang="ur" dir="rtl">/);
  assert.doesNotMatch(res.body, /article_topics|SQLITE|relation|at .*\.ts/);
  assert.equal(res.headers['cache-control'], 'no-store');
});
