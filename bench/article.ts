// `npm run bench`: the app as `npm start` runs it (package.json's start script, default settings, SQLite file
// database, demo content loaded at first start) against a bare node:http server sending the same
// bytes, each in a child process on 127.0.0.1, loaded by wrk (autocannon with worker threads when
// wrk is missing); then the cost of a cache miss, and search at BENCH_ARTICLES articles on SQLite
// and, given BENCH_DATABASE_URL=postgres://…, on a database of its own on that PostgreSQL server.
// Usage: npm run bench [-- --json]. Settings (environment): see README, section Benchmark.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extraSettings, logFileIn, runCli, startApp, startCommand, type AppProcess } from './app-process.ts';
import type { Fixture, Recorded } from './bare-server.ts';
import { boundInTime, startChild, stopChildren } from './children.ts';
import { searchWords, writeCopies } from './copies.ts';
import { pickGenerator, runLoad, type LoadOptions, type Target } from './loadgen.ts';
import { consultationBench, type ConsultationReport } from './consultation.ts';
import { fetchRaw, loggedResponseTimes, measureCacheMiss, median, visitOnce, type RawResponse } from './measure.ts';
import { createDatabase } from './postgres.ts';
import { cpuMicros, machine, Sampler, type Machine } from './proc.ts';
import { machineLine, missLines, startLines, summarize, table, type Misses, type Run, type Scenario, type Sizes, type Start } from './report.ts';

const ARTICLE = '/articles/als-overview';
const BROWSER_ENCODING = 'gzip, deflate, br, zstd'; // what Chrome and Firefox send
const WARMUP_SECONDS = 2;
const FIRST_VISITS = 100;

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
}
const seconds = envInt('BENCH_SECONDS', 8);
const runs = envInt('BENCH_RUNS', 3);
const articles = envInt('BENCH_ARTICLES', 1000);
const renders = envInt('BENCH_RENDERS', 200);
const pgServer = process.env.BENCH_DATABASE_URL;
const groups = ['cached', 'miss', 'search', 'consult'] as const;
const only = new Set((process.env.BENCH_ONLY ?? groups.join(',')).split(',').map((g) => g.trim()).filter(Boolean));
for (const g of only) if (!(groups as readonly string[]).includes(g)) throw new Error(`BENCH_ONLY: "${g}" is not one of ${groups.join(', ')}`);
const generator = pickGenerator();
const asJson = process.argv.includes('--json');
const log = (line: string) => (asJson ? process.stderr : process.stdout).write(`${line}\n`);

const dir = mkdtempSync(join(tmpdir(), 'caresite-bench-'));
const load: LoadOptions = { threads: envInt('BENCH_THREADS', 2), connections: envInt('BENCH_CONNECTIONS', 64), dir };
const cleanups: (() => Promise<void>)[] = [];
async function cleanUp(): Promise<void> {
  await stopChildren();
  for (const undo of cleanups.splice(0).reverse()) await undo().catch((err: unknown) => console.error('bench: cleaning up:', err));
  rmSync(dir, { recursive: true, force: true });
}

boundInTime(runs * 10 * (seconds + WARMUP_SECONDS + 3) + 1200, cleanUp);

/** One timed run against one server, watching its CPU and memory from /proc. */
async function measure(pid: number, target: Target): Promise<Run> {
  const sampler = new Sampler(pid);
  const cpu0 = cpuMicros(pid) ?? 0;
  const result = await runLoad(generator, target, seconds, load, sampler);
  const cpu1 = cpuMicros(pid) ?? cpu0;
  return { ...result, cpuPerRequest: (cpu1 - cpu0) / Math.max(result.requests, 1), peakRss: sampler.peakRss };
}

async function warmUp(pid: number, target: Target): Promise<void> {
  const sampler = new Sampler(pid);
  await runLoad(generator, target, WARMUP_SECONDS, load, sampler);
  sampler.stop();
}

function recorded(r: RawResponse): Recorded {
  const headers = { ...r.headers };
  for (const name of ['date', 'connection', 'keep-alive', 'transfer-encoding']) delete headers[name];
  return { status: r.status, headers, body: r.body.toString('base64') };
}

/**
 * A page the cache has not held yet is answered in the form its reader asked for and gets its best
 * brotli and gzip forms a moment later: wait for those, so the bench records what readers get.
 */
async function untilBestForms(port: number): Promise<void> {
  const deadline = performance.now() + 30_000;
  let last = { br: 0, gzip: 0 };
  for (;;) {
    const br = await fetchRaw(port, ARTICLE, { 'accept-encoding': 'br' });
    const gzip = await fetchRaw(port, ARTICLE, { 'accept-encoding': 'gzip' });
    const sizes = { br: br.body.length, gzip: gzip.body.length };
    const settled = br.headers['content-encoding'] === 'br' && gzip.headers['content-encoding'] === 'gzip' && sizes.br === last.br && sizes.gzip === last.gzip;
    if (settled) return;
    if (performance.now() > deadline) throw new Error('the article did not get its compressed forms within 30 s');
    last = sizes;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The app's answers for the article, which the bare server then sends byte for byte. */
async function recordArticle(port: number): Promise<{ fixture: Fixture; sizes: Sizes; etag: string }> {
  await untilBestForms(port);
  const plain = await fetchRaw(port, ARTICLE, {});
  const br = await fetchRaw(port, ARTICLE, { 'accept-encoding': 'br' });
  const gzip = await fetchRaw(port, ARTICLE, { 'accept-encoding': 'gzip' });
  const etag = String(br.headers.etag);
  const notModified = await fetchRaw(port, ARTICLE, { 'accept-encoding': 'br', 'if-none-match': etag });
  if (plain.status !== 200 || br.headers['content-encoding'] !== 'br' || notModified.status !== 304) {
    throw new Error(`unexpected answers from the app: ${plain.status}, ${String(br.headers['content-encoding'])}, ${notModified.status}`);
  }
  const fixture = { identity: recorded(plain), br: recorded(br), notModified: recorded(notModified) };
  return { fixture, etag, sizes: { html: plain.body.length, htmlGzip: gzip.body.length, htmlBr: br.body.length } };
}

async function cachedPages(app: AppProcess, scenarios: Scenario[]): Promise<Sizes> {
  const { fixture, sizes, etag } = await recordArticle(app.port);
  const fixtureFile = join(dir, 'fixture.json');
  writeFileSync(fixtureFile, JSON.stringify(fixture));
  const bare = await startChild('bare', './bare-server.ts', [fixtureFile]);
  const check = await fetchRaw(bare.port, ARTICLE, { 'accept-encoding': 'br' });
  if (!check.body.equals(Buffer.from(fixture.br.body, 'base64'))) throw new Error('bare server does not send the same bytes');

  const kinds: { name: string; headers: Record<string, string> }[] = [
    { name: '200 identity, cached', headers: {} },
    { name: '200 brotli, cached', headers: { 'accept-encoding': 'br' } },
    { name: '304 revalidation', headers: { 'accept-encoding': 'br', 'if-none-match': etag } },
  ];
  const mine = kinds.map((k) => ({ name: k.name, app: [] as Run[], bare: [] as Run[] }));
  for (const server of [app, bare]) for (const k of kinds.slice(0, 2)) await warmUp(server.pid, { port: server.port, path: ARTICLE, headers: k.headers });
  // Interleaved (app, bare, app, bare …), so that whatever else the machine does hits both alike.
  for (let round = 1; round <= runs; round++) {
    for (const [i, k] of kinds.entries()) {
      log(`  round ${round}/${runs}: ${k.name} ...`);
      mine[i]?.app.push(await measure(app.pid, { port: app.port, path: ARTICLE, headers: k.headers }));
      mine[i]?.bare.push(await measure(bare.pid, { port: bare.port, path: ARTICLE, headers: k.headers }));
    }
  }
  scenarios.push(...mine);
  return sizes;
}

/** Search for random words, `runs` times; the app trusts X-Forwarded-For so that the per-client limit (60/min) does not answer 429. */
async function search(app: AppProcess, name: string): Promise<Scenario> {
  const target = { port: app.port, path: '/search', headers: { 'accept-encoding': BROWSER_ENCODING }, words: searchWords() };
  await warmUp(app.pid, target);
  const result: Scenario = { name, app: [] };
  for (let round = 1; round <= runs; round++) {
    log(`  round ${round}/${runs}: ${name} ...`);
    result.app.push(await measure(app.pid, target));
  }
  return result;
}

async function firstVisits(app: AppProcess, logFile: string, slugs: string[]): Promise<Misses['firstVisits']> {
  const paths = slugs.slice(0, FIRST_VISITS).map((s) => `/articles/${s}`);
  if (!paths.length) return undefined;
  const times = await visitOnce(app.port, paths, { 'accept-encoding': BROWSER_ENCODING });
  const logged = loggedResponseTimes(logFile, paths);
  return { pages: paths.length, medianMs: median(times), maxMs: Math.max(...times), loggedMedianMs: logged.length ? median(logged) : undefined };
}

async function main(): Promise<void> {
  const m = machine();
  const extra = Object.entries(extraSettings()).map(([k, v]) => `${k}=${v}`).join(' ');
  const start = startCommand();
  const command = [...Object.entries(start.env).map(([k, v]) => `${k}=${v}`), 'node', ...start.args].join(' ');
  log(`Caresite bench: the app as \`npm start\` runs it (${command}, default settings: LOG_LEVEL info with its log to a file,`);
  log('  SQLite file database in a temp folder, demo content loaded at first start, 127.0.0.1 on a free port)' + (extra ? `, plus BENCH_APP_ENV ${extra}` : ''));
  log(`  against a bare node:http server sending the same bytes; ${generator} ${load.threads} threads ${load.connections} connections, ` +
    `${runs} runs x ${seconds} s per scenario, interleaved app/bare, medians;`);
  log(`  search at ${articles} articles, each request a random word out of ${searchWords().length} from the demo articles`);
  log(machineLine(m));
  const starts: Start[] = [];
  const scenarios: Scenario[] = [];
  const sqlite = { DATABASE_URL: `sqlite:${join(dir, 'data', 'caresite.db')}`, MAIL_DIR: join(dir, 'mail') };

  const demoLog = logFileIn(dir, 'sqlite-demo');
  let app = await startApp(demoLog, sqlite);
  log(`  app: pid ${app.pid}, listening on 127.0.0.1:${app.port}`);
  starts.push({ what: 'app on SQLite, first start (loads the demo content)', ...app });
  const sizes = only.has('cached') ? await cachedPages(app, scenarios) : undefined;
  await stopChildren();

  if (only.has('miss')) log(`  cache misses in-process (${renders}) ...`);
  const inProcess = only.has('miss') ? { ...(await measureCacheMiss(ARTICLE, renders)), times: renders } : undefined;
  if (!only.has('miss') && !only.has('search')) return report(m, scenarios, starts, undefined, sizes, await consultGroup());

  log(`  importing copies of the demo articles up to ${articles} ...`);
  const copies = join(dir, 'copies');
  const slugs = writeCopies(copies, articles);
  const bigLog = logFileIn(dir, 'sqlite-big');
  if (slugs.length) await runCli(['import', copies], sqlite, bigLog);
  app = await startApp(bigLog, { ...sqlite, TRUST_PROXY: 'true' });
  starts.push({ what: `app on SQLite with ${articles} articles, restarted`, ...app });
  const misses: Misses | undefined = inProcess ? { inProcess, firstVisits: await firstVisits(app, bigLog, slugs) } : undefined;
  if (only.has('search')) scenarios.push(await search(app, `search, SQLite, ${articles} articles`));
  await app.stop();

  if (pgServer && only.has('search')) await postgres(pgServer, copies, slugs.length > 0, starts, scenarios);
  report(m, scenarios, starts, misses, sizes, await consultGroup());
}

/** Accepted consultation requests per second (group `consult`), on SQLite and on BENCH_DATABASE_URL. */
async function consultGroup(): Promise<ConsultationReport | undefined> {
  if (!only.has('consult')) return undefined;
  log('  consultation requests: posting the form ...');
  return consultationBench({ dir, seconds, runs, ...(pgServer ? { postgres: pgServer } : {}), log });
}

/** BENCH_ONLY leaves some groups out: their lines are then left out of the report too. */
function report(m: Machine, scenarios: Scenario[], starts: Start[], misses: Misses | undefined, sizes: Sizes | undefined, consult?: ConsultationReport): void {
  const config = { seconds, runs, warmupSeconds: WARMUP_SECONDS, articles, renders, generator, threads: load.threads, connections: load.connections, appEnv: extraSettings(), postgres: Boolean(pgServer), only: [...only] };
  const summaries = scenarios.map(summarize);
  log('');
  for (const line of [...table(summaries, generator), '', ...startLines(starts), ...missReport(misses, sizes), ...(consult ? ['', ...consult.lines] : [])]) log(line);
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ config, machine: m, scenarios: summaries, runs: scenarios, starts, misses, sizes, consult: consult && { config: consult.config, figures: consult.figures } }, null, 2)}\n`);
  }
}

// The page sizes come from the cached-page group; without it the line naming them is left out.
function missReport(misses: Misses | undefined, sizes: Sizes | undefined): string[] {
  if (!misses) return [];
  return sizes ? missLines(misses, sizes) : missLines(misses, { html: 0, htmlGzip: 0, htmlBr: 0 }).slice(0, -1);
}

async function postgres(server: string, copies: string, hasCopies: boolean, starts: Start[], scenarios: Scenario[]): Promise<void> {
  const db = await createDatabase(server);
  cleanups.push(db.drop);
  log(`  PostgreSQL: database ${db.name}, demo content at first start, then copies up to ${articles} articles ...`);
  const settings = { DATABASE_URL: db.url, MAIL_DIR: join(dir, 'mail') };
  const pgLog = logFileIn(dir, 'postgres');
  let app = await startApp(pgLog, settings);
  starts.push({ what: 'app on PostgreSQL, first start (loads the demo content)', ...app });
  await app.stop();
  if (hasCopies) await runCli(['import', copies], settings, pgLog);
  app = await startApp(pgLog, { ...settings, TRUST_PROXY: 'true' });
  starts.push({ what: `app on PostgreSQL with ${articles} articles, restarted`, ...app });
  scenarios.push(await search(app, `search, PostgreSQL, ${articles} articles`));
  await app.stop();
}

try {
  await main();
  await cleanUp();
  process.exit(0);
} catch (err) {
  console.error(err);
  await cleanUp();
  process.exit(1);
}
