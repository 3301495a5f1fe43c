import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFilterQuery } from './service.ts';

test('the audit filter keeps real days and trimmed text, and ignores anything malformed', () => {
  assert.deepEqual(auditFilterQuery.parse({ action: '  sign-in ', actor: 'a'.repeat(200), from: '2026-02-28', to: '2026-02-28', page: '2' }), {
    filter: { action: 'sign-in', actor: 'a'.repeat(120), from: '2026-02-28', to: '2026-03-01' },
    shown: { action: 'sign-in', actor: 'a'.repeat(120), from: '2026-02-28', to: '2026-02-28' },
  });
  // Only the values set count: a key left undefined filters nothing.
  const set = (query: Record<string, unknown>) => JSON.parse(JSON.stringify(auditFilterQuery.parse(query))) as unknown;
  assert.deepEqual(set({ action: ' ', actor: ['x', 'y'], from: '2026-02-31', to: '9999-99-99' }), { filter: {}, shown: {} });
  assert.deepEqual(set({ from: '2026-2-1', to: '2024-02-30T00:00' }), { filter: {}, shown: {} });
  assert.deepEqual(auditFilterQuery.parse({ to: '2024-02-29' }).filter.to, '2024-03-01', 'a leap day is a day');
});
