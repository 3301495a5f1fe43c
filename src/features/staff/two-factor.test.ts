import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csrfIn, get, makeUser, postForm, signIn, staffApp } from '../../../test/staff.ts';
import { currentTotp } from './totp.ts';

type App = Awaited<ReturnType<typeof staffApp>>;

/** Enrols through the pages, as a person would: read the key off the page, confirm with a code. */
async function enrol(app: App, cookies: Map<string, string>): Promise<{ secret: string; codes: string[] }> {
  const page = await get(app, '/admin/account/2fa', cookies);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<svg[^>]*>[\s\S]*<\/svg>/, 'the QR code is drawn on the page as SVG');
  const secret = (/<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(page.body)?.[1] ?? '').replace(/ /g, '');
  assert.ok(secret.length >= 32);
  const wrong = await postForm(app, '/admin/account/2fa', cookies, { _csrf: csrfIn(page.body), code: '000000' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /That code did not match/);
  const done = await postForm(app, '/admin/account/2fa', cookies, { _csrf: csrfIn(page.body), code: currentTotp(secret, app.clock.now.getTime()) });
  assert.equal(done.statusCode, 200);
  const codes = [...done.body.matchAll(/<li>([a-z2-9]{4}-[a-z2-9]{4})<\/li>/g)].map((m) => m[1] ?? '');
  assert.equal(codes.length, 10, 'ten recovery codes are shown once');
  return { secret, codes };
}

async function passwordStep(app: App) {
  const first = await signIn(app, 'asma@clinic.example');
  assert.equal(first.status, 303);
  assert.equal(first.location, '/admin/sign-in/code?next=%2Fadmin');
  assert.equal((await get(app, '/admin', first.cookies)).headers.location, '/admin/sign-in/code', 'half-signed-in sessions see nothing else');
  const page = await get(app, '/admin/sign-in/code', first.cookies);
  return { cookies: first.cookies, csrf: csrfIn(page.body) };
}

test('enrol with a QR code, then sign in with a TOTP code; a code works only once', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const { secret } = await enrol(app, cookies);
  app.clock.advance(60_000);

  const step = await passwordStep(app);
  const code = currentTotp(secret, app.clock.now.getTime());
  const ok = await postForm(app, '/admin/sign-in/code', step.cookies, { _csrf: step.csrf, code });
  assert.equal(ok.statusCode, 303);
  assert.equal((await get(app, '/admin', step.cookies)).statusCode, 200);

  const again = await passwordStep(app);
  const reused = await postForm(app, '/admin/sign-in/code', again.cookies, { _csrf: again.csrf, code });
  assert.equal(reused.statusCode, 401, 'the same code cannot be used twice');
  assert.match(reused.body, /That code is not right/);
  const actions = (await app.db.kysely.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
  assert.ok(actions.includes('2fa.enabled'));
  assert.ok(actions.includes('sign-in.2fa-failure'));
});

test('a recovery code signs in once; wrong codes lock the second step', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { codes } = await enrol(app, (await signIn(app, 'asma@clinic.example')).cookies);
  const recovery = codes[3] ?? '';

  const step = await passwordStep(app);
  const ok = await postForm(app, '/admin/sign-in/code', step.cookies, { _csrf: step.csrf, code: recovery.toUpperCase().replace('-', ' ') });
  assert.equal(ok.statusCode, 303);
  const account = await get(app, '/admin/account', step.cookies);
  assert.match(account.body, /9 recovery codes left/);

  const again = await passwordStep(app);
  assert.equal((await postForm(app, '/admin/sign-in/code', again.cookies, { _csrf: again.csrf, code: recovery })).statusCode, 401, 'used codes are spent');
  let last = 0;
  for (let i = 0; i < 10; i++) last = (await postForm(app, '/admin/sign-in/code', again.cookies, { _csrf: again.csrf, code: '123456' })).statusCode;
  assert.equal(last, 429);
  const locked = await postForm(app, '/admin/sign-in/code', again.cookies, { _csrf: again.csrf, code: codes[5] ?? '' });
  assert.equal(locked.statusCode, 429, 'even a right code waits out the lock');
  const lockedEntries = await app.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'sign-in.2fa-locked').execute();
  assert.ok(lockedEntries.length >= 1, 'an attempt during the lock is in the audit log');
});

test('the half-way session expires after ten minutes', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { secret } = await enrol(app, (await signIn(app, 'asma@clinic.example')).cookies);
  app.clock.advance(60_000);
  const step = await passwordStep(app);
  app.clock.advance(11 * 60_000);
  const res = await postForm(app, '/admin/sign-in/code', step.cookies, { _csrf: step.csrf, code: currentTotp(secret, app.clock.now.getTime()) });
  assert.ok(res.statusCode === 401 || res.statusCode === 403, `got ${res.statusCode}`);
});

test('when the clinic requires two-step sign-in for a role, such an account must enrol before anything else; other roles need not', async (t) => {
  const app = await staffApp(t);
  const admin = await makeUser(app, 'asma@clinic.example', ['admin']);
  await app.services.settings.updateStaff({ id: admin.id, email: admin.email, ip: null }, { ...(await app.services.settings.staff()), require2faRoles: ['admin'] });
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const res = await get(app, '/admin/users', cookies);
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/admin/account/2fa');
  const page = await get(app, '/admin/account/2fa', cookies);
  assert.match(page.body, /Your clinic requires two-step verification/);
  await enrol(app, cookies);
  assert.equal((await get(app, '/admin/users', cookies)).statusCode, 200);
  const account = await get(app, '/admin/account', cookies);
  assert.match(account.body, /requires two-step verification for your role/);
  await makeUser(app, 'bilal@clinic.example', ['coordinator']);
  const coordinator = await signIn(app, 'bilal@clinic.example');
  assert.equal((await get(app, '/admin', coordinator.cookies)).statusCode, 200, 'a coordinator is not asked to enrol');
  assert.doesNotMatch(account.body, /Turn off two-step verification/);
});

test('turning two-step verification off needs a current code', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const { secret } = await enrol(app, cookies);
  app.clock.advance(60_000);
  const page = await get(app, '/admin/account', cookies);
  const bad = await postForm(app, '/admin/account/2fa/disable', cookies, { _csrf: csrfIn(page.body), code: '111111' });
  assert.equal(bad.statusCode, 400);
  const ok = await postForm(app, '/admin/account/2fa/disable', cookies, { _csrf: csrfIn(page.body), code: currentTotp(secret, app.clock.now.getTime()) });
  assert.equal(ok.statusCode, 303);
  assert.equal((await signIn(app, 'asma@clinic.example')).location, '/admin', 'password alone again');
});
