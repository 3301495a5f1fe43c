import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csrfIn, get, makeUser, PASSWORD, postForm, refusalsLogged, signIn, signInForm, staffApp, tokenOf } from '../../../test/staff.ts';

type App = Awaited<ReturnType<typeof staffApp>>;

async function outboxEmails(app: App): Promise<{ to: string; subject: string; text: string }[]> {
  const rows = await app.db.kysely.selectFrom('outbox').select('payload').orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.payload) as { to: string; subject: string; text: string });
}

function linkIn(text: string): string {
  const m = /(https:\/\/clinic\.example\.org\/admin\/password\/set\?token=[\w-]+)/.exec(text);
  assert.ok(m?.[1], 'the email has a link');
  return m[1];
}

async function setPassword(app: App, link: string, password: string, confirm = password) {
  const url = new URL(link);
  const page = await app.fastify.inject(url.pathname + url.search);
  if (page.statusCode !== 200) return page;
  const { cookiesFrom } = await import('../../../test/staff.ts');
  const cookies = cookiesFrom(page.headers['set-cookie']);
  return postForm(app, '/admin/password/set', cookies, { _csrf: csrfIn(page.body), token: tokenOf(link), username: 'x', password, confirm });
}

test('an admin invites a colleague: the email goes through the outbox, the link sets a password once', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const page = await get(app, '/admin/users', cookies);
  const res = await postForm(app, '/admin/users/invite', cookies, { _csrf: csrfIn(page.body), email: 'Bilal@Clinic.example', name: 'Bilal', roles: ['coordinator', 'editor'] });
  assert.equal(res.statusCode, 303);
  const mail = (await outboxEmails(app)).at(-1);
  assert.equal(mail?.to, 'bilal@clinic.example');
  assert.match(mail?.subject ?? '', /your staff account/);
  const link = linkIn(mail?.text ?? '');

  const weak = await setPassword(app, link, 'password1234');
  assert.equal(weak.statusCode, 400);
  assert.match(weak.body, /list of common passwords/);
  const short = await setPassword(app, link, 'short');
  assert.match(short.body, /at least 12 characters/);
  const mismatch = await setPassword(app, link, PASSWORD, 'something else entirely');
  assert.match(mismatch.body, /not the same/);
  assert.equal((await setPassword(app, link, PASSWORD)).statusCode, 303);
  assert.equal((await setPassword(app, link, PASSWORD)).statusCode, 410, 'the link works once');
  const form = await signInForm(app);
  const replay = await postForm(app, '/admin/password/set', form.cookies, { _csrf: form.csrf, token: tokenOf(link), password: 'another long passphrase', confirm: 'another long passphrase' });
  assert.equal(replay.statusCode, 410, 'posting with a used link is refused too');
  const rejected = await app.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'password.link-rejected').execute();
  assert.equal(rejected.length, 1, 'and recorded');

  const bilal = await signIn(app, 'bilal@clinic.example');
  assert.equal(bilal.status, 303);
  const overview = await get(app, '/admin', bilal.cookies);
  assert.match(overview.body, /New consultation requests/);
  assert.equal((await get(app, '/admin/users', bilal.cookies)).statusCode, 403);
});

test('invite errors are shown beside the fields, with what was typed kept', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const page = await get(app, '/admin/users', cookies);
  const res = await postForm(app, '/admin/users/invite', cookies, { _csrf: csrfIn(page.body), email: 'not-an-email', name: 'Sara <b>K</b>' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /<div class="error-summary"/);
  assert.match(res.body, /<p class="field-error" id="f-email-error">Enter an email address/);
  assert.match(res.body, /<p class="field-error" id="f-roles-error">Choose at least one role/);
  assert.match(res.body, /value="not-an-email"/);
  assert.match(res.body, /value="Sara &#60;b&#62;K&#60;\/b&#62;"/);
  const taken = await postForm(app, '/admin/users/invite', cookies, { _csrf: csrfIn(page.body), email: 'asma@clinic.example', name: 'Again', roles: 'editor' });
  assert.match(taken.body, /already an account/);
  // A name that is too long is refused and kept as typed, not cut short without a word.
  const long = 'N'.repeat(130);
  const tooLong = await postForm(app, '/admin/users/invite', cookies, { _csrf: csrfIn(page.body), email: 'long@clinic.example', name: long, roles: 'editor' });
  assert.equal(tooLong.statusCode, 400);
  assert.match(tooLong.body, /id="f-name-error">Use at most 120 characters/);
  assert.match(tooLong.body, new RegExp(`value="${long}"`));
  // A right-to-left override (U+202E) would make "abc" + RLO + "evil" show as "abclive" in the users list: it is removed.
  const spoof = await postForm(app, '/admin/users/invite', cookies, { _csrf: csrfIn(page.body), email: 'rlo@clinic.example', name: 'abc\u202Eevil', roles: 'editor' });
  assert.equal(spoof.statusCode, 303);
  assert.equal((await app.db.kysely.selectFrom('users').select('name').where('email', '=', 'rlo@clinic.example').executeTakeFirstOrThrow()).name, 'abc evil');
});

test('password reset: same answer for any email, a link that expires, and every session signed out', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const old = (await signIn(app, 'asma@clinic.example')).cookies;
  const ask = async (email: string) => {
    const form = await signInForm(app);
    const res = await postForm(app, '/admin/password/forgot', form.cookies, { _csrf: form.csrf, email });
    // The answer leaves before the request is handled; wait for that work before looking at the outbox.
    await app.services.staff.settle();
    return res;
  };
  const known = await ask('asma@clinic.example');
  const unknown = await ask('ghost@clinic.example');
  assert.equal(known.statusCode, 303);
  assert.equal(unknown.statusCode, 303);
  assert.equal(known.headers.location, unknown.headers.location);
  const mails = await outboxEmails(app);
  assert.equal(mails.length, 1, 'only the real account gets an email');
  const link = linkIn(mails[0]?.text ?? '');

  app.clock.advance(61 * 60_000);
  assert.equal((await setPassword(app, link, 'a brand new passphrase here')).statusCode, 410, 'expired after an hour');
  await ask('asma@clinic.example');
  const fresh = linkIn((await outboxEmails(app)).at(-1)?.text ?? '');
  assert.equal((await setPassword(app, fresh, 'a brand new passphrase here')).statusCode, 303);
  assert.equal((await get(app, '/admin', old)).statusCode, 303, 'old sessions were signed out');
  assert.equal((await signIn(app, 'asma@clinic.example')).status, 401, 'the old password no longer works');
  assert.equal((await signIn(app, 'asma@clinic.example', 'a brand new passphrase here')).status, 303);
  const bad = await ask('not an email');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /value="not an email"/);
});

test('a made-up or malformed link gets a clear page', async (t) => {
  const app = await staffApp(t);
  for (const url of ['/admin/password/set', '/admin/password/set?token=nope', `/admin/password/set?token=${'x'.repeat(500)}`]) {
    const res = await app.fastify.inject(url);
    assert.equal(res.statusCode, 410, url);
    assert.match(res.body, /expired or has already been used/);
  }
});

test('the first admin comes from the command line with a one-time link; there is no open sign-up', async (t) => {
  const app = await staffApp(t);
  const created = await app.services.staff.createAdmin('first@clinic.example', 'First');
  assert.ok(created.ok);
  const link = created.value;
  assert.match(link, /^https:\/\/clinic\.example\.org\/admin\/password\/set\?token=[\w-]{43}$/);
  const again = await app.services.staff.createAdmin('first@clinic.example', 'Again');
  assert.ok(!again.ok && again.error.code === 'CS_ERR_EMAIL_TAKEN' && /already has an account/.test(again.error.message));
  assert.equal((await signIn(app, 'first@clinic.example', PASSWORD)).status, 401, 'no password until the link is used');
  assert.equal((await setPassword(app, link, PASSWORD)).statusCode, 303);
  assert.equal((await signIn(app, 'first@clinic.example', PASSWORD)).status, 303);
});

test('the last active admin cannot remove their own admin role', async (t) => {
  const app = await staffApp(t);
  const admin = await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const page = await get(app, `/admin/users/${admin.id}`, cookies);
  const res = await postForm(app, `/admin/users/${admin.id}`, cookies, { _csrf: csrfIn(page.body), name: 'Asma', roles: 'editor', status: 'active' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /last active admin/);
  assert.equal((await app.services.staff.user(admin.id))?.roles, 'admin');
  const second = await makeUser(app, 'zara@clinic.example', ['editor']);
  const edit = await get(app, `/admin/users/${second.id}`, cookies);
  const ok = await postForm(app, `/admin/users/${second.id}`, cookies, { _csrf: csrfIn(edit.body), name: 'Zara', roles: ['editor', 'reviewer'], status: 'active' });
  assert.equal(ok.statusCode, 303);
  assert.equal((await app.services.staff.user(second.id))?.roles, 'editor,reviewer');
  const entry = await app.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'user.updated').orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.equal(entry.target_id, String(second.id));
  assert.match(entry.details, /"before":\{"roles":"editor"/);
  assert.equal((await get(app, '/admin/users/999999', cookies)).statusCode, 404);
  assert.equal((await get(app, '/admin/users/abc', cookies)).statusCode, 404);
});

test('an invitation that expired is sent again from the account page; the old link stops working', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const users = await get(app, '/ur/admin/users', cookies);
  const invited = await postForm(app, '/ur/admin/users/invite', cookies, { _csrf: csrfIn(users.body), email: 'nida@clinic.example', name: 'Nida', roles: ['editor'] });
  assert.equal(invited.statusCode, 303);
  const first = (await outboxEmails(app)).at(-1);
  assert.match(first?.text ?? '', /[\u0600-\u06FF]/, 'invited from the Urdu dashboard, the email is in Urdu');
  const nida = await app.db.kysely.selectFrom('users').selectAll().where('email', '=', 'nida@clinic.example').executeTakeFirstOrThrow();
  assert.equal(invited.headers.location, `/ur/admin/users?invited=${nida.id}`);
  assert.match((await get(app, String(invited.headers.location), cookies)).body, /nida@clinic\.example/, 'the notice names the account');

  app.clock.advance(8 * 86_400_000);
  const oldLink = linkIn(first?.text ?? '');
  assert.equal((await setPassword(app, oldLink, PASSWORD)).statusCode, 410, 'expired after 7 days');
  const { cookies: later } = await signIn(app, 'asma@clinic.example'); // a week on, the admin signs in again
  const page = await get(app, `/admin/users/${nida.id}`, later);
  assert.match(page.body, /Send a new invitation/);
  const again = await postForm(app, `/admin/users/${nida.id}/invite`, later, { _csrf: csrfIn(page.body) });
  assert.equal(again.statusCode, 303);
  const fresh = linkIn((await outboxEmails(app)).at(-1)?.text ?? '');
  assert.notEqual(fresh, oldLink);
  assert.equal((await setPassword(app, fresh, PASSWORD)).statusCode, 303);
  assert.equal((await signIn(app, 'nida@clinic.example')).status, 303);
  const resent = await app.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'user.invite-resent').executeTakeFirst();
  assert.equal(resent?.target_id, String(nida.id));

  // Now that Nida has a password she is never "invited" again: not by the form, not by a crafted post.
  const edit = await get(app, `/admin/users/${nida.id}`, later);
  assert.doesNotMatch(edit.body, /Send a new invitation|value="invited"/);
  const crafted = await postForm(app, `/admin/users/${nida.id}`, later, { _csrf: csrfIn(edit.body), name: 'Nida', roles: 'editor', status: 'invited' });
  assert.equal(crafted.statusCode, 400);
  assert.match(crafted.body, /id="f-status-error"/);
  assert.equal((await app.services.staff.user(nida.id))?.status, 'active');
  const resend = await postForm(app, `/admin/users/${nida.id}/invite`, later, { _csrf: csrfIn(edit.body) });
  assert.equal(resend.statusCode, 409);
  assert.match(resend.body, /already set its password/);
});

test('disabling an account ends its pending links for good: enabling it again does not revive them', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const users = await get(app, '/admin/users', cookies);
  await postForm(app, '/admin/users/invite', cookies, { _csrf: csrfIn(users.body), email: 'omar@clinic.example', name: 'Omar', roles: ['coordinator'] });
  const link = linkIn((await outboxEmails(app)).at(-1)?.text ?? '');
  const omar = await app.db.kysely.selectFrom('users').select('id').where('email', '=', 'omar@clinic.example').executeTakeFirstOrThrow();
  for (const status of ['disabled', 'invited']) {
    const page = await get(app, `/admin/users/${omar.id}`, cookies);
    assert.equal((await postForm(app, `/admin/users/${omar.id}`, cookies, { _csrf: csrfIn(page.body), name: 'Omar', roles: 'coordinator', status })).statusCode, 303, status);
  }
  assert.equal((await setPassword(app, link, PASSWORD)).statusCode, 410, 'the link from before the account was disabled is dead');
});

test('the users page shows a notice only for an account that was invited, never text from the address', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  for (const odd of ['your account is compromised, call +1 555', '1', '99999', '-1']) {
    const res = await get(app, `/admin/users?invited=${encodeURIComponent(odd)}`, cookies);
    assert.equal(res.statusCode, 200, odd);
    assert.doesNotMatch(res.body, /Invitation sent|compromised/, odd);
  }
});

test('a password reset lifts the sign-in lock on the account, and reset emails are rate limited', async (t) => {
  const app = await staffApp(t);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  for (let i = 0; i < 10; i++) await signIn(app, 'asma@clinic.example', 'a wrong guess of a password');
  assert.equal((await signIn(app, 'asma@clinic.example')).status, 429, 'locked after 10 failures');
  const ask = async (email: string) => {
    const form = await signInForm(app);
    const res = await postForm(app, '/admin/password/forgot', form.cookies, { _csrf: form.csrf, email });
    // The answer leaves before the request is handled; wait for that work before looking at the outbox.
    await app.services.staff.settle();
    return res;
  };
  await ask('asma@clinic.example');
  const link = linkIn((await outboxEmails(app)).at(-1)?.text ?? '');
  assert.equal((await setPassword(app, link, 'a brand new passphrase here')).statusCode, 303);
  assert.equal((await signIn(app, 'asma@clinic.example', 'a brand new passphrase here')).status, 303, 'the owner of the emailed link is let in');

  // Three reset emails per address in a quarter of an hour; more requests get the same answer but send nothing.
  const before = (await outboxEmails(app)).length;
  for (let i = 0; i < 5; i++) assert.equal((await ask('asma@clinic.example')).statusCode, 303);
  assert.equal((await outboxEmails(app)).length - before, 2, 'one was sent above, two more now, then none');
  app.clock.advance(16 * 60_000);
  await ask('asma@clinic.example');
  assert.equal((await outboxEmails(app)).length - before, 3, 'allowed again after the window');
  assert.deepEqual(await refusalsLogged(app, 'password.reset-throttled'), { rows: 2, count: 3 }, 'the three refused requests: one row at once, one for the repeats');
});
