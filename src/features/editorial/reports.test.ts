import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editorialDesk, postFrom } from '../../../test/editorial.ts';
import { get } from '../../../test/staff.ts';
import { REPORT_LIMITS } from './reports.ts';

type Desk = Awaited<ReturnType<typeof editorialDesk>>;

function report(desk: Desk, form: Record<string, string>, o: { ip?: string; site?: string } = {}) {
  return desk.app.fastify.inject({
    method: 'POST',
    url: '/report-a-problem',
    remoteAddress: o.ip ?? '203.0.113.5',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': o.site ?? 'same-origin' },
    payload: new URLSearchParams({ page: '/articles/als-overview', reason: 'outdated', details: 'The riluzole section cites a 2012 review; is there newer evidence?', email: '', shown: String(Date.now() - 20_000), website: '', ...form }).toString(),
  });
}

test('a reader reports a problem with a page and an editor sees it, resolves it, and the reader’s email is erased', async (t) => {
  const desk = await editorialDesk(t);
  const form = await desk.app.fastify.inject('/report-a-problem?page=/articles/als-overview');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="page" value="\/articles\/als-overview"/);
  assert.match(form.body, /do not write your own medical details/);

  const sent = await report(desk, { email: 'reader@example.org' });
  assert.equal(sent.statusCode, 303);
  assert.equal(sent.headers.location, '/report-a-problem/thanks?page=%2Farticles%2Fals-overview');
  const queue = await get(desk.app, '/admin/reports', desk.editor.jar);
  assert.match(queue.body, /riluzole section cites a 2012 review/);
  assert.match(queue.body, /reader@example\.org/);
  const id = (await desk.app.db.kysely.selectFrom('content_reports').select('id').executeTakeFirstOrThrow()).id;
  const resolved = await postFrom(desk.app, desk.editor.jar, '/admin/reports', `/admin/reports/${id}/resolve`, { resolution: 'Added the 2023 review.' });
  assert.equal(resolved.statusCode, 303);
  const row = await desk.app.db.kysely.selectFrom('content_reports').selectAll().executeTakeFirstOrThrow();
  assert.equal(row.status, 'resolved');
  assert.equal(row.email, null, 'the email is only kept until the report is dealt with');
  assert.equal(row.resolution, 'Added the 2023 review.');
  const again = await postFrom(desk.app, desk.editor.jar, '/admin/reports', `/admin/reports/${id}/resolve`, { resolution: 'twice' });
  assert.equal(again.statusCode, 404, 'a report is resolved once');
});

test('bad input comes back with what was typed and errors beside the fields; nothing is stored', async (t) => {
  const desk = await editorialDesk(t);
  const res = await report(desk, { reason: '', details: '   ', email: 'not-an-email' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /id="f-reason-error"/);
  assert.match(res.body, /id="f-details-error"/);
  assert.match(res.body, /value="not-an-email"/);
  const offsite = await report(desk, { page: '//evil.example/phish' });
  assert.equal(offsite.statusCode, 400, 'a report can only be about a page of this site');
  assert.equal((await desk.app.db.kysely.selectFrom('content_reports').selectAll().execute()).length, 0);
});

test('a post from another site is refused; one filled in by a script goes to the spam tab, not the queue', async (t) => {
  const desk = await editorialDesk(t);
  assert.equal((await report(desk, {}, { site: 'cross-site' })).statusCode, 403);
  assert.equal((await report(desk, { website: 'http://spam.example' })).statusCode, 303);
  assert.equal((await report(desk, { shown: String(Date.now()) })).statusCode, 303);
  const open = await get(desk.app, '/admin/reports', desk.editor.jar);
  assert.match(open.body, /No reports here/);
  const spam = await get(desk.app, '/admin/reports?status=spam', desk.editor.jar);
  assert.equal((spam.body.match(/class="report"/g) ?? []).length, 2);
});

test('the hourly limit per address holds when the posts arrive at once', async (t) => {
  const desk = await editorialDesk(t);
  const results = await Promise.all(Array.from({ length: REPORT_LIMITS.refuseAfter + 6 }, () => report(desk, {}, { ip: '198.51.100.7' })));
  assert.equal(results.filter((r) => r.statusCode === 303).length, REPORT_LIMITS.refuseAfter);
  assert.equal(results.filter((r) => r.statusCode === 429).length, 6);
  assert.equal((await report(desk, {}, { ip: '198.51.100.8' })).statusCode, 303, 'another address is not affected');
});
