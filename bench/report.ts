import type { Machine } from './proc.ts';

/** One load-generator run against one server. */
export interface Run {
  rps: number;
  p99Ms: number;
  requests: number;
  errors: number;
  /** Share of one core the load generator used. */
  loadgenCpu: number | undefined;
  /** Server CPU time per answer (µs), from /proc. */
  cpuPerRequest: number;
  /** Peak resident memory of the server during the run (bytes). */
  peakRss: number;
}

export interface Scenario {
  name: string;
  /** Runs against the app and, where one applies, against the bare server, in the order they ran. */
  app: Run[];
  bare?: Run[];
}

export interface Start {
  what: string;
  startSeconds: number;
  rssAfterStart: number;
}

export interface Misses {
  /** App listening in the bench process, cache dropped before each request (server time from `request` to `finish`, over HTTP, median). */
  inProcess: { missMs: number; hitMs: number; times: number };
  /** First visit of distinct pages of the running app, from outside (time to last byte) and from its log. */
  firstVisits: { pages: number; medianMs: number; maxMs: number; loggedMedianMs: number | undefined } | undefined;
}

export interface Sizes {
  html: number;
  htmlGzip: number;
  htmlBr: number;
}

/** Above this share of one core the load generator may be what limits the figures. */
export const LOADGEN_LIMIT = 0.75;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
const pad = (v: string | number, n: number) => String(v).padStart(n);
const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));

export interface Summary {
  name: string;
  app: { rps: number; p99Ms: number; cpuPerRequest: number; peakRss: number; errors: number };
  bare?: { rps: number; p99Ms: number; cpuPerRequest: number; errors: number };
  /** Median over runs of app req/s ÷ bare req/s of the same round (interleaved runs share the machine's noise alike). */
  ratio?: number;
  p99Ratio?: number;
  loadgenCpuMax: number | undefined;
}

function side(runs: Run[]) {
  return {
    rps: median(runs.map((r) => r.rps)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    cpuPerRequest: median(runs.map((r) => r.cpuPerRequest)),
    peakRss: Math.max(...runs.map((r) => r.peakRss)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

export function summarize(s: Scenario): Summary {
  const cpus = [...s.app, ...(s.bare ?? [])].flatMap((r) => (r.loadgenCpu === undefined ? [] : [r.loadgenCpu]));
  const loadgenCpuMax = cpus.length ? Math.max(...cpus) : undefined;
  const app = side(s.app);
  if (!s.bare) return { name: s.name, app, loadgenCpuMax };
  const bare = side(s.bare);
  const pairs = s.app.map((a, i) => [a, s.bare?.[i]] as const);
  const ratio = median(pairs.map(([a, b]) => (b ? a.rps / b.rps : 0)));
  const p99Ratio = median(pairs.map(([a, b]) => (b ? a.p99Ms / b.p99Ms : 0)));
  return { name: s.name, app, bare, ratio, p99Ratio, loadgenCpuMax };
}

export function machineLine(m: Machine): string {
  return `machine: ${m.cpus} CPUs (nproc), ${m.cpuModel}, ${m.memoryGiB} GiB memory, node ${m.node}`;
}

export function table(summaries: Summary[], generator: string): string[] {
  const head =
    `${'scenario'.padEnd(34)}${pad('app req/s', 10)}${pad('p99 ms', 8)}${pad('bare req/s', 11)}${pad('p99 ms', 8)}` +
    `${pad('app/bare', 9)}${pad('p99 x', 7)}${pad('app µs/req', 11)}${pad('bare µs/req', 12)}${pad('app peak RSS', 13)}${pad(`${generator} cpu`, 16)}`;
  const lines = [head];
  const warnings: string[] = [];
  for (const s of summaries) {
    lines.push(
      `${s.name.padEnd(34)}${pad(Math.round(s.app.rps), 10)}${pad(ms(s.app.p99Ms), 8)}` +
        `${pad(s.bare ? Math.round(s.bare.rps) : '-', 11)}${pad(s.bare ? ms(s.bare.p99Ms) : '-', 8)}` +
        `${pad(s.ratio === undefined ? '-' : s.ratio.toFixed(2), 9)}${pad(s.p99Ratio === undefined ? '-' : s.p99Ratio.toFixed(1), 7)}` +
        `${pad(s.app.cpuPerRequest.toFixed(0), 11)}${pad(s.bare ? s.bare.cpuPerRequest.toFixed(0) : '-', 12)}` +
        `${pad(mib(s.app.peakRss), 13)}${pad(s.loadgenCpuMax === undefined ? '?' : `${Math.round(s.loadgenCpuMax * 100)}%`, 16)}`,
    );
    const errors = s.app.errors + (s.bare?.errors ?? 0);
    if (errors) warnings.push(`! ${s.name}: ${errors} error answers or failed requests (app ${s.app.errors}, bare ${s.bare?.errors ?? 0})`);
    if ((s.loadgenCpuMax ?? 0) > LOADGEN_LIMIT)
      warnings.push(`! ${s.name}: ${generator} used ${Math.round((s.loadgenCpuMax ?? 0) * 100)}% of a core: the load generator may be the limit there, not the server`);
  }
  return [...lines, ...warnings];
}

export function startLines(starts: Start[]): string[] {
  return starts.map((s) => `${s.what}: answering after ${s.startSeconds.toFixed(1)} s, resident ${mib(s.rssAfterStart)} right after start`);
}

export function missLines(m: Misses, sizes: Sizes): string[] {
  const lines = [
    `cache miss, ALS article, server time from the request event to finish, over HTTP (app listening in the bench process, cache dropped before each request, Accept-Encoding of a browser, keep-alive, logging at info), median of ${m.inProcess.times}: ` +
      `${ms(m.inProcess.missMs)} ms; a cache hit the same way: ${m.inProcess.hitMs.toFixed(3)} ms`,
  ];
  const f = m.firstVisits;
  if (f) {
    const logged = f.loggedMedianMs === undefined ? 'not in the log at this level' : `${ms(f.loggedMedianMs)} ms median`;
    lines.push(`first visit of ${f.pages} article pages right after start, from outside: ${ms(f.medianMs)} ms median, ${ms(f.maxMs)} ms max; the app's own responseTime: ${logged}`);
  }
  lines.push(`ALS article: ${sizes.html} B HTML, ${sizes.htmlGzip} B gzip, ${sizes.htmlBr} B brotli`);
  return lines;
}
