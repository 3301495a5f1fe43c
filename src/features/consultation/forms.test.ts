import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readConsultationForm, readEvidence, validateConsultation } from './forms.ts';

const defaults = { country: 'PK', timeZone: 'Asia/Karachi' };
const rules = { clinicCountry: 'PK' as const, conditions: ['als', 'parkinsons-disease'] };
const typed = (body: Record<string, unknown>) => readConsultationForm({ name: 'Sara', phone: '0300 1234567', consent: 'yes', condition: 'als', ...body }, defaults);

test('phone numbers are read for the chosen country and stored in E.164', () => {
  const ok = (body: Record<string, unknown>) => {
    const v = validateConsultation(typed(body), rules);
    assert.ok(v.ok, JSON.stringify(body));
    return v.value.phone;
  };
  assert.equal(ok({ phone: '0300-1234567' }), '+923001234567');
  assert.equal(ok({ phone: '0092 300 1234567' }), '+923001234567');
  assert.equal(ok({ phone: '+44 7400 123456', country: 'PK' }), '+447400123456', 'an international number whatever the country');
  assert.equal(ok({ phone: '07400 123456', country: 'GB' }), '+447400123456', 'a British number typed the British way');
  const bad = validateConsultation(typed({ phone: '0300' }), rules);
  assert.ok(!bad.ok);
  assert.deepEqual(bad.issues.map((i) => [i.path[0], i.message]), [['phone', 'consult.error.phone']]);
});

test('every mistake at once, in the order of the form; email needed only for a reply by email', () => {
  const v = validateConsultation(typed({ name: '', phone: 'x', replyVia: 'email', email: '', consent: '', condition: 'nope', timeZone: 'Nowhere/Here' }), rules);
  assert.ok(!v.ok);
  assert.deepEqual(v.issues.map((i) => i.path[0]), ['name', 'phone', 'email', 'timeZone', 'condition', 'consent']);
  const byPhone = validateConsultation(typed({ replyVia: 'phone', email: '' }), rules);
  assert.ok(byPhone.ok);
  assert.equal(byPhone.value.email, null);
  const mail = validateConsultation(typed({ replyVia: 'email', email: 'Sara@Example.ORG' }), rules);
  assert.ok(mail.ok);
  assert.equal(mail.value.email, 'sara@example.org');
});

test('a form is read as typed: hidden characters out, long values cut, defaults where nothing was sent', () => {
  const f = readConsultationForm({ name: ' Sara\u202E Khan ', message: 'a\r\nb', source: 'https://evil.example', country: 'gb' }, defaults);
  assert.equal(f.name, 'Sara Khan');
  assert.equal(f.message, 'a\nb');
  assert.equal(f.source, '', 'only a path of this site is kept');
  assert.equal(f.country, 'GB');
  assert.equal(f.timeZone, 'Asia/Karachi');
  assert.equal(f.replyVia, 'phone');
  assert.equal(f.consent, false);
  assert.equal(readConsultationForm({ message: 'x'.repeat(10_000) }, defaults).message.length, 2001, 'kept one over the limit, so the limit error shows');
  assert.ok(!validateConsultation(typed({ message: 'x'.repeat(2001) }), rules).ok);
});

test('what the abuse defences read: honeypot, fill time in whole milliseconds, the proof', () => {
  assert.deepEqual(readEvidence({ website: 'x', fill: '4500', altcha: 'abc' }), { honeypot: 'x', fillMs: 4500, proof: 'abc' });
  assert.deepEqual(readEvidence({ fill: '-1' }), { honeypot: '', fillMs: undefined, proof: undefined });
  assert.deepEqual(readEvidence({ fill: ['1', '2'], altcha: '' }), { honeypot: '', fillMs: undefined, proof: undefined });
});
