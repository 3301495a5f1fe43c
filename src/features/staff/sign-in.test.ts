import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { csrfIn, get, makeUser, PASSWORD, postForm, refusalsLogged, SESSION, signIn, signInForm, staffApp } from '../../../test/staff.ts';
import { REFUSAL_WINDOW_MS } from '../audit/service.ts';

async function auditActions(app: Awaited<ReturnType<typeof staffApp>>): Promise<string[]> {
  const rows = await app.db.kysely.selectFrom('audit_log').select('action').orderBy('id').execute();
  return rows.map((r) => r.action);
}

test('signing in with the right password opens the dashboard with a new HttpOnly SameSite session cookie', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies: form } = await signInForm(app);
  const before = form.get(SESSION);
  const { cookies, status, location } = await signIn(app, 'Asma@Clinic.example ');
  assert.equal(status, 303);
  assert.equal(location, '/admin');
  assert.ok(cookies.get(SESSION));
  assert.notEqual(cookies.get(SESSION), before);
  const page = await get(app, '/admin', cookies);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Signed in as asma@clinic.example/);
  assert.ok((await auditActions(app)).includes('sign-in.success'));
});

test('the session cookie is HttpOnly, SameSite=Lax, and Secure with the __Host- prefix when served over HTTPS', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies, csrf } = await signInForm(app);
  const res = await postForm(app, '/admin/sign-in', cookies, { _csrf: csrf, email: 'asma@clinic.example', password: PASSWORD });
  const setCookie = [res.headers['set-cookie']].flat().join('\n');
  assert.match(setCookie, /__Host-cs_session=[\w-]+; Path=\/; HttpOnly; Secure; SameSite=Lax/);
  const { sessionCookieName } = await import('#src/http/admin/session-cookie.ts');
  assert.equal(sessionCookieName(false), 'cs_session', 'plain http on localhost: no Secure flag, no prefix');
});

test('a wrong password and an unknown email get the same answer, keep the typed email, and are audited', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const known = await signInForm(app);
  const wrong = await postForm(app, '/admin/sign-in', known.cookies, { _csrf: known.csrf, email: 'asma@clinic.example', password: 'not the password at all' });
  const unknownForm = await signInForm(app);
  const unknown = await postForm(app, '/admin/sign-in', unknownForm.cookies, { _csrf: unknownForm.csrf, email: 'nobody@clinic.example', password: 'not the password at all' });
  assert.equal(wrong.statusCode, 401);
  assert.equal(unknown.statusCode, 401);
  const message = (html: string) => /<div class="error-summary"[^>]*><p>([^<]+)<\/p>/.exec(html)?.[1];
  assert.equal(message(wrong.body), message(unknown.body));
  assert.match(wrong.body, /value="asma@clinic.example"/);
  const failures = (await auditActions(app)).filter((a) => a === 'sign-in.failure');
  assert.equal(failures.length, 2);
});

test('repeated failures lock the account for a while, whether or not the email exists; a correct password then fails too', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  for (const email of ['asma@clinic.example', 'ghost@clinic.example']) {
    let last = 0;
    for (let i = 0; i < 10; i++) {
      // Each attempt from its own address, so only the per-account limit is tested here.
      last = (await signIn(app, email, 'wrong password guess', `10.1.0.${i}`)).status;
      app.clock.advance(10_000);
    }
    assert.equal(last, 429, `${email} is locked`);
  }
  assert.ok(app.slept.some((ms) => ms >= 4000), 'answers were held back before the lock');
  assert.equal((await signIn(app, 'asma@clinic.example', PASSWORD, '10.2.0.1')).status, 429, 'locked even with the right password');
  assert.ok((await auditActions(app)).includes('sign-in.locked'));
  app.clock.advance(16 * 60_000);
  assert.equal((await signIn(app, 'asma@clinic.example', PASSWORD, '10.2.0.1')).status, 303, 'the lock ends');
});

test('one address guessing many accounts is locked too', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { ipLimits } = await import('./throttle.ts');
  let last = 0;
  for (let i = 0; i < ipLimits.lockAfter; i++) last = (await signIn(app, `guess${i}@clinic.example`, 'wrong password guess', '10.3.0.1')).status;
  assert.equal(last, 429);
  assert.equal((await signIn(app, 'asma@clinic.example', PASSWORD, '10.3.0.1')).status, 429, 'the address is locked for every account');
  assert.equal((await signIn(app, 'asma@clinic.example', PASSWORD, '10.3.0.2')).status, 303, 'other addresses are not');
});

test('a disabled account cannot sign in and its sessions end', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const coordinator = await makeUser(app, 'bilal@clinic.example', ['coordinator']);
  const { cookies } = await signIn(app, 'bilal@clinic.example');
  await app.services.staff.updateUser({ id: null, email: 'test', ip: null }, coordinator.id, { name: 'b', roles: ['coordinator'], status: 'disabled' });
  assert.equal((await get(app, '/admin', cookies)).statusCode, 303);
  assert.equal((await signIn(app, 'bilal@clinic.example')).status, 401);
});

test('sessions end after the idle timeout and after their absolute lifetime', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const idle = (await signIn(app, 'asma@clinic.example')).cookies;
  app.clock.advance(29 * 60_000);
  assert.equal((await get(app, '/admin', idle)).statusCode, 200, 'still in use');
  app.clock.advance(31 * 60_000);
  const res = await get(app, '/admin', idle);
  assert.equal(res.statusCode, 303, 'idle for 31 minutes');
  assert.match(String(res.headers.location), /^\/admin\/sign-in\?next=/);

  const busy = (await signIn(app, 'asma@clinic.example')).cookies;
  for (let h = 0; h < 12 * 4; h++) {
    app.clock.advance(15 * 60_000);
    const page = await get(app, '/admin', busy);
    if (page.statusCode !== 200) {
      assert.ok(h >= 12 * 4 - 2, `ended after ${(h + 1) * 15} minutes`);
      return;
    }
  }
  assert.fail('a session kept in use still ends after 12 hours');
});

test('sign out ends this session; sign out everywhere ends all of them', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const a = (await signIn(app, 'asma@clinic.example')).cookies;
  const b = (await signIn(app, 'asma@clinic.example')).cookies;
  const out = await postForm(app, '/admin/sign-out', a, { _csrf: csrfIn((await get(app, '/admin', a)).body) });
  assert.equal(out.statusCode, 303);
  assert.equal((await get(app, '/admin', a)).statusCode, 303);
  assert.equal((await get(app, '/admin', b)).statusCode, 200);
  const c = (await signIn(app, 'asma@clinic.example')).cookies;
  await postForm(app, '/admin/account/sign-out-everywhere', c, { _csrf: csrfIn((await get(app, '/admin/account', c)).body) });
  assert.equal((await get(app, '/admin', b)).statusCode, 303);
  assert.equal((await get(app, '/admin', c)).statusCode, 303);
  assert.ok((await auditActions(app)).includes('sign-out.everywhere'));
});

test('state-changing requests without the right CSRF token, or from another site, are refused and audited', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const token = csrfIn((await get(app, '/admin/users', cookies)).body);
  const invite = { email: 'new@clinic.example', name: 'New', roles: 'editor' };
  assert.equal((await postForm(app, '/admin/users/invite', cookies, invite)).statusCode, 403, 'no token');
  assert.equal((await postForm(app, '/admin/users/invite', cookies, { ...invite, _csrf: 'x'.repeat(token.length) })).statusCode, 403, 'wrong token');
  const cross = await postForm(app, '/admin/users/invite', cookies, { ...invite, _csrf: token }, { 'sec-fetch-site': 'cross-site' });
  assert.equal(cross.statusCode, 403, 'cross-site');
  assert.match(cross.body, /This form has expired/);
  assert.equal((await postForm(app, '/admin/users/invite', cookies, { ...invite, _csrf: token }, { origin: 'https://evil.example' })).statusCode, 403, 'foreign origin');
  assert.equal(await app.services.staff.users().then((u) => u.length), 1, 'nothing was created');
  const ok = await postForm(app, '/admin/users/invite', cookies, { ...invite, _csrf: token }, { origin: 'https://clinic.example.org', 'sec-fetch-site': 'same-origin' });
  assert.equal(ok.statusCode, 303);
  app.clock.advance(REFUSAL_WINDOW_MS);
  assert.deepEqual(await refusalsLogged(app, 'csrf.rejected'), { rows: 2, count: 4 }, 'the first refusal at once, its three repeats in one row');
  const form = await signInForm(app);
  assert.equal((await postForm(app, '/admin/sign-in', form.cookies, { email: 'asma@clinic.example', password: PASSWORD })).statusCode, 403, 'the sign-in form needs its token too');
});

test('a coordinator calling an admin route gets 403 and the attempt is audited', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  await makeUser(app, 'bilal@clinic.example', ['coordinator']);
  const { cookies } = await signIn(app, 'bilal@clinic.example');
  const res = await get(app, '/admin/users', cookies);
  assert.equal(res.statusCode, 403);
  assert.match(res.body, /Not allowed/);
  const overview = await get(app, '/admin', cookies);
  assert.doesNotMatch(overview.body, /href="\/admin\/users"|href="\/admin\/settings"|href="\/admin\/audit"/, 'the coordinator does not see rooms they cannot enter');
  const row = await app.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'access.denied').executeTakeFirst();
  assert.equal(row?.actor_email, 'bilal@clinic.example');
  assert.match(String(row?.details), /\/admin\/users/);
});

test('the audit log cannot be changed or deleted, even with SQL', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  await assert.rejects(sql`UPDATE audit_log SET action = 'x'`.execute(app.db.kysely), /append-only/);
  await assert.rejects(sql`DELETE FROM audit_log`.execute(app.db.kysely), /append-only/);
  assert.ok((await auditActions(app)).length > 0);
});

test('after sign-in the person returns to the page they asked for, but never to another site', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const first = await app.fastify.inject('/admin/users?x=1');
  assert.equal(first.headers.location, '/admin/sign-in?next=%2Fadmin%2Fusers%3Fx%3D1');
  const { safeNext } = await import('#src/http/admin/route.ts');
  assert.equal(safeNext('/admin/users?x=1', 'en'), '/admin/users?x=1');
  for (const bad of ['https://evil.example/admin', '//evil.example/admin', '/admin/../../x', '/\\evil', 'javascript:alert(1)', '/adminx']) assert.equal(safeNext(bad, 'en'), '/admin', bad);
});

test('housekeeping removes ended sessions and old throttle counters, and keeps live ones', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  await signIn(app, 'asma@clinic.example');
  await signIn(app, 'ghost@clinic.example', 'wrong password guess', '10.6.0.1');
  await app.services.staff.purgeExpired();
  assert.equal((await app.db.kysely.selectFrom('sessions').selectAll().execute()).length, 1);
  assert.equal((await app.db.kysely.selectFrom('sign_in_throttle').selectAll().execute()).length, 2);
  app.clock.advance(2 * 86_400_000);
  await app.services.staff.purgeExpired();
  assert.equal((await app.db.kysely.selectFrom('sessions').selectAll().execute()).length, 0);
  assert.equal((await app.db.kysely.selectFrom('sign_in_throttle').selectAll().execute()).length, 0);
});
