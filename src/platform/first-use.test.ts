import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onFirstUse } from './first-use.ts';

test('made once for many callers at the same moment; a failure is not remembered', async () => {
  let calls = 0;
  let fail = true;
  const value = onFirstUse(async () => {
    calls++;
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (fail) throw new Error('not yet');
    return { made: calls };
  });
  const failed = await Promise.allSettled(Array.from({ length: 20 }, () => value()));
  assert.equal(calls, 1, 'twenty callers at once, one attempt');
  assert.ok(failed.every((r) => r.status === 'rejected'));
  fail = false;
  const made = await Promise.all(Array.from({ length: 20 }, () => value()));
  assert.equal(calls, 2, 'tried again after the failure, once');
  assert.ok(made.every((m) => m === made[0]), 'everyone shares the one value');
  await value();
  assert.equal(calls, 2);
});
