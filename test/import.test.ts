import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { importContent } from '#src/content/importer.ts';
import { ContentError } from '#src/content/markdown.ts';
import { build, fixtureContent } from './helper.ts';

const run = promisify(execFile);

function copyOfFixtures(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'caresite-content-'));
  cpSync(fixtureContent, dir, { recursive: true });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a broken article is refused with the file and field named, and stored articles are kept', async (t) => {
  const { fastify, services } = await build(t, fixtureContent);
  const dir = copyOfFixtures(t);
  const cases: [string, RegExp][] = [
    ['---\ntitle: x\n', /no front matter/],
    ['---\ntitle: [unclosed\n---\nbody', /front matter is not valid YAML/],
    ['---\ntitle: T\nsummary: S\nauthor: writer\nreviewer: writer\npublished_at: 2026-01-01\nreviewed_at: 2026-01-01\nnext_review_at: 2027-01-01\n---\nbody', /reviewer "writer" is not a medical reviewer/],
    ['---\ntitle: T\nsummary: S\nauthor: writer\nreviewer: dr-reviewer\npublished_at: 2026-01-01\nreviewed_at: 2026-01-01\nnext_review_at: 2025-01-01\n---\nbody', /next_review_at: next_review_at must be after reviewed_at/],
    ['---\ntitle: T\nsummary: S\nauthor: writer\nreviewer: dr-reviewer\npublished_at: 1 Jan\nreviewed_at: 2026-01-01\nnext_review_at: 2027-01-01\n---\nbody', /published_at/],
    ['---\ntitle: T\nsummary: S\nauthor: writer\nreviewer: dr-reviewer\npublished_at: 2026-01-01\nreviewed_at: 2026-01-01\nnext_review_at: 2027-01-01\nconditions: [nope]\n---\nbody', /unknown topics: nope/],
    ['---\ntitle: T\nsummary: S\nauthor: writer\nreviewer: dr-reviewer\ntranslator: nobody\npublished_at: 2026-01-01\nreviewed_at: 2026-01-01\nnext_review_at: 2027-01-01\n---\nbody', /translator "nobody" is not a person/],
    ['---\ntitle: T\nsummary: S\nauthor: writer\nreviewer: dr-reviewer\npublished_at: 2026-01-01\nreviewed_at: 2026-01-01\nnext_review_at: 2027-01-01\n---\n![](/x.png)', /has no alt text/],
    ['---\ntitle: T\nsummary: S\nauthor: writer\nreviewer: dr-reviewer\npublished_at: 2026-01-01\nreviewed_at: 2026-01-01\nnext_review_at: 2027-01-01\nvideo: https://example.org/v\n---\nbody', /only YouTube and Vimeo/],
  ];
  for (const [source, message] of cases) {
    writeFileSync(join(dir, 'articles', 'zz-broken.md'), source);
    await assert.rejects(importContent(services, dir), (err: unknown) => err instanceof ContentError && /zz-broken\.md/.test(err.message) && message.test(err.message));
  }
  const res = await fastify.inject('/articles/full-article');
  assert.equal(res.statusCode, 200, 'what was stored before is still served');
  assert.equal((await fastify.inject('/articles/zz-broken')).statusCode, 404);
});

test('re-importing updates articles in place (same URL), and a missing folder is a clear error', async (t) => {
  const { fastify, services } = await build(t, fixtureContent);
  const dir = copyOfFixtures(t);
  writeFileSync(join(dir, 'articles', 'overdue-article.md'), '---\ntitle: Renamed\nsummary: S\nauthor: writer\nreviewer: dr-reviewer\npublished_at: 2024-01-01\nreviewed_at: 2026-01-01\nnext_review_at: 2027-01-01\n---\nNew body about giraffes.\n');
  await importContent(services, dir);
  const res = await fastify.inject('/search?q=giraffes');
  assert.match(res.body, /Renamed/);
  assert.doesNotMatch((await fastify.inject('/search?q=zebras')).body, /Renamed/, 'the old text left the search index');
  await assert.rejects(importContent(services, join(dir, 'nope')), /does not exist/);
});

test('caresite import loads a folder from the command line', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'caresite-db-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'c.db')}` };
  const cli = new URL('../bin/caresite.js', import.meta.url).pathname;
  const { stdout } = await run(process.execPath, [cli, 'import', fixtureContent], { env });
  assert.match(stdout, /imported 4 articles, 3 topics, 2 people, 1 testimonials, 4 pages/);
  const bad = await run(process.execPath, [cli, 'import', join(dir, 'missing')], { env }).catch((e: { code: number; stderr: string }) => e);
  assert.equal((bad as { code: number }).code, 1);
  assert.match((bad as { stderr: string }).stderr, /does not exist/);
  const usage = await run(process.execPath, [cli], { env }).catch((e: { code: number; stdout: string }) => e);
  assert.equal((usage as { code: number }).code, 2);
});
