import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, fixtureContent } from '../../../test/helper.ts';

test('a reviewer’s page shows credentials, registration, the articles reviewed and Physician data', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const res = await fastify.inject('/people/dr-reviewer');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<h1>Dr. Test Reviewer<\/h1>/);
  assert.match(res.body, /Registration: PMDC \(test\) 1-P/);
  assert.match(res.body, /Articles reviewed/);
  assert.match(res.body, /href="\/articles\/full-article"/);
  assert.match(res.body, /"@type":"Physician"/);
  assert.match(res.body, /<span class="portrait initials" aria-hidden="true">TR<\/span>/);
  // On the Urdu page the English biography still reads left to right.
  const ur = await fastify.inject('/ur/people/dr-reviewer');
  assert.match(ur.body, /<html lang="ur" dir="rtl">/);
  assert.match(ur.body, /<div class="prose" lang="en" dir="ltr">/);
  // The translator's page lists the translations, in the language they are in.
  const writer = await fastify.inject('/ur/people/writer');
  assert.match(writer.body, /<h2 id="cs-translated">ترجمہ کردہ مضامین<\/h2>/);
  assert.match(writer.body, /href="\/ur\/articles\/full-article"/);
  assert.doesNotMatch((await fastify.inject('/people/writer')).body, /cs-translated/, 'no empty list on the English page');
});

test('an author who is not a physician is a Person; unknown people are 404', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const res = await fastify.inject('/people/writer');
  assert.match(res.body, /"@type":"Person"/);
  assert.match(res.body, /Articles written/);
  assert.equal((await fastify.inject('/people/nobody')).statusCode, 404);
});
