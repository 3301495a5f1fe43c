import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { parseFrontMatter } from '#src/content/front-matter.ts';
import type { Lang } from '#src/db/types.ts';
import { build, demoContent, fixtureContent } from '../../../test/helper.ts';
import { searchAsBefore } from '../../../test/search-oracle.ts';
import * as searchTable from '#src/db/migrations/007-search-table.ts';
import { MARK_END, MARK_START, SEARCH_RESULTS, searchTerms } from './rules.ts';

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
  // The engines no longer make the snippets, so only the results and their order are compared;
  // every snippet must still mark a searched word wherever the match is in the body.
  const ranked = (hits: { slug: string; title: string; summary: string }[]) => hits.map(({ slug, title, summary }) => ({ slug, title, summary }));
  for (const [query, lang] of cases) {
    const before = await searchAsBefore(db, searchTerms(query), lang, SEARCH_RESULTS);
    const hits = await services.articles.search(query, lang);
    assert.deepEqual(ranked(hits), ranked(before), query);
    assert.deepEqual(await services.articles.search(query, lang), hits, `${query}, asked again`);
    for (const [i, hit] of hits.entries()) {
      if (before[i]?.snippet.includes(MARK_START)) assert.match(hit.snippet, new RegExp(`${MARK_START}[^${MARK_END}]+${MARK_END}`), `${query}: ${hit.slug} has a marked word`);
    }
  }
  assert.equal((await services.articles.search('muscle', 'en')).length, SEARCH_RESULTS, 'a full page');

  assert.deepEqual(await services.articles.search('okapis', 'en'), []);
  const { data, body } = parseFrontMatter(readFileSync(join(articles, 'als-overview.md'), 'utf8'), 'als-overview.md');
  await services.articles.save({ ...(data as object), slug: 'okapi-article', lang: 'en', body: `${body}\n\nOkapis too.` } as never);
  assert.deepEqual((await services.articles.search('okapis', 'en')).map((h) => h.slug), ['okapi-article'], 'a newly published article is found at once');
});

test('an article taken back to draft leaves search at once, and the search index is rebuilt from existing articles by its migration', async (t) => {
  const { services, db } = await build(t);
  const { data, body } = parseFrontMatter(readFileSync(join(demoContent, 'articles', 'als-overview.md'), 'utf8'), 'als-overview.md');
  const okapi = { ...(data as object), slug: 'okapi-article', lang: 'en', body: `${body}\n\nOkapis too.` };
  await services.articles.save(okapi as never);
  assert.deepEqual((await services.articles.search('okapis', 'en')).map((h) => h.slug), ['okapi-article']);
  await services.articles.save({ ...okapi, status: 'draft' } as never);
  assert.deepEqual(await services.articles.search('okapis', 'en'), [], 'a draft is not found');

  const before = await services.articles.search('muscle weakness', 'en');
  const urdu = await services.articles.search('کمزوری', 'ur');
  assert.ok(before.length > 0 && urdu.length > 0);
  await searchTable.down(db.kysely, db.dialect);
  await searchTable.up(db.kysely, db.dialect);
  await services.settings.bumpContentVersion();
  assert.deepEqual(await services.articles.search('muscle weakness', 'en'), before, 'the same results after the migration filled the index from the articles');
  assert.deepEqual(await services.articles.search('کمزوری', 'ur'), urdu);
  assert.deepEqual(await services.articles.search('okapis', 'en'), [], 'drafts are left out by the migration too');
});
