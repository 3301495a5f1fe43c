import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, fixtureContent } from '../../../test/helper.ts';

test('"due for review" is decided by the clock the services are given, not the machine\'s', async (t) => {
  // The fixture article's next review is planned for 2025-01-01.
  let now = new Date('2024-12-31T12:00:00Z');
  const app = await build(t, fixtureContent, { now: () => now });
  assert.equal((await app.services.articles.detail('overdue-article', 'en'))?.reviewState, 'current');
  assert.doesNotMatch((await app.fastify.inject('/articles/overdue-article')).body, /due for medical review/);
  const before = await app.services.articles.editorialCounts();

  now = new Date('2025-01-02T00:00:00Z');
  assert.equal((await app.services.articles.detail('overdue-article', 'en'))?.reviewState, 'overdue');
  assert.equal((await app.services.articles.editorialCounts()).reviewOverdue, before.reviewOverdue + 1);
  app.cache.clear();
  assert.match((await app.fastify.inject('/articles/overdue-article')).body, /This article is due for medical review/);
});
