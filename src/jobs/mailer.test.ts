import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { watchResolvedModules } from '../../test/resolved-modules.ts';
import { headerValue, startSmtpServer } from './test-support.ts';

const mailFrom = 'Caresite <no-reply@clinic.example.org>';

// Every module this process resolves from now on, to see when nodemailer is first loaded.
const modules = watchResolvedModules();
const nodemailerLoaded = () => modules.loaded('nodemailer');
// Imported after the hook, so that its own imports are seen too.
const { createMailer } = await import('./mailer.ts');

test('without SMTP_URL each message is written as an .eml file into a directory created on demand', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'caresite-mail-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const mailDir = join(root, 'data', 'mail');
  const mailer = createMailer({ mailFrom, mailDir });
  assert.equal(mailer.describe(), `no SMTP_URL: mail is written to ${mailDir}/`);
  assert.equal(nodemailerLoaded(), false, 'nodemailer is loaded with the first message, not with the mailer (memory at start)');

  await mailer.send({ to: 'patient@example.org', subject: 'Your consultation', text: 'See you on Monday.' });
  await mailer.send({ to: 'other@example.org', subject: 'Second', text: 'Another.' });

  const files = (await readdir(mailDir)).sort();
  assert.equal(files.length, 2);
  assert.ok(files.every((f) => f.endsWith('.eml')));
  const messages = await Promise.all(files.map((f) => readFile(join(mailDir, f), 'utf8')));
  const eml = messages.find((m) => headerValue(m, 'subject') === 'Your consultation') ?? '';
  assert.equal(headerValue(eml, 'to'), 'patient@example.org');
  assert.equal(headerValue(eml, 'from'), mailFrom);
  assert.match(eml, /\r\n\r\n/, 'CRLF line ends, as RFC 5322 wants');
  assert.match(eml, /See you on Monday\./);
});

test('with SMTP_URL the mailer sends over SMTP and describes the server without its credentials', async (t) => {
  const smtp = await startSmtpServer(t);
  const mailer = createMailer({ smtpUrl: smtp.url, mailFrom, mailDir: '/nonexistent' });
  await mailer.send({ to: 'patient@example.org', subject: 'Over SMTP', text: 'Hello', from: 'Clinic <clinic@example.org>' });
  assert.equal(smtp.received[0]?.subject, 'Over SMTP');
  assert.equal(headerValue(smtp.received[0]?.raw ?? '', 'from'), 'Clinic <clinic@example.org>', 'a per-message sender wins');

  const described = createMailer({ smtpUrl: 'smtps://user:s3cret@mail.example.org:465/?x=1', mailFrom, mailDir: '' }).describe();
  assert.equal(described, 'mail is sent through SMTP at smtps://mail.example.org:465');
});

test('a refused message rejects send()', async (t) => {
  const smtp = await startSmtpServer(t, { rejectFirst: 1 });
  const mailer = createMailer({ smtpUrl: smtp.url, mailFrom, mailDir: '' });
  await assert.rejects(mailer.send({ to: 'patient@example.org', subject: 'No', text: 'x' }), /451/);
});
