import assert from 'node:assert/strict';
import { test } from 'node:test';
import { phoneText, telHref, whatsappHref } from '#src/web/phone.ts';
import { exampleNumber, normaliseStoredPhone, toE164 } from './phone.ts';

test('numbers typed the way people in Pakistan type them are stored in E.164', () => {
  assert.equal(toE164('0300-1234567', 'PK'), '+923001234567');
  assert.equal(toE164('0300 1234567', 'PK'), '+923001234567');
  assert.equal(toE164('(042) 3576 1999', 'PK'), '+924235761999');
  assert.equal(toE164('0092 300 1234567', 'PK'), '+923001234567', 'the international prefix 00');
  assert.equal(toE164('+92 300 1234567', 'PK'), '+923001234567');
  assert.equal(toE164('923001234567', 'PK'), '+923001234567', 'the country code without +');
});

test('a number with its own country code keeps it, whatever the clinic country', () => {
  assert.equal(toE164('+44 20 7946 0000', 'PK'), '+442079460000');
  assert.equal(toE164('020 7946 0000', 'GB'), '+442079460000', 'read as a UK number when the clinic is in the UK');
});

test('what is not a phone number is refused', () => {
  for (const bad of ['call us', '', '1', '12345', '0300', '+92 42 0000 0000', '0300-1234567-999999', '+999 123 456']) {
    assert.equal(toE164(bad, 'PK'), null, JSON.stringify(bad));
  }
});

test('a stored number is normalised when it is valid, and kept as it was when it is not', () => {
  assert.equal(normaliseStoredPhone('923000000000', 'PK'), '+923000000000');
  assert.equal(normaliseStoredPhone('0300-1234567', 'PK'), '+923001234567');
  assert.equal(normaliseStoredPhone('0300-1234567', 'ZZ'), '+923001234567', 'an unknown country falls back to Pakistan');
  assert.equal(normaliseStoredPhone('call us', 'PK'), 'call us');
  assert.equal(normaliseStoredPhone('+92 42 0000 0000', 'PK'), '+92 42 0000 0000');
});

test('stored numbers are shown in international format and dialled from E.164', () => {
  assert.equal(phoneText('+923001234567'), '+92\u00a0300\u00a01234567');
  assert.equal(telHref('+923001234567'), 'tel:+923001234567');
  assert.equal(whatsappHref('+923001234567'), 'https://wa.me/923001234567');
  assert.equal(whatsappHref('+442079460000'), 'https://wa.me/442079460000');
});

test('a number kept from before numbers were checked never makes a broken link', () => {
  assert.equal(telHref('call us'), '', 'no tel: without digits');
  assert.equal(phoneText('call us'), 'call\u00a0us');
  assert.equal(whatsappHref('03001234567'), '', 'a national number is not a wa.me address');
  assert.equal(whatsappHref('call us'), '');
  assert.equal(telHref('+92 42 0000 0000'), 'tel:+924200000000');
});

test('the example in an error message is a number as dialled in the chosen country', () => {
  assert.match(exampleNumber('PK'), /^03\d\d \d{7}$/);
  assert.match(exampleNumber('GB'), /^07\d{3} \d{6}$/);
});
