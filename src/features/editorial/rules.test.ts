import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields, fieldsSchema, isDashboardEdit, missingForReview, nextStatus, parseFields, reviewDueDate } from './rules.ts';

test('the workflow moves draft → in review → approved → published, and any edit goes back to draft', () => {
  assert.equal(nextStatus('draft', 'submit'), 'in_review');
  assert.equal(nextStatus('in_review', 'approve'), 'approved');
  assert.equal(nextStatus('approved', 'publish'), 'published');
  assert.equal(nextStatus('approved', 'schedule'), 'scheduled');
  assert.equal(nextStatus('scheduled', 'publish'), 'published');
  assert.equal(nextStatus('in_review', 'request-changes'), 'draft');
  for (const s of ['draft', 'in_review', 'approved', 'scheduled', 'published'] as const) assert.equal(nextStatus(s, 'edit'), 'draft');
});

test('steps out of order are refused', () => {
  assert.equal(nextStatus('draft', 'approve'), null, 'nothing is approved without review');
  assert.equal(nextStatus('draft', 'publish'), null);
  assert.equal(nextStatus('in_review', 'publish'), null, 'nothing is published before approval');
  assert.equal(nextStatus('published', 'submit'), null);
  assert.equal(nextStatus('approved', 'approve'), null);
});

test('the next review date is whole months later, on the last day of a shorter month', () => {
  assert.equal(reviewDueDate('2026-12-01', 12), '2027-12-01');
  assert.equal(reviewDueDate('2027-01-31', 1), '2027-02-28');
  assert.equal(reviewDueDate('2028-01-31', 1), '2028-02-29');
  assert.equal(reviewDueDate('2026-08-31', 6), '2027-02-28');
});

test('an article needs a title, summary, text and author before review', () => {
  assert.deepEqual(missingForReview(emptyFields), ['title', 'summary', 'body', 'author']);
  assert.deepEqual(missingForReview({ ...emptyFields, title: 'T', summary: ' ', body: 'B', author: 'a' }), ['summary']);
});

test('a draft is kept even when incomplete; only limits and shapes are refused', () => {
  assert.ok(fieldsSchema.safeParse(emptyFields).success);
  assert.equal(fieldsSchema.safeParse({ ...emptyFields, video: 'not a link' }).success, false);
  assert.equal(fieldsSchema.safeParse({ ...emptyFields, author: 'Not A Slug' }).success, false);
  assert.equal(fieldsSchema.safeParse({ ...emptyFields, title: 'x'.repeat(201) }).success, false);
});

test('a stored revision is read back even when written before a field existed', () => {
  assert.deepEqual(parseFields(JSON.stringify({ title: 'Old', body: 'Text' })), { ...emptyFields, title: 'Old', body: 'Text' });
  assert.deepEqual(parseFields(JSON.stringify({ title: 'Old', video: 42 })), emptyFields, 'a malformed revision shows as empty rather than failing the page');
});

test('only edits made in the dashboard stop an import', () => {
  assert.equal(isDashboardEdit('edit'), true);
  assert.equal(isDashboardEdit('autosave'), true);
  assert.equal(isDashboardEdit('restore'), true);
  assert.equal(isDashboardEdit('import'), false);
  assert.equal(isDashboardEdit('existing'), false);
});
