import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { fieldErrors } from './form-errors.ts';
import { translator } from './i18n/index.ts';

const schema = z.object({
  name: z.string().min(1, 'field.required').max(5),
  email: z.email(),
  roles: z.array(z.string()).min(1, 'field.roles'),
  note: z.string().refine((v) => v !== 'x', 'not a catalog key, so the general message is used'),
});

test('zod issues become one translated error per field, beside the field', () => {
  const result = schema.safeParse({ name: 'far too long', email: 'nope', roles: [], note: 'x' });
  assert.ok(!result.success);
  assert.deepEqual(fieldErrors(result.error.issues, { t: translator('en') }), [
    { field: 'f-name', message: 'Use at most 5 characters.' },
    { field: 'f-email', message: 'Enter an email address like name@example.org.' },
    { field: 'f-roles', message: 'Choose at least one role.' },
    { field: 'f-note', message: 'This field is required.' },
  ]);
  const ur = fieldErrors(result.error.issues, { t: translator('ur'), fieldId: (path) => `x-${String(path[0])}` });
  assert.equal(ur[0]?.field, 'x-name');
  assert.doesNotMatch(ur.map((e) => e.message).join(' '), /Use at|Enter an|Choose|required|Invalid/, 'Urdu messages, no English from zod');
});

test('a field with several issues shows the first', () => {
  const result = z.object({ a: z.string().min(3, 'field.required').regex(/^\d+$/, 'field.number') }).safeParse({ a: 'x' });
  assert.ok(!result.success);
  assert.equal(fieldErrors(result.error.issues, { t: translator('en'), params: { min: 1, max: 9 } }).length, 1);
});
