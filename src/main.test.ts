import assert from 'node:assert/strict';
import { test } from 'node:test';
import { watchResolvedModules } from '../test/resolved-modules.ts';

// Packages that a process serving readers does not need, loaded on first use instead of at start
// (see "Memory" in README.md): each costs megabytes of memory in every process.
const loadedOnFirstUse = {
  nodemailer: 'the first email (jobs/mailer.ts)',
  '@zxcvbn-ts/language-common': 'the first password set (features/staff/passwords.ts)',
  qrcode: 'the first 2FA enrolment (features/staff/totp.ts)',
  ioredis: 'REDIS_URL (platform/redis.ts)',
  pg: 'a postgres:// DATABASE_URL (db/connection.ts)',
};

// Every module resolved from here on; the app is imported below, after the hook is in place.
const modules = watchResolvedModules();

// On the PostgreSQL test run the test database itself needs pg.
const onPostgres = /^postgres(ql)?:/.test(process.env.TEST_DATABASE_URL ?? '');

test('starting the app and serving readers loads none of the packages kept for first use', async (t) => {
  const { build } = await import('../test/helper.ts');
  const { createMailer } = await import('./jobs/mailer.ts');
  createMailer({ mailFrom: 'Caresite <no-reply@localhost>', mailDir: '/nonexistent' });
  const app = await build(t);
  for (const url of ['/', '/articles/als-overview', '/search?q=als', '/admin/sign-in']) {
    assert.equal((await app.fastify.inject(url)).statusCode, 200, url);
  }
  assert.ok(modules.loaded('fastify'), 'the hook sees the app being loaded');
  for (const [name, until] of Object.entries(loadedOnFirstUse)) {
    if (name === 'pg' && onPostgres) {
      t.diagnostic('pg not checked: this run uses a PostgreSQL test database, which needs it');
      continue;
    }
    assert.ok(!modules.loaded(name), `${name} is loaded only with ${until}`);
  }
});
