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
