// Load benchmark of the article page: the app against a bare node:http server sending the same
// bytes, each in a child process of its own, loaded by autocannon from this process over loopback.
// Usage: npm run bench [-- --json]   env: BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_RENDERS (200),
// BENCH_SERVER_EXEC_ARGV (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", for the app child only).
import autocannon from 'autocannon';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Fixture, Recorded } from './bare-server.ts';
import { killChildrenNow, startChild, stopChildren, type Child } from './children.ts';
import { fetchRaw, machineBusyMicros, measureCacheMiss, type RawResponse } from './measure.ts';
import { report, type Load, type Row, type Sizes } from './report.ts';

const ARTICLE = '/articles/als-overview';
const BROWSER_ENCODING = 'gzip, deflate, br, zstd'; // what Chrome and Firefox send
const TARGET = 0.7;
const WARMUP_SECONDS = 2;

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number`);
  return value;
}
const seconds = envNumber('BENCH_SECONDS', 10);
const connections = Math.round(envNumber('BENCH_CONNECTIONS', 50));
const renders = Math.round(envNumber('BENCH_RENDERS', 200));
const serverExecArgv = (process.env.BENCH_SERVER_EXEC_ARGV ?? '').split(' ').filter(Boolean);
const asJson = process.argv.includes('--json');
const log = (line: string) => (asJson ? process.stderr : process.stdout).write(`${line}\n`);

// Bounded in time, and no child outlives this process whichever way it ends.
const budgetSeconds = 6 * (seconds + WARMUP_SECONDS + 5) + 240;
setTimeout(() => {
  console.error(`bench: still running after ${budgetSeconds} s, giving up`);
  killChildrenNow();
  process.exit(1);
}, budgetSeconds * 1000).unref();
process.on('exit', killChildrenNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`bench: ${signal}, stopping servers`);
    void stopChildren().finally(() => process.exit(130));
  });
}

interface Scenario {
  name: string;
  headers: Record<string, string>;
  status: number;
}

async function load(child: Child, scenario: Scenario): Promise<Load> {
  const options = { url: `http://127.0.0.1:${child.port}${ARTICLE}`, connections, headers: scenario.headers, timeout: 10 };
  await autocannon({ ...options, duration: WARMUP_SECONDS });
  const [server0, loadgen0, machine0] = [await child.cpuMicros(), process.cpuUsage(), machineBusyMicros()];
  const result = await autocannon({ ...options, duration: seconds });
  const [server1, loadgen1, machine1] = [await child.cpuMicros(), process.cpuUsage(loadgen0), machineBusyMicros()];
  const ours = server1 - server0 + loadgen1.user + loadgen1.system;
  const answered = result.statusCodeStats[scenario.status]?.count ?? 0;
  const all = Object.values(result.statusCodeStats).reduce((sum, s) => sum + s.count, 0);
  const wall = result.duration * 1e6;
  return {
    rps: answered / result.duration,
    p99: result.latency.p99,
    cpuPerRequest: (server1 - server0) / Math.max(answered, 1),
    serverCpu: (server1 - server0) / wall,
    loadgenCpu: (loadgen1.user + loadgen1.system) / wall,
    otherCpu: machine0 === undefined || machine1 === undefined ? null : Math.max(0, machine1 - machine0 - ours) / wall,
    unexpected: all - answered + result.errors + result.timeouts,
  };
}

function recorded(r: RawResponse): Recorded {
  const headers = { ...r.headers };
  for (const name of ['date', 'connection', 'keep-alive', 'transfer-encoding']) delete headers[name];
  return { status: r.status, headers, body: r.body.toString('base64') };
}

async function main(): Promise<void> {
  log(`Caresite article bench: ${ARTICLE}, ${connections} connections, ${WARMUP_SECONDS} s warm-up + ${seconds} s per run, ` +
    `node ${process.version}, ${availableParallelism()} CPUs`);
  const app = await startChild('app', './server.ts', [], serverExecArgv);

  // Record the app's exact answers, for the bare server and for the sizes.
  const plain = await fetchRaw(app.port, ARTICLE, {});
  const br = await fetchRaw(app.port, ARTICLE, { 'accept-encoding': BROWSER_ENCODING });
  const gzip = await fetchRaw(app.port, ARTICLE, { 'accept-encoding': 'gzip' });
  const brEtag = String(br.headers.etag);
  const conditional = { 'accept-encoding': BROWSER_ENCODING, 'if-none-match': brEtag };
  const notModified = await fetchRaw(app.port, ARTICLE, conditional);
  if (plain.status !== 200 || br.headers['content-encoding'] !== 'br' || notModified.status !== 304) {
    throw new Error(`unexpected answers from the app: ${plain.status}, ${String(br.headers['content-encoding'])}, ${notModified.status}`);
  }
  const cssHref = /<link rel="stylesheet" href="([^"]+)"/.exec(plain.body.toString())?.[1];
  if (!cssHref) throw new Error('no stylesheet link in the article');
  const css = await fetchRaw(app.port, cssHref, {});
  const cssBr = await fetchRaw(app.port, cssHref, { 'accept-encoding': BROWSER_ENCODING });

  const dir = mkdtempSync(join(tmpdir(), 'caresite-bench-'));
  const fixtureFile = join(dir, 'fixture.json');
  const fixture: Fixture = { identity: recorded(plain), br: recorded(br), notModified: recorded(notModified) };
  writeFileSync(fixtureFile, JSON.stringify(fixture));
  const bare = await startChild('bare', './bare-server.ts', [fixtureFile]);
  rmSync(dir, { recursive: true });
  const check = await fetchRaw(bare.port, ARTICLE, { 'accept-encoding': BROWSER_ENCODING });
  if (!check.body.equals(br.body)) throw new Error('bare server does not send the same bytes');

  const scenarios: Scenario[] = [
    { name: 'GET identity', headers: {}, status: 200 },
    { name: 'GET br', headers: { 'accept-encoding': BROWSER_ENCODING }, status: 200 },
    { name: 'If-None-Match 304', headers: conditional, status: 304 },
  ];
  const rows: Row[] = [];
  for (const scenario of scenarios) {
    log(`  running ${scenario.name} ...`);
    const a = await load(app, scenario);
    const b = await load(bare, scenario);
    const ratio = a.rps / b.rps;
    rows.push({ scenario: scenario.name, app: a, bare: b, ratio, pass: ratio >= TARGET, cpuRatio: b.cpuPerRequest / a.cpuPerRequest });
  }
  await stopChildren();

  log(`  measuring ${renders} cache misses in-process ...`);
  const miss = await measureCacheMiss(ARTICLE, renders);
  const sizes: Sizes = {
    html: plain.body.length,
    htmlGzip: gzip.body.length,
    htmlBr: br.body.length,
    css: css.body.length,
    cssBr: cssBr.body.length,
    cssUrl: cssHref,
  };

  log('');
  for (const line of report(rows, miss, renders, sizes, TARGET)) log(line);

  if (asJson) {
    const config = { seconds, warmupSeconds: WARMUP_SECONDS, connections, renders, node: process.version, cpus: availableParallelism() };
    process.stdout.write(`${JSON.stringify({ config, target: TARGET, scenarios: rows, cacheMiss: miss, sizes }, null, 2)}\n`);
  }
}

try {
  await main();
  process.exit(0);
} catch (err) {
  console.error(err);
  await stopChildren();
  process.exit(1);
}
