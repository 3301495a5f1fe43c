import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isReference, isSpam, mentionsEmergency, newReference, respondBy, signalsOf, sitePath, utmTags, isTimeZone } from './rules.ts';

test('references are readable over the phone, well-formed and random', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const ref = newReference();
    assert.ok(isReference(ref), ref);
    assert.doesNotMatch(ref.slice(3), /[0O1IL5S2Z]/, 'no characters that are misread');
    seen.add(ref);
  }
  assert.equal(seen.size, 2000, 'no repeats in 2000');
  assert.equal(newReference(() => 0), 'CS-AAAA-AAAA');
  for (const bad of ['CS-AAAA-AAA', 'cs-AAAA-AAAA', 'CS-AAAA-AAA0', 'CS-AAAA-AAAA/x', '../CS-AAAA-AAAA']) assert.ok(!isReference(bad), bad);
});

test('emergency signs are found as whole words, whatever the case, punctuation or Urdu letter forms', () => {
  const signs = ['chest pain', 'choking', 'سانس لینے میں دشواری', 'بے ہوش'];
  assert.ok(mentionsEmergency('Since this morning he has CHEST PAIN!', signs));
  assert.ok(mentionsEmergency('choking, at every meal', signs));
  assert.ok(mentionsEmergency('امی کو سانس لینے میں دشواری ہے', signs));
  assert.ok(mentionsEmergency('وہ کل بے ہوش ہو گئے تھے', signs), 'Urdu');
  assert.ok(mentionsEmergency('وه کل بے هوش ہو گئے', signs), 'typed on an Arabic keyboard (ه for ہ)');
  assert.ok(!mentionsEmergency('unchoking is not a word here', ['choking']), 'not inside another word');
  assert.ok(!mentionsEmergency('Questions about physiotherapy', signs));
  assert.ok(!mentionsEmergency('anything', ['', '  ']), 'blank signs never match');
});

test('signals: bots and replays go to spam, a missing proof only asks for a closer look', () => {
  const person = { honeypot: '', fillMs: 60_000, proof: 'ok' as const, manyFromAddress: false };
  assert.deepEqual(signalsOf(person), []);
  assert.deepEqual(signalsOf({ ...person, honeypot: 'x' }), ['honeypot']);
  assert.deepEqual(signalsOf({ ...person, fillMs: 2999 }), ['too-fast']);
  assert.deepEqual(signalsOf({ ...person, fillMs: undefined, proof: 'missing' }), ['no-proof-of-work'], 'JavaScript off');
  assert.deepEqual(signalsOf({ ...person, proof: 'spent' }), ['reused-proof-of-work']);
  assert.deepEqual(signalsOf({ ...person, manyFromAddress: true }), ['many-from-address']);
  assert.ok(isSpam(['honeypot']));
  assert.ok(isSpam(['no-proof-of-work', 'bad-proof-of-work']));
  assert.ok(!isSpam(['no-proof-of-work', 'expired-proof-of-work']));
});

test('the response target, time zones, utm tags and source paths', () => {
  assert.equal(respondBy(new Date('2026-12-01T23:30:00Z'), 24).toISOString(), '2026-12-02T23:30:00.000Z');
  assert.ok(isTimeZone('Asia/Karachi'));
  assert.ok(isTimeZone('Europe/London'));
  assert.ok(!isTimeZone('Mars/Olympus'));
  assert.ok(!isTimeZone(''));
  assert.deepEqual(utmTags('/articles/als?utm_source=fb&utm_medium=social&x=1&utm_evil=2'), { utm_source: 'fb', utm_medium: 'social' });
  assert.deepEqual(utmTags('/articles/als'), {});
  assert.equal(sitePath('/articles/als-overview?utm_source=fb'), '/articles/als-overview?utm_source=fb');
  for (const bad of ['https://evil.example/', '//evil.example', 'javascript:alert(1)', '/a"onmouseover=x']) assert.equal(sitePath(bad), null, bad);
});

test('the deadline: time left, the last quarter, late, and the time a first answer took', async () => {
  const { deadline } = await import('./rules.ts');
  const r = { created_at: '2026-12-01T00:00:00.000Z', respond_by: '2026-12-02T00:00:00.000Z', responded_at: null };
  assert.deepEqual(deadline(r, new Date('2026-12-01T06:00:00Z')), { state: 'ok', minutes: 18 * 60 });
  assert.deepEqual(deadline(r, new Date('2026-12-01T18:00:00Z')), { state: 'soon', minutes: 6 * 60 });
  assert.deepEqual(deadline(r, new Date('2026-12-02T02:30:00Z')), { state: 'late', minutes: -150 });
  assert.deepEqual(deadline({ ...r, responded_at: '2026-12-01T01:05:00.000Z' }, new Date('2026-12-03T00:00:00Z')), { state: 'answered', minutes: 65 });
});
