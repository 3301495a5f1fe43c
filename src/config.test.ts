import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

test('defaults serve the demo on embedded SQLite at localhost:3000', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.databaseUrl, 'sqlite:./data/caresite.db');
  assert.equal(c.baseUrl, 'http://localhost:3000');
});

test('a bad value stops start-up with a message naming the variable', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message) && /"eighty"/.test(e.message));
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL: must start with sqlite:/);
  assert.throws(() => loadConfig({ BASE_URL: 'clinic.example.org' }), /BASE_URL: must be an absolute http\(s\) URL/);
  assert.equal(loadConfig({ BASE_URL: 'https://clinic.example.org/' }).baseUrl, 'https://clinic.example.org');
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).databaseUrl, 'postgres://u@h/db');
});

test('the page cache bound and the slow-request threshold are settings', () => {
  const defaults = loadConfig({});
  assert.equal(defaults.pageCacheBytes, 32 * 1024 * 1024);
  assert.equal(defaults.slowRequestMs, 500);
  const set = loadConfig({ PAGE_CACHE_MB: '0.5', SLOW_REQUEST_MS: '200' });
  assert.equal(set.pageCacheBytes, 512 * 1024);
  assert.equal(set.slowRequestMs, 200);
  assert.throws(() => loadConfig({ PAGE_CACHE_MB: '0' }), /PAGE_CACHE_MB/);
  assert.throws(() => loadConfig({ SLOW_REQUEST_MS: 'soon' }), /SLOW_REQUEST_MS/);
});
