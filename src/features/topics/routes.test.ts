import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, fixtureContent } from '../../../test/helper.ts';

test('a condition page describes it, lists its articles and carries MedicalCondition data', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const res = await fastify.inject('/conditions/test-condition');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<h1>Test condition<\/h1>/);
  assert.match(res.body, /Also known as: fixture disease/);
  assert.match(res.body, /href="\/articles\/full-article"/);
  assert.match(res.body, /"@type":"MedicalCondition"/);
});

test('a treatment page shows its evidence status as a labelled badge with an explanation', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  const trial = (await fastify.inject('/treatments/trial-therapy')).body;
  assert.match(trial, /<span class="badge badge-trials"><span class="visually-hidden">Evidence status: <\/span>In clinical trials<\/span>/);
  assert.match(trial, /still being tested in clinical trials/);
  assert.match(trial, /Only inside registered trials\./);
  const approved = (await fastify.inject('/treatments/approved-pill')).body;
  assert.match(approved, /badge-approved/);
});

test('topic indexes list each kind; wrong kind or slug is 404', async (t) => {
  const { fastify } = await build(t, fixtureContent);
  assert.match((await fastify.inject('/conditions')).body, /Test condition/);
  const treatments = (await fastify.inject('/treatments')).body;
  assert.match(treatments, /Trial therapy/);
  assert.doesNotMatch(treatments, /Test condition/);
  for (const url of ['/conditions/trial-therapy', '/treatments/test-condition', '/conditions/nope', '/ur/conditions/test-condition']) {
    assert.equal((await fastify.inject(url)).statusCode, 404, url);
  }
});
