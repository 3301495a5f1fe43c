import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { build } from '../../../test/helper.ts';
import { csrfIn, get, makeUser, PASSWORD, postForm, signIn, signInForm } from '../../../test/staff.ts';
import { currentTotp, newTotpSecret } from './totp.ts';

// Throttles, locks and use-once codes must hold when the attempts arrive all at once, not only one
// after another: every test here sends its requests in parallel. The answers are not held back
// (sleep does nothing), so that the attempts really overlap.

async function parallelApp(t: TestContext) {
  return build(t, null, { sleep: async () => {} });
}

type App = Awaited<ReturnType<typeof parallelApp>>;

async function countAudit(app: App, action: string): Promise<number> {
  return (await app.db.kysely.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;
}

/** Sends `total` requests, `atOnce` of them at a time. */
async function inWaves<T>(total: number, atOnce: number, send: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < total; start += atOnce) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(atOnce, total - start) }, (_, k) => send(start + k)))));
  }
  return out;
}

test('100 parallel password guesses for one account: at most 10 are checked, and the right password is refused while locked', async (t) => {
  const app = await parallelApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const statuses = await inWaves(100, 25, () => signIn(app, 'asma@clinic.example', 'a wrong guess of a password', '10.9.0.1').then((r) => r.status));
  // Every checked guess writes one sign-in.failure row; the rest were refused before any check.
  const checked = await countAudit(app, 'sign-in.failure');
  assert.ok(checked <= 10, `${checked} passwords were checked`);
  assert.equal(checked, 10, 'exactly the allowed number was checked');
  assert.equal(statuses.filter((s) => s === 429).length, 91, 'the tenth guess sets the lock; every later one is refused');
  assert.equal((await signIn(app, 'asma@clinic.example', PASSWORD, '10.9.0.2')).status, 429, 'the right password is refused while the account is locked');
});

test('one client guessing many accounts in parallel: at most 50 checks in the window', async (t) => {
  const app = await parallelApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  await inWaves(120, 30, (i) => signIn(app, `guess${i}@clinic.example`, 'a wrong guess of a password', '10.9.1.1'));
  const checked = await countAudit(app, 'sign-in.failure');
  assert.equal(checked, 50);
  assert.equal((await signIn(app, 'asma@clinic.example', PASSWORD, '10.9.1.1')).status, 429, 'the client is locked for every account');
  assert.equal((await signIn(app, 'asma@clinic.example', PASSWORD, '10.9.1.2')).status, 303, 'another client is not');
});

test('successful sign-ins do not count towards the client lock', async (t) => {
  const app = await parallelApp(t);
  const staff = ['asma', 'bilal', 'sana', 'omar', 'hina'];
  for (const name of staff) await makeUser(app, `${name}@clinic.example`, ['admin']);
  // Five colleagues behind one office address sign in again and again: more than the client limit of 50.
  const results = await inWaves(60, 10, (i) => signIn(app, `${staff[i % 5]}@clinic.example`, PASSWORD, '10.9.2.1'));
  assert.deepEqual(results.map((r) => r.status), results.map(() => 303), 'sixty good sign-ins from one office address all succeed');
});

async function withTwoStep(app: App): Promise<string> {
  const user = await makeUser(app, 'asma@clinic.example', ['admin']);
  const secret = newTotpSecret();
  await app.db.kysely.updateTable('users').set({ totp_secret: secret, totp_enabled_at: new Date().toISOString(), totp_last_step: null }).where('id', '=', user.id).execute();
  return secret;
}

async function secondStep(app: App): Promise<{ cookies: Map<string, string>; csrf: string }> {
  const first = await signIn(app, 'asma@clinic.example');
  assert.equal(first.status, 303);
  return { cookies: first.cookies, csrf: csrfIn((await get(app, '/admin/sign-in/code', first.cookies)).body) };
}

test('100 parallel wrong two-step codes: at most 10 are checked, then the right code is refused', async (t) => {
  const app = await parallelApp(t);
  const secret = await withTwoStep(app);
  const step = await secondStep(app);
  const statuses = await inWaves(100, 25, (i) => postForm(app, '/admin/sign-in/code', new Map(step.cookies), { _csrf: step.csrf, code: String(100000 + i) }).then((r) => r.statusCode));
  assert.ok((await countAudit(app, 'sign-in.2fa-failure')) <= 10);
  assert.ok(statuses.filter((s) => s === 429).length >= 90);
  const right = await postForm(app, '/admin/sign-in/code', step.cookies, { _csrf: step.csrf, code: currentTotp(secret, Date.now()) });
  assert.equal(right.statusCode, 429, 'locked, even for the right code');
});

test('the same two-step code sent ten times at once signs in once', async (t) => {
  const app = await parallelApp(t);
  const secret = await withTwoStep(app);
  const steps = await Promise.all(Array.from({ length: 10 }, () => secondStep(app)));
  const code = currentTotp(secret, Date.now());
  const statuses = await Promise.all(steps.map((s) => postForm(app, '/admin/sign-in/code', s.cookies, { _csrf: s.csrf, code }).then((r) => r.statusCode)));
  assert.equal(statuses.filter((s) => s === 303).length, 1, `answers: ${statuses.join(' ')}`);
});

test('twenty parallel reset requests for one address send at most three emails', async (t) => {
  const app = await parallelApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  await Promise.all(Array.from({ length: 20 }, (_, i) => app.services.staff.requestReset('asma@clinic.example', { ip: `10.9.3.${i}`, userAgent: 'test' })));
  const mails = await app.db.kysely.selectFrom('outbox').select('id').execute();
  assert.equal(mails.length, 3);
});

test('"forgot password" answers before it looks the address up, so known and unknown addresses take the same time', async (t) => {
  const app = await parallelApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  // Hold the lookup until the answer has arrived: an answer that waits for it never comes in time.
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const real = app.services.staff.requestReset.bind(app.services.staff);
  app.services.staff.requestReset = async (email, info) => {
    await gate;
    return real(email, info);
  };
  const form = await signInForm(app);
  const answer = postForm(app, '/admin/password/forgot', form.cookies, { _csrf: form.csrf, email: 'asma@clinic.example' });
  const first = await Promise.race([answer.then((r) => r.statusCode), new Promise<string>((resolve) => setTimeout(() => resolve('still waiting'), 2000))]);
  assert.equal(first, 303, 'the answer left while the lookup was still held');
  release();
  await app.services.staff.settle();
  assert.equal((await app.db.kysely.selectFrom('outbox').select('id').execute()).length, 1, 'the email is still sent');
});

test('direction overrides typed into the sign-in email are neither shown nor stored', async (t) => {
  const app = await parallelApp(t);
  const form = await signInForm(app);
  const res = await postForm(app, '/admin/sign-in', form.cookies, { _csrf: form.csrf, email: 'abc\u202Egnp.exe@clinic.example', password: 'a wrong guess of a password' });
  assert.equal(res.statusCode, 401);
  assert.doesNotMatch(res.body, /[\u202A-\u202E\u2066-\u2069]/);
  const rows = await app.db.kysely.selectFrom('audit_log').select(['actor_email', 'details']).execute();
  assert.ok(rows.length > 0);
  for (const r of rows) assert.doesNotMatch(`${r.actor_email} ${r.details}`, /[\u202A-\u202E\u2066-\u2069]/);
});
