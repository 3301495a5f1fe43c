import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { watchResolvedModules } from '../test/resolved-modules.ts';

// Packages that a process serving readers does not need, loaded on first use instead of at start
// (see "Memory" in README.md): each costs megabytes of memory in every process.
const loadedOnFirstUse = {
  nodemailer: 'the first email (jobs/mailer.ts)',
  '@zxcvbn-ts/language-common': 'the first password set (features/staff/passwords.ts)',
  qrcode: 'the first 2FA enrolment (features/staff/totp.ts)',
  ioredis: 'REDIS_URL (platform/redis.ts)',
  pg: 'a postgres:// DATABASE_URL (db/connection.ts)',
  micromark: 'the first Markdown document saved (content/render-markdown.ts)',
  unified: 'the first Markdown document saved (content/render-markdown.ts)',
  yaml: 'the first import of content files (content/demo.ts, the command line)',
  ics: 'the first consultation booked (features/consultation/booking-rules.ts)',
  diff: 'the first comparison of two revisions (features/editorial/diff.ts)',
  'parse-english': 'the first check of an article (features/editorial/findings.ts)',
  sharp: 'the first image uploaded (features/media/service.ts)',
  '@fastify/busboy': 'the first multipart form, an image upload (http/admin/uploads.ts)',
};

// Every module resolved from here on; the app is imported below, after the hook is in place.
const modules = watchResolvedModules();

const cliFile = new URL('./cli.ts', import.meta.url).pathname;
const demoContent = new URL('../content/demo/', import.meta.url).pathname;

/**
 * Loads content the way an operator does, with the command line in a process of its own: importing
 * renders Markdown, which this process must not do, as a process serving readers never does.
 */
async function importWithCommandLine(databaseUrl: string, folder: string): Promise<void> {
  await promisify(execFile)(process.execPath, [cliFile, 'import', folder], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl } });
}

// Always on an SQLite file, which the command line and this process can both open (an in-memory
// database lives inside one connection), so pg is checked on the PostgreSQL test run too.
test('starting the app on a database with content and serving readers loads none of the packages kept for first use', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'caresite-first-use-'));
  const databaseUrl = `sqlite:${join(dir, 'caresite.db')}`;
  await importWithCommandLine(databaseUrl, demoContent);
  const { buildApp } = await import('./app.ts');
  const { loadConfig } = await import('./config.ts');
  const { connect } = await import('./db/connection.ts');
  const { createMailer } = await import('./jobs/mailer.ts');
  createMailer({ mailFrom: 'Caresite <no-reply@localhost>', mailDir: '/nonexistent' });
  const db = connect(databaseUrl);
  const config = { ...loadConfig({ BASE_URL: 'https://clinic.example.org' }), databaseUrl };
  const app = await buildApp({ config, db, logger: false, contentPollMs: 0, mailMode: 'test' });
  t.after(async () => {
    await app.fastify.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  for (const url of ['/', '/articles/als-overview', '/search?q=als', '/consultation', '/admin/sign-in']) {
    assert.equal((await app.fastify.inject(url)).statusCode, 200, url);
  }
  assert.ok(modules.loaded('fastify'), 'the hook sees the app being loaded');
  for (const [name, until] of Object.entries(loadedOnFirstUse)) {
    assert.ok(!modules.loaded(name), `${name} is loaded only with ${until}`);
  }
});
