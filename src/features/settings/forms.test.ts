import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrors } from '#src/web/form-errors.ts';
import { translator } from '#src/web/i18n/index.ts';
import { readSocialForms, readStaffForm, rowFieldId, socialFormSchema, staffFormSchema } from './service.ts';

const t = translator('en');

test('staff settings: each number within its own limits, the limits named in the message', () => {
  const form = readStaffForm({ idleMinutes: '2', lifetimeHours: 'lots', responseTargetHours: '24', consultationRetentionDays: '4000', reviewIntervalMonths: '0', require2faRoles: ['admin', 'nobody'] });
  assert.deepEqual(form.require2faRoles, ['admin'], 'an unknown role is not read');
  const parsed = staffFormSchema.safeParse(form);
  assert.ok(!parsed.success);
  assert.deepEqual(fieldErrors(parsed.error.issues, { t }), [
    { field: 'f-idleMinutes', message: 'Enter a whole number between 5 and 480.' },
    { field: 'f-lifetimeHours', message: 'Enter a whole number between 1 and 72.' },
    { field: 'f-consultationRetentionDays', message: 'Enter a whole number between 30 and 3650.' },
    { field: 'f-reviewIntervalMonths', message: 'Enter a whole number between 1 and 36.' },
  ]);
  const ok = staffFormSchema.parse({ ...form, idleMinutes: '5', lifetimeHours: '72', consultationRetentionDays: '30', reviewIntervalMonths: '36' });
  assert.deepEqual(ok, { require2faRoles: ['admin'], idleMinutes: 5, lifetimeHours: 72, responseTargetHours: 24, consultationRetentionDays: 30, reviewIntervalMonths: 36 });
});

test('social links: removed and blank rows are skipped, errors point at the row as posted, a name is used once', () => {
  const rows = readSocialForms({
    'social-0-label': 'x', 'social-0-url': 'https://x.com/a',
    'social-1-label': 'gone', 'social-1-url': 'not a url', 'social-1-remove': '1',
    'social-2-label': '', 'social-2-url': '',
    'social-3-label': 'x', 'social-3-url': 'http://x.com/b',
    'social-4-label': 'x', 'social-4-url': 'https://x.com/c',
  });
  assert.equal(rows.length, 5);
  const parsed = socialFormSchema.safeParse(rows);
  assert.ok(!parsed.success);
  assert.deepEqual(fieldErrors(parsed.error.issues, { t, fieldId: rowFieldId('social') }), [
    { field: 'f-social-3-url', message: 'Enter a full web address that starts with https://.' },
    { field: 'f-social-4-label', message: 'Each link needs a different name.' },
  ]);
  assert.deepEqual(socialFormSchema.parse(rows.slice(0, 3)), { x: 'https://x.com/a' });
});
