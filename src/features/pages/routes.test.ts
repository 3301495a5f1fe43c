import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, demoContent, fixtureContent } from '../../../test/helper.ts';

test('home: name, promise, call to action, conditions, latest articles and testimonials', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const res = await fastify.inject('/');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<h1>Fixture Clinic<\/h1>/);
  assert.match(res.body, /Test clinic tagline/);
  assert.match(res.body, /<a class="button" href="\/consultation">Request a consultation<\/a>/);
  assert.match(res.body, /href="\/conditions\/test-condition"/);
  assert.match(res.body, /href="\/articles\/full-article"/);
  assert.match(res.body, /The team explained everything\.[\s\S]*Fixture text for tests\./);
  assert.match(res.body, /"@type":"MedicalClinic"/);
});

test('the consultation page gives phone, WhatsApp and email from settings', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const res = await fastify.inject('/consultation');
  assert.match(res.body, /href="tel:\+924200000000"/);
  assert.match(res.body, /href="https:\/\/wa.me\/923000000000" rel="noopener" dir="ltr">\+92\u00a0300\u00a00000000<\/a>/, 'shown in international format');
  assert.match(res.body, /href="mailto:care@example.org"/);
  assert.match(res.body, /Mon–Fri 9–5/);
});

test('static pages come from Markdown; contact adds locations; a missing translation is 404', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  for (const slug of ['about', 'privacy', 'editorial-policy', 'contact']) {
    const res = await fastify.inject(`/${slug}`);
    assert.equal(res.statusCode, 200, slug);
    assert.match(res.body, new RegExp(`Text of ${slug}\\.`));
  }
  assert.match((await fastify.inject('/contact')).body, /openstreetmap.org/);
  assert.equal((await fastify.inject('/ur/about')).statusCode, 404);
});

test('the demo content loads: three articles or more, an Urdu translation, both topics, testimonials', async (t) => {
  const { fastify } = await build(t, demoContent);
  const index = (await fastify.inject('/articles')).body;
  assert.ok((index.match(/class="card"/g) ?? []).length >= 3);
  for (const url of ['/articles/als-overview', '/ur/articles/als-overview', '/articles/als-treatment-options', '/conditions/als', '/treatments/stem-cell-therapy', '/ur/about', '/editorial-policy']) {
    assert.equal((await fastify.inject(url)).statusCode, 200, url);
  }
  const treatment = (await fastify.inject('/articles/als-treatment-options')).body;
  assert.match(treatment, /is experimental/);
  assert.match(treatment, /pull-quote/);
  const home = (await fastify.inject('/')).body;
  assert.ok((home.match(/class="disclosure"/g) ?? []).length >= 2, 'two testimonials with their disclosure on the home page');
});
