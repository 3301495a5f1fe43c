import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from '../../../test/helper.ts';
import { goodForm, postConsultation } from '../../../test/consultation.ts';
import { csrfIn, get, makeUser, postForm, signIn } from '../../../test/staff.ts';
import { mondayOf, percentile } from './report.ts';

test('percentiles by nearest rank, and weeks that start on Monday', () => {
  assert.equal(percentile([], 0.5), null);
  assert.equal(percentile([4], 0.9), 4);
  assert.equal(percentile([1, 2, 3, 4], 0.5), 2);
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9);
  assert.equal(mondayOf(new Date('2026-12-06T23:00:00Z')).toISOString(), '2026-11-30T00:00:00.000Z', 'a Sunday belongs to the week before');
  assert.equal(mondayOf(new Date('2026-11-30T00:00:00Z')).toISOString(), '2026-11-30T00:00:00.000Z');
});

test('the report counts requests per week, times to a first answer against the target, no-shows and sources; spam left out', async (t) => {
  const clock = { now: new Date('2026-12-01T08:00:00Z') };
  const app = await build(t, undefined, { now: () => clock.now });
  await makeUser(app, 'admin@clinic.example', ['admin']);
  const refs: string[] = [];
  for (const [i, source] of ['/articles/als-overview?utm_source=x', '/articles/als-overview', '/topics/als'].entries()) {
    const res = await postConsultation(app, goodForm({ phone: `0300 100000${i}`, source }), { ip: `198.51.100.${i + 1}` });
    refs.push(String(res.headers.location).split('/').pop() ?? '');
  }
  await postConsultation(app, goodForm({ phone: '0300 1000009', website: 'bot' }));
  const { cookies } = await signIn(app, 'admin@clinic.example');
  const csrf = csrfIn((await get(app, `/admin/consultations/${refs[0]}`, cookies)).body);
  clock.now = new Date('2026-12-01T08:25:00Z');
  await postForm(app, `/admin/consultations/${refs[0]}`, cookies, { _csrf: csrf, action: 'responded' });
  const report = await app.services.consultations.report();
  const week = report.weeks.at(-1);
  assert.equal(week?.week, '2026-11-30');
  assert.equal(week?.requests, 3, 'spam is not counted');
  assert.equal(Math.round((week?.medianHours ?? 0) * 60), 25, 'minutes to the first answer');
  assert.deepEqual(report.sources, [{ path: '/articles/als-overview', requests: 2 }, { path: '/topics/als', requests: 1 }]);
  const page = await get(app, '/admin/consultations/report', cookies);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<svg class="chart"[^>]+role="img"/);
  assert.match(page.body, /target 24 h/);
  assert.match(page.body, /No booked consultation has taken place/);
});
