import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SearchCache } from './search-cache.ts';

test('the search cache answers a repeated query once, forgets failures, the least recent query and every query of an older version', async () => {
  const cache = new SearchCache<string>(2);
  let runs = 0;
  const compute = (v: string) => () => (runs++, Promise.resolve(v));
  assert.deepEqual(await Promise.all([cache.get('1', 'a', compute('A')), cache.get('1', 'a', compute('A'))]), ['A', 'A']);
  assert.equal(runs, 1, 'two askers at once, one search');
  await assert.rejects(cache.get('1', 'b', () => Promise.reject(new Error('down'))));
  assert.equal(await cache.get('1', 'b', compute('B')), 'B', 'a failure is not kept');
  await cache.get('1', 'a', compute('A'));
  await cache.get('1', 'c', compute('C'));
  runs = 0;
  await cache.get('1', 'a', compute('A'));
  assert.equal(runs, 0, 'a, used recently, is kept');
  await cache.get('1', 'b', compute('B'));
  assert.equal(runs, 1, 'b, the least recently used, was dropped');
  assert.equal(await cache.get('2', 'a', compute('A2')), 'A2', 'a new content version starts afresh');
});
