import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, fixtureContent, testBaseUrl } from '../../../test/helper.ts';

test('sitemap lists every public page with lastmod and hreflang alternates', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const res = await fastify.inject('/sitemap.xml');
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
  const xml = res.body;
  assert.match(xml, new RegExp(`<url><loc>${testBaseUrl}/articles/full-article</loc><lastmod>2026-03-01</lastmod><xhtml:link rel="alternate" hreflang="en" href="${testBaseUrl}/articles/full-article"/><xhtml:link rel="alternate" hreflang="ur" href="${testBaseUrl}/ur/articles/full-article"/>`));
  assert.match(xml, /\/ur\/articles\/full-article<\/loc>/);
  assert.doesNotMatch(xml, /draft-article/);
  for (const path of ['/conditions/test-condition', '/treatments/trial-therapy', '/people/dr-reviewer', '/about', '/editorial-policy']) assert.ok(xml.includes(`${testBaseUrl}${path}</loc>`), path);
  assert.equal((await fastify.inject('/ur/sitemap.xml')).statusCode, 404);
});

test('each language version has its own lastmod: a later translation does not date the original', async (t) => {
  const { fastify } = await build(t);
  const xml = (await fastify.inject('/sitemap.xml')).body;
  assert.match(xml, new RegExp(`<loc>${testBaseUrl}/articles/als-overview</loc><lastmod>2026-03-10</lastmod>`));
  assert.match(xml, new RegExp(`<loc>${testBaseUrl}/ur/articles/als-overview</loc><lastmod>2026-10-01</lastmod>`));
});

test('the Atom feed lists published articles', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const res = await fastify.inject('/feed.xml');
  assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
  assert.match(res.body, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
  assert.match(res.body, /<entry><title>Everything an article can hold<\/title><link href="https:\/\/clinic.example.org\/articles\/full-article"\/>/);
  assert.doesNotMatch(res.body, /A draft/);
  // There is one feed: the footer of an Urdu page links to it too, not to a /ur/ address that does not exist.
  const urdu = await fastify.inject('/ur/');
  assert.match(urdu.body, /<a href="\/feed.xml">/);
  assert.doesNotMatch(urdu.body, /href="\/ur\/feed.xml"/);
});

test('robots.txt points at the sitemap and keeps the staff area out', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const res = await fastify.inject('/robots.txt');
  assert.match(res.body, /Sitemap: https:\/\/clinic.example.org\/sitemap.xml/);
  assert.match(res.body, /Disallow: \/admin/);
});

test('every page has title, description, canonical, Open Graph, Twitter card and JSON-LD', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  for (const url of ['/', '/articles/full-article', '/conditions/test-condition', '/people/dr-reviewer', '/about', '/ur/articles/full-article']) {
    const html = (await fastify.inject(url)).body;
    assert.match(html, /<title>[^<]+<\/title>/, url);
    assert.match(html, /<meta name="description" content="[^"]+">/, url);
    assert.match(html, new RegExp(`<link rel="canonical" href="${testBaseUrl}${url === '/' ? '/' : url}">`), url);
    assert.match(html, /<meta property="og:title" content="[^"]+">/, url);
    assert.match(html, /<meta name="twitter:card" content="summary">/, url);
    for (const block of html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)) JSON.parse(block[1] ?? '');
  }
  const article = (await fastify.inject('/articles/full-article')).body;
  assert.match(article, /"@type":"MedicalWebPage".*"lastReviewed":"2026-03-01","reviewedBy":\{"@type":"Person","name":"Dr. Test Reviewer"/);
  assert.match(article, /"@type":"BreadcrumbList"/);
});
