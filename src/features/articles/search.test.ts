import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { parseFrontMatter } from '#src/content/front-matter.ts';
import type { Lang } from '#src/db/types.ts';
import { build, demoContent, fixtureContent } from '../../../test/helper.ts';
import { searchAsBefore } from '../../../test/search-oracle.ts';
import { SEARCH_RESULTS, searchTerms } from './rules.ts';

test('search finds published articles and highlights the words, escaped', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const res = await fastify.inject('/search?q=zebras');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /1 result for “zebras”/);
  assert.match(res.body, /<a href="\/articles\/overdue-article">/);
  assert.match(res.body, /<mark>zebras<\/mark>/);
  assert.doesNotMatch(res.body, /A draft/, 'drafts are not searchable');
  // Result pages stay crawlable (Lighthouse SEO) and point search engines at the one search page.
  assert.match(res.body, /<link rel="canonical" href="https:\/\/clinic.example.org\/search">/);
  assert.equal(res.headers['cache-control'], 'no-cache');
});

test('prefix matches work and the typed query is kept in the box', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const res = await fastify.inject('/search?q=zeb');
  assert.match(res.body, /<mark>zebras<\/mark>/);
  assert.match(res.body, /<input id="q" name="q" type="search" value="zeb"/);
});

test('Urdu search looks in Urdu articles', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const res = await fastify.inject(`/ur/search?q=${encodeURIComponent('متن')}`);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /href="\/ur\/articles\/full-article"/);
});

test('search finds what people type: plurals and possessives in English, Urdu without vowel marks or from an Arabic keyboard', async (t) => {
  const { fastify } = await build(t);
  const found = async (path: string, q: string, slug: string) => {
    const res = await fastify.inject(`${path}?q=${encodeURIComponent(q)}`);
    assert.equal(res.statusCode, 200, q);
    assert.match(res.body, new RegExp(`href="${path.replace('search', 'articles')}/${slug}"`), `"${q}" finds ${slug}`);
    return res.body;
  };
  await found('/search', 'parkinsons', 'parkinsons-disease-overview');
  const body = await found('/search', "Parkinson's", 'parkinsons-disease-overview');
  assert.doesNotMatch(body, /<mark>s[a-z]/i, 'the lone "s" is not searched for');
  await found('/ur/search', 'رلوزول', 'als-overview');
  await found('/ur/search', 'رِلوزول', 'als-overview');
  await found('/ur/search', 'ايل ايس', 'als-overview');
  await found('/ur/search', 'كمزوری', 'als-overview');
});

test('empty, huge, repeated, FTS-syntax and injection queries all answer normally', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const queries = ['', '   ', '"', '*', 'NEAR(', 'a OR b AND NOT c', "'; DROP TABLE articles; --", 'title:zebras', '^zebras', 'x'.repeat(5000), '%00', '(((((', '<script>alert(1)</script>', 'zebras&q=two'];
  for (const q of queries) {
    const res = await fastify.inject(`/search?q=${encodeURIComponent(q)}`);
    assert.equal(res.statusCode, 200, q.slice(0, 40));
    assert.doesNotMatch(res.body, /<script>alert/);
  }
  const twice = await fastify.inject('/search?q=a&q=b');
  assert.equal(twice.statusCode, 200);
  assert.match((await fastify.inject('/articles/overdue-article')).body, /zebras/, 'data is intact after the injection attempts');
});

test('search is rate limited per client with a friendly page', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  let last = 200;
  for (let i = 0; i < 61; i++) last = (await fastify.inject('/search?q=zebras')).statusCode;
  assert.equal(last, 429);
  const res = await fastify.inject('/search?q=zebras');
  assert.match(res.body, /Too many requests/);
});

test('direction overrides in a search are dropped: the page never shows them back', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const res = await fastify.inject(`/search?q=${encodeURIComponent('fdp.\u202Eexe \u2067x\u2069 ALS')}`);
  assert.equal(res.statusCode, 200);
  assert.doesNotMatch(res.body, /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
  assert.match(res.body, /value="fdp\.exe x ALS"/, 'the rest of the query is kept as typed');
  const urdu = await fastify.inject(`/ur/search?q=${encodeURIComponent('پاکستان\u200Cی')}`);
  assert.match(urdu.body, /پاکستان\u200Cی/, 'a zero-width non-joiner, which Urdu uses, is kept');
});

test('at a few hundred articles, search gives the same page as the one-pass query it replaced, and sees new articles at once', async (t) => {
  const { services, db } = await build(t);
  const articles = join(demoContent, 'articles');
  const files = readdirSync(articles).filter((f) => f.endsWith('.md'));
  // Copies of the demo articles, each with a different number of the searched words, so most scores differ.
  for (let i = 1; i <= 50; i++) {
    for (const f of files) {
      const ur = f.endsWith('.ur.md');
      const { data, body } = parseFrontMatter(readFileSync(join(articles, f), 'utf8'), f);
      const extra = (ur ? 'کمزوری ' : 'muscle weakness ').repeat(i % 17);
      await services.articles.save({ ...(data as object), slug: `${basename(f, ur ? '.ur.md' : '.md')}-copy-${i}`, lang: ur ? 'ur' : 'en', body: `${body}\n\nNote ${i}: ${extra}` } as never);
    }
  }
  const cases: [string, Lang][] = [['muscle', 'en'], ['weakness muscle', 'en'], ['riluzole', 'en'], ["Parkinson's", 'en'], ['pat', 'en'], ['breathing support', 'en'], ['zzzz', 'en'], ['کمزوری', 'ur'], ['رلوزول', 'ur']];
  for (const [query, lang] of cases) {
    const expected = await searchAsBefore(db, searchTerms(query), lang, SEARCH_RESULTS);
    assert.deepEqual(await services.articles.search(query, lang), expected, query);
    assert.deepEqual(await services.articles.search(query, lang), expected, `${query}, asked again`);
  }
  assert.equal((await services.articles.search('muscle', 'en')).length, SEARCH_RESULTS, 'a full page');

  assert.deepEqual(await services.articles.search('okapis', 'en'), []);
  const { data, body } = parseFrontMatter(readFileSync(join(articles, 'als-overview.md'), 'utf8'), 'als-overview.md');
  await services.articles.save({ ...(data as object), slug: 'okapi-article', lang: 'en', body: `${body}\n\nOkapis too.` } as never);
  assert.deepEqual((await services.articles.search('okapis', 'en')).map((h) => h.slug), ['okapi-article'], 'a newly published article is found at once');
});
