import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errors } from '#src/errors.ts';
import { translator } from '#src/web/i18n/index.ts';
import { build } from '../../test/helper.ts';
import { get, makeUser, signIn } from '../../test/staff.ts';

const en = translator('en');
const ur = translator('ur');

test('a 404 under /admin is drawn in the dashboard layout, in the request’s language', async (t) => {
  const app = await build(t, null);
  const english = await app.fastify.inject('/admin/no-such-page');
  assert.equal(english.statusCode, 404);
  assert.match(english.body, /<body class="admin">/);
  assert.match(english.body, /<html lang="en" dir="ltr">/);
  assert.ok(english.body.includes(`<h1>${en('error.404.title')}</h1>`));
  assert.ok(english.body.includes('href="/ur/admin/no-such-page"'), 'the language switch keeps the page');

  const urdu = await app.fastify.inject('/ur/admin/no-such-page');
  assert.equal(urdu.statusCode, 404);
  assert.match(urdu.body, /<body class="admin">/);
  assert.match(urdu.body, /<html lang="ur" dir="rtl">/);
  assert.ok(urdu.body.includes(`<h1>${ur('error.404.title')}</h1>`));

  const publicPage = await app.fastify.inject('/no-such-page');
  assert.equal(publicPage.statusCode, 404);
  assert.doesNotMatch(publicPage.body, /<body class="admin">/, 'the public site keeps its own layout');
});

test('a signed-in person keeps the dashboard navigation on a 404', async (t) => {
  const app = await build(t, null);
  await makeUser(app, 'asma@clinic.example', ['admin']);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const res = await get(app, '/admin/no-such-page', cookies);
  assert.equal(res.statusCode, 404);
  assert.match(res.body, /class="admin-nav"/);
  assert.ok(res.body.includes(en('admin.signedInAs', { email: 'asma@clinic.example' })));
});

test('a form body over the limit is answered 413 with its own message, not "Bad request"', async (t) => {
  const app = await build(t, null);
  for (const [prefix, t] of [['', en], ['/ur', ur]] as const) {
    const res = await app.fastify.inject({ method: 'POST', url: `${prefix}/admin/sign-in`, payload: `email=${'x'.repeat(100 * 1024)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(res.statusCode, 413);
    assert.ok(res.body.includes(t('error.413.title')), `${prefix}: the 413 title`);
    assert.ok(res.body.includes(t('error.413.text')), `${prefix}: the 413 text`);
    assert.ok(!res.body.includes(t('error.400.title')), `${prefix}: not "Bad request"`);
  }
});

test('each catalog error raised by a route is answered with its status and text, public and under /admin', async (t) => {
  const app = await build(t, null, {
    routes: (fastify) => {
      for (const prefix of ['', '/admin']) {
        fastify.get(`${prefix}/test-error/:name`, async (request) => {
          const name = (request.params as { name: keyof typeof errors }).name;
          throw new errors[name]('detail');
        });
      }
    },
  });
  for (const [name, constructor] of Object.entries(errors)) {
    for (const prefix of ['', '/admin']) {
      const res = await app.fastify.inject(`${prefix}/test-error/${name}`);
      assert.equal(res.statusCode, constructor.spec.status, `${prefix} ${name}`);
      assert.ok(res.body.includes(en(constructor.spec.key)), `${prefix} ${name}: its text`);
      assert.equal(res.body.includes('<body class="admin">'), prefix === '/admin', `${prefix} ${name}: the layout of its area`);
      if (constructor.spec.status === 503) assert.ok(res.headers['retry-after'], `${name}: Retry-After`);
    }
  }
});

test('a framework client error keeps its own status with the bad-request page', async (t) => {
  const app = await build(t, null);
  const res = await app.fastify.inject({ method: 'POST', url: '/admin/sign-in', payload: '<x/>', headers: { 'content-type': 'application/xml' } });
  assert.equal(res.statusCode, 415);
  assert.ok(res.body.includes(en('error.400.text')));
});
