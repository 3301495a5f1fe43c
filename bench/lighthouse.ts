// Lighthouse (mobile) over the public pages: the app in a child process on 127.0.0.1, each page audited
// LIGHTHOUSE_RUNS times (default 3) with the browser test/e2e/find-browser.ts finds (CHROME_PATH, the system's
// Chromium, or the one in npm @sparticuz/chromium), and the median of each category printed.
// The median Largest Contentful Paint (simulated, ms) is printed beside the scores: issue 9's aim is at most 1000 ms
// on every public page. Exits 1 when a median score is below 100. Usage: npm run lighthouse [-- /path ...] [-- --json]
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { chromeFlags, findBrowser, type FoundBrowser } from '../test/e2e/find-browser.ts';
import { killChildrenNow, startChild, stopChildren } from './children.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];
const DEFAULT_PAGES = [
  '/',
  '/ur/',
  '/articles',
  '/ur/articles',
  '/articles/als-overview',
  '/ur/articles/als-overview',
  '/articles/als-treatment-options',
  '/conditions/als',
  '/ur/conditions/als',
  '/treatments/stem-cell-therapy',
  '/people/bilal-hussain',
  '/search?q=als',
  '/contact',
  '/ur/contact',
  '/consultation',
  '/ur/consultation',
];
const RUN_TIMEOUT_MS = 120_000;

const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
if (!(Number.isInteger(runs) && runs > 0)) throw new Error('LIGHTHOUSE_RUNS must be a positive whole number');
const asJson = process.argv.includes('--json');
const pages = process.argv.slice(2).filter((a) => a.startsWith('/'));
const log = (line: string) => (asJson ? process.stderr : process.stdout).write(`${line}\n`);
const lighthouseCli = createRequire(import.meta.url).resolve('lighthouse/cli/index.js');

interface Audit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
}
interface Report {
  categories: Record<Category, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, Audit & { numericValue?: number }>;
  runtimeError?: { code: string; message: string };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** One Lighthouse run; a run that recorded nothing usable comes back as its error code, to be repeated. */
function audit(browser: FoundBrowser, url: string): Promise<Report | { failed: string }> {
  const args = [lighthouseCli, url, '--quiet', '--output=json', '--output-path=stdout', `--only-categories=${CATEGORIES.join(',')}`, `--chrome-flags=${chromeFlags.join(' ')}`];
  // Lighthouse launches the browser from CHROME_PATH and passes its own environment on to it (the bundled one needs its libraries).
  const env = { ...process.env, ...browser.env, CHROME_PATH: browser.executablePath };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env, timeout: RUN_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      // Lighthouse exits non-zero when Chrome failed to record the trace (NO_NAVSTART and the like), still printing its report.
      let report: Report | undefined;
      try {
        report = JSON.parse(stdout) as Report;
      } catch {
        report = undefined;
      }
      if (report?.runtimeError) return resolve({ failed: report.runtimeError.code });
      if (report && !error) return resolve(report);
      if (error && 'killed' in error && error.killed) return resolve({ failed: `timed out after ${RUN_TIMEOUT_MS / 1000} s` });
      // Some runtime errors (NO_NAVSTART on a busy machine) end the run before any report is printed: only stderr names them.
      const runtime = /Runtime error encountered:[^\n]*\(([A-Z_]+)\)/.exec(stderr);
      if (runtime?.[1]) return resolve({ failed: runtime[1] });
      reject(new Error(`lighthouse failed on ${url}: ${error?.message ?? 'no report'}\n${stderr.slice(-2000)}`));
    });
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Audits below full marks that count towards a category, for the report of a page that misses 100. */
function shortfalls(report: Report): string[] {
  const counted = new Set(CATEGORIES.flatMap((c) => report.categories[c].auditRefs.filter((r) => r.weight > 0).map((r) => r.id)));
  return Object.values(report.audits)
    .filter((a) => counted.has(a.id) && a.score !== null && a.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
    .map((a) => `${a.id} (${Math.round((a.score ?? 0) * 100)})`);
}

interface PageResult {
  path: string;
  runs: Record<Category, number[]>;
  median: Record<Category, number>;
  /** Largest Contentful Paint of each run and their median, in ms (Lighthouse's simulated mobile figure). */
  lcpRuns: number[];
  lcp: number;
  failedRuns: string[];
  shortfalls: string[];
}

async function auditPage(browser: FoundBrowser, base: string, path: string): Promise<PageResult> {
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, [] as number[]])) as Record<Category, number[]>;
  const failedRuns: string[] = [];
  const lcpRuns: number[] = [];
  const misses = new Set<string>();
  // A run whose trace Chrome failed to record (NO_NAVSTART and the like) says nothing about the page: run again, at most twice as often.
  for (let attempt = 0; scores.performance.length < runs && attempt < runs * 2; attempt++) {
    const report = await audit(browser, base + path);
    if ('failed' in report) {
      failedRuns.push(report.failed);
      continue;
    }
    for (const c of CATEGORIES) scores[c].push(Math.round((report.categories[c].score ?? 0) * 100));
    lcpRuns.push(Math.round(report.audits['largest-contentful-paint']?.numericValue ?? Number.NaN));
    for (const s of shortfalls(report)) misses.add(s);
  }
  if (scores.performance.length === 0) throw new Error(`${path}: every Lighthouse run failed (${failedRuns.join(', ')})`);
  const med = Object.fromEntries(CATEGORIES.map((c) => [c, median(scores[c])])) as Record<Category, number>;
  return { path, runs: scores, median: med, lcpRuns, lcp: median(lcpRuns), failedRuns, shortfalls: [...misses] };
}

async function main(): Promise<number> {
  const browser = await findBrowser();
  const port = await freePort();
  await startChild('app', './server.ts', [String(port)]);
  const base = `http://127.0.0.1:${port}`;
  log(`Lighthouse (mobile), ${runs} run(s) per page, median shown; ${browser.source} browser ${browser.executablePath}`);
  const width = 6 + 4 * runs;
  const lcpWidth = 8 + 5 * runs;
  log(`${'page'.padEnd(32)}${CATEGORIES.map((c) => c.padStart(width)).join('')}${'LCP ms'.padStart(lcpWidth)}`);
  const results: PageResult[] = [];
  for (const path of pages.length ? pages : DEFAULT_PAGES) {
    const result = await auditPage(browser, base, path);
    results.push(result);
    const cells = CATEGORIES.map((c) => `${result.median[c]} (${result.runs[c].join('/')})`.padStart(width)).join('');
    log(`${path.padEnd(32)}${cells}${`${result.lcp} (${result.lcpRuns.join('/')})`.padStart(lcpWidth)}`);
    if (CATEGORIES.some((c) => result.median[c] < 100)) log(`  below 100: ${result.shortfalls.join(', ')}`);
    if (result.failedRuns.length) log(`  runs Lighthouse could not record, repeated: ${result.failedRuns.join(', ')}`);
  }
  await stopChildren();
  if (asJson) process.stdout.write(`${JSON.stringify({ runs, chrome: browser.executablePath, browser: browser.source, pages: results }, null, 2)}\n`);
  const below = results.filter((r) => CATEGORIES.some((c) => r.median[c] < 100));
  log(below.length ? `${below.length} page(s) below 100` : 'every page scores 100 in every category');
  return below.length ? 1 : 0;
}

process.on('exit', killChildrenNow);
try {
  process.exitCode = await main();
} catch (err) {
  console.error(err);
  await stopChildren();
  process.exitCode = 1;
}
