// `caresite check` as a user runs it: the real CLI in a child process, on the demo content and on
// the fixtures, with no database configured.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const worst = 'test/fixtures/claims/worst-clinic-page.md';
const careful = 'test/fixtures/claims/careful-article.md';
const demoTopics = ['--topics', 'content/demo/topics'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function check(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    // A database address that cannot work: the command must not need one.
    const env = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    execFile(process.execPath, ['src/cli.ts', 'check', ...args], { cwd: repo, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: string;
  message: string;
  suggestion: string;
  words?: string;
}

function jsonLines(stdout: string): JsonFinding[] {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JsonFinding);
}

describe('caresite check', () => {
  test('the demo content has no errors, and documentation files are skipped', async () => {
    const run = await check('content/demo');
    assert.equal(run.code, 0, run.stdout);
    assert.doesNotMatch(run.stdout, / {2}error {2}/);
    assert.doesNotMatch(run.stdout, /FORMAT\.md/);
    assert.match(run.stdout, /^0 errors, \d+ warnings?, \d+ info in 26 files$/m);
  });

  test('the worst clinic page fails, with a finding from every family of claims', async () => {
    const run = await check(worst, ...demoTopics, '--json');
    assert.equal(run.code, 1);
    const rules = new Set(jsonLines(run.stdout).map((f) => f.rule));
    const expected = [
      'claims/cure',
      'claims/reverse',
      'claims/stop-disease',
      'claims/painless',
      'claims/hundred-percent',
      'claims/no-side-effects',
      'claims/vague-evidence',
      'claims/clinically-proven',
      'claims/approval',
      'claims/pressure',
      'claims/testimonial-proof',
      'claims/typical-results',
      'claims/promised-results',
      'claims/investigational-notice',
      'sources/unresolved-marker',
      'sources/uncited-number',
      'structure/heading-h1',
      'structure/heading-order',
      'structure/image-alt',
      'structure/empty-link',
      'language/suffers-from',
    ];
    assert.deepEqual(expected.filter((r) => !rules.has(r)), []);
  });

  test('without the topics, the unproven therapy is not known, but its uncited FDA claim is still an error', async () => {
    const findings = jsonLines((await check(worst, '--json')).stdout);
    assert.ok(!findings.some((f) => f.rule === 'claims/approval'));
    assert.ok(findings.some((f) => f.rule === 'sources/uncited-approval' && f.severity === 'error'));
  });

  test('the careful article passes, with or without the topics', async () => {
    for (const args of [[careful], [careful, ...demoTopics]]) {
      const run = await check(...args);
      assert.equal(run.code, 0, run.stdout);
      assert.doesNotMatch(run.stdout, / {2}error {2}/);
    }
  });

  test('--json prints one object per finding with the agreed fields and the line in the file', async () => {
    const findings = jsonLines((await check(worst, '--json')).stdout);
    assert.ok(findings.length > 10);
    for (const f of findings) {
      const keys = Object.keys(f).filter((k) => k !== 'column' && k !== 'words');
      assert.deepEqual(keys.sort(), ['file', 'line', 'message', 'rule', 'severity', 'suggestion']);
      assert.equal(f.file, worst);
      assert.ok(Number.isInteger(f.line) && f.line >= 1);
      assert.ok(['error', 'warning', 'info'].includes(f.severity));
    }
    const lines = readFileSync(join(repo, worst), 'utf8').split('\n');
    const h1 = findings.find((f) => f.rule === 'structure/heading-h1');
    assert.equal(h1?.line, lines.indexOf('# Welcome to the Miracle Centre') + 1);
    const marker = findings.find((f) => f.rule === 'sources/unresolved-marker');
    assert.ok(marker);
    assert.equal(lines[marker.line - 1]?.slice(marker.column - 1, marker.column + 2), '[3]');
  });

  test('human output: file:line:col, severity, rule and message, the suggestion below, and a count', async () => {
    const { stdout } = await check(worst);
    const lines = stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^test\/fixtures\/claims\/worst-clinic-page\.md:\d+:\d+ {2}(error|warning|info) {2}[a-z]+\/[a-z-]+ {2}\S/);
    assert.match(lines[1] ?? '', /^ {4}→ \S/);
    assert.match(lines.at(-1) ?? '', /^\d+ errors, \d+ warnings?, \d+ info in 1 file$/);
  });

  test('usage errors exit 2', async () => {
    for (const args of [[], ['no/such/folder'], [careful, '--nope'], [careful, '--topics']]) {
      const run = await check(...args);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stdout}`);
      assert.match(run.stderr, /Usage: caresite check/);
    }
  });

  describe('in a folder of its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caresite-check-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    test('reads the language from x.ur.md and the kind from the folder', async () => {
      mkdirSync(join(dir, 'articles'));
      writeFileSync(join(dir, 'articles', 'a.ur.md'), '---\ntitle: ٹیسٹ\nsummary: خلاصہ\n---\nہمارا علاج مکمل شفا دیتا ہے۔\n');
      writeFileSync(join(dir, 'README.md'), '# Not content\n');
      const findings = jsonLines((await check(dir, '--json')).stdout);
      assert.deepEqual(findings.map((f) => [f.rule, f.line]).sort(), [
        ['claims/cure', 5],
        ['structure/missing-references', 1],
      ]);
    });
  });
});
