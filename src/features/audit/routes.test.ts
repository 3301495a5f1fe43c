import assert from 'node:assert/strict';
import { test } from 'node:test';
import { get, makeUser, signIn, staffApp } from '../../../test/staff.ts';

test('admins browse and filter the audit log', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  await signIn(app, 'ghost@clinic.example', 'wrong password guess', '10.5.0.1');
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const all = await get(app, '/admin/audit', cookies);
  assert.equal(all.statusCode, 200);
  assert.match(all.body, /sign-in\.failure/);
  assert.match(all.body, /sign-in\.success/);
  const failures = await get(app, '/admin/audit?action=sign-in.failure', cookies);
  assert.match(failures.body, /ghost@clinic.example/);
  assert.doesNotMatch(failures.body, /sign-in\.success/);
  assert.match(failures.body, /10\.5\.0\.1/);
  const byActor = await get(app, '/admin/audit?actor=asma', cookies);
  assert.doesNotMatch(byActor.body, /ghost@/);
  const today = app.clock.now.toISOString().slice(0, 10);
  assert.match((await get(app, `/admin/audit?from=${today}&to=${today}`, cookies)).body, /sign-in\.success/);
  assert.match((await get(app, '/admin/audit?from=2001-01-01&to=2001-01-02', cookies)).body, /No entries match/);
  for (const odd of ['?from=yesterday', '?page=-1', '?action=%25%25', "?actor=' OR 1=1 --"]) assert.equal((await get(app, `/admin/audit${odd}`, cookies)).statusCode, 200, odd);
  // Dates that are not days of the calendar are ignored like any other malformed filter, never a 500.
  for (const odd of ['?to=9999-99-99', '?to=2026-00-00', '?from=2026-13-45', '?to=2026-02-31']) {
    const res = await get(app, `/admin/audit${odd}`, cookies);
    assert.equal(res.statusCode, 200, odd);
    assert.match(res.body, /sign-in\.success/, `${odd} filters nothing`);
  }
  assert.equal((await get(app, '/admin/audit.csv?to=2026-99-01', cookies)).statusCode, 200);
  // What is typed is matched as typed: % and _ are characters, not wildcards.
  assert.match((await get(app, '/admin/audit?actor=%25', cookies)).body, /No entries match/);
  assert.match((await get(app, '/admin/audit?action=sign_in', cookies)).body, /No entries match/);
  assert.match((await get(app, '/admin/audit?action=sign-in.', cookies)).body, /sign-in\.success/);
});

test('the audit log exports as CSV, spreadsheet-safe, and the export is itself recorded', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  await signIn(app, '=cmd|calc@x.example', 'wrong password guess', '10.5.0.2');
  await signIn(app, 'x;=1+1', 'wrong password guess', '10.5.0.3');
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const res = await get(app, '/admin/audit.csv?action=sign-in', cookies);
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
  assert.match(String(res.headers['content-disposition']), /attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/);
  const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], '"id","at","actor_id","actor_email","action","target_type","target_id","ip","details"');
  assert.ok(lines.some((l) => l.includes(',"\'=cmd|calc@x.example",')), 'a formula-looking value is made text');
  // A spreadsheet that splits on ";" keeps a quoted field whole, so "=1+1" never starts a cell.
  assert.ok(lines.some((l) => l.includes(',"x;=1+1",')), 'a value with a separator in it is quoted');
  assert.ok(lines.slice(1).every((l) => /^("[^"]*(""[^"]*)*",)*"[^"]*(""[^"]*)*"$/.test(l)), 'every field is quoted');
  assert.ok(lines.slice(1).every((l) => /,"sign-in\./.test(l)));
  const head = await app.fastify.inject({ method: 'HEAD', url: '/admin/audit.csv', headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  assert.equal(head.statusCode, 200);
  assert.equal((await app.db.kysely.selectFrom('audit_log').select('id').where('action', '=', 'audit.exported').execute()).length, 1, 'a HEAD request is not an export');
  const exported = await app.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'audit.exported').executeTakeFirst();
  assert.equal(exported?.actor_email, 'asma@clinic.example');
});

test('CSV cells: every one quoted, quotes doubled, formula starts made text', async () => {
  const { csvCell } = await import('./service.ts');
  assert.equal(csvCell('plain'), '"plain"');
  assert.equal(csvCell(null), '""');
  assert.equal(csvCell(42), '"42"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.equal(csvCell(`${start}1+1`), `"'${start}1+1"`, JSON.stringify(start));
  assert.equal(csvCell('x;=1+1'), '"x;=1+1"');
  assert.equal(csvCell('a,b\nc'), '"a,b\nc"');
});
