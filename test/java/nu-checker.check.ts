// The Nu Html Checker (the W3C validator's engine, npm `vnu-jar`) over every page: a judge nobody here wrote.
// It needs Java, so it runs as `npm run test:html`, not in `npm test` (which needs nothing outside npm): the
// name ends in .check.ts so that npm test's 'test/**/*.test.ts' does not pick it up. html-validate, in npm
// test, checks the same pages without Java.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { goodForm, postConsultation } from '../consultation.ts';
import { build } from '../helper.ts';
import { renderDashboardPages, renderPublicPages, type RenderedPage } from '../pages.ts';

const vnuJar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');

interface NuMessage {
  type: string;
  subType?: string;
  url?: string;
  message: string;
  lastLine?: number;
  lastColumn?: number;
}

/** Runs java, or fails saying how to get it (the test never skips). */
function java(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile('java', args, { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      const code = (error as (Error & { code?: unknown }) | null)?.code;
      if (code === 'ENOENT') reject(new Error('java is not installed: the Nu Html Checker needs it (`apt-get install -y default-jre-headless`)'));
      else resolve({ code: typeof code === 'number' ? code : 0, stderr });
    });
  });
}

/** Checks all pages in one run of the checker (one JVM start); returns "url:line:column message" per error. */
async function nuErrors(pages: RenderedPage[]): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'caresite-nu-'));
  try {
    const files = pages.map((page, i) => {
      const file = join(dir, `page-${i}.html`);
      writeFileSync(file, page.html);
      return file;
    });
    const { stderr } = await java(['-jar', vnuJar, '--errors-only', '--format', 'json', ...files]);
    const messages = (JSON.parse(stderr) as { messages: NuMessage[] }).messages;
    return messages
      .filter((m) => m.type === 'error' || m.subType === 'fatal')
      .map((m) => {
        const index = Number(/page-(\d+)\.html$/.exec(m.url ?? '')?.[1]);
        return `${pages[index]?.url ?? m.url}:${m.lastLine}:${m.lastColumn} ${m.message}`;
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the Nu Html Checker finds no error on any public page', async (t) => {
  const pages = await renderPublicPages(t);
  assert.ok(pages.length > 20, `found ${pages.length} pages`);
  assert.deepEqual(await nuErrors(pages), []);
});

test('the Nu Html Checker finds no error on any dashboard page', async (t) => {
  const pages = await renderDashboardPages(t);
  assert.ok(pages.length >= 16, `found ${pages.length} pages`);
  assert.deepEqual(await nuErrors(pages), []);
});

/** The consultation form in the states no sitemap lists, in both languages: with errors, after an article's short form, and a thank-you page. */
async function renderConsultationPages(t: Pick<TestContext, 'after'>): Promise<RenderedPage[]> {
  const app = await build(t);
  const pages: RenderedPage[] = [];
  for (const prefix of ['', '/ur']) {
    const path = `${prefix}/consultation`;
    pages.push({ url: path, html: (await app.fastify.inject(path)).body });
    const errors = await postConsultation(app, goodForm({ name: '', phone: 'call me', replyVia: 'email', condition: '', consent: '' }), { path });
    assert.equal(errors.statusCode, 400);
    pages.push({ url: `POST ${path} (errors)`, html: errors.body });
    const short = await postConsultation(app, { step: 'short', name: 'Bilal', phone: '0321 7654321', message: 'A question', consent: 'yes', source: `${prefix}/articles/als-overview` }, { path });
    assert.equal(short.statusCode, 200);
    pages.push({ url: `POST ${path} (short form)`, html: short.body });
    const sent = await postConsultation(app, goodForm({ phone: prefix ? '0300 1234599' : '0300 1234598' }), { path });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
    const thanks = String(sent.headers.location);
    pages.push({ url: thanks, html: (await app.fastify.inject(thanks)).body });
  }
  return pages;
}

test('the Nu Html Checker finds no error on the consultation form with errors, after a short form, or on a thank-you page', async (t) => {
  const pages = await renderConsultationPages(t);
  assert.equal(pages.length, 8);
  assert.deepEqual(await nuErrors(pages), []);
});

test('the checker run is real: a broken page is reported', async () => {
  const errors = await nuErrors([{ url: '/broken', html: '<!DOCTYPE html><html lang="en"><title>x</title><p><div></span>' }]);
  assert.ok(errors.length > 0 && errors.every((e) => e.startsWith('/broken:')), errors.join('\n'));
});
