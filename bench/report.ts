/** One autocannon run against one server. */
export interface Load {
  rps: number;
  p99: number;
  /** Server CPU time per answered request (µs), measured in the server process. */
  cpuPerRequest: number;
  /** Share of one core used during the run by the server and by autocannon (this process). */
  serverCpu: number;
  loadgenCpu: number;
  /** Share of a core the rest of the machine used meanwhile (other processes, kernel), from /proc/stat. */
  otherCpu: number | null;
  /** Answers with another status, plus errors and timeouts. */
  unexpected: number;
}

export interface Row {
  scenario: string;
  app: Load;
  bare: Load;
  /** app req/s ÷ bare req/s: the figure the 70% target is about. */
  ratio: number;
  pass: boolean;
  /** bare µs/req ÷ app µs/req: the throughput ratio when the server is the bottleneck, steadier on a busy host. */
  cpuRatio: number;
}

export interface Sizes {
  html: number;
  htmlGzip: number;
  htmlBr: number;
  cssUrl: string;
  css: number;
  cssBr: number;
}

export interface CacheMiss {
  missMs: number;
  compressMs: number;
  hitMs: number;
}

const pad = (v: string | number, n: number) => String(v).padStart(n);
const pct = (x: number) => `${Math.round(x * 100)}%`;
const kib = (n: number) => `${n} B (${(n / 1024).toFixed(1)} KiB)`;

function cpuShares(r: Row): string {
  const other = r.app.otherCpu === null || r.bare.otherCpu === null ? '?' : pct(Math.max(r.app.otherCpu, r.bare.otherCpu));
  return `${pct(r.app.serverCpu)}/${pct(r.bare.serverCpu)}/${pct(Math.max(r.app.loadgenCpu, r.bare.loadgenCpu))}/${other}`;
}

export function report(rows: Row[], miss: CacheMiss, renders: number, sizes: Sizes, target: number): string[] {
  const lines = [
    `${'scenario'.padEnd(18)}${pad('app req/s', 10)}${pad('p99 ms', 7)}${pad('bare req/s', 11)}${pad('p99 ms', 7)}${pad('app/bare', 9)}` +
      `${pad(`>=${pct(target)}`, 7)} |${pad('app µs/req', 11)}${pad('bare µs/req', 12)}${pad('cpu ratio', 10)} |${pad('cpu app/bare/ac/other', 23)}`,
  ];
  for (const r of rows) {
    lines.push(
      `${r.scenario.padEnd(18)}${pad(Math.round(r.app.rps), 10)}${pad(r.app.p99, 7)}${pad(Math.round(r.bare.rps), 11)}${pad(r.bare.p99, 7)}` +
        `${pad(pct(r.ratio), 9)}${pad(r.pass ? 'PASS' : 'BELOW', 7)} |${pad(r.app.cpuPerRequest.toFixed(1), 11)}${pad(r.bare.cpuPerRequest.toFixed(1), 12)}` +
        `${pad(pct(r.cpuRatio), 10)} |${pad(cpuShares(r), 23)}`,
    );
    if (r.app.unexpected || r.bare.unexpected) lines.push(`  ! unexpected answers or errors: app ${r.app.unexpected}, bare ${r.bare.unexpected}`);
  }
  lines.push(
    'µs/req: server CPU time per answer; cpu ratio = bare µs/req ÷ app µs/req (the app/bare throughput if the server were the only limit);',
    'cpu app/bare/ac/other: share of one core used by the app, the bare server, autocannon, and everything else on the machine (the',
    "larger of the two runs). autocannon near 100% means the bare figure is the load generator's limit; a high 'other', or all of them",
    'well below 100%, means the runs shared the CPUs and req/s is unreliable: trust the µs/req columns then.',
    '',
    `cache miss (render + gzip-9 + brotli-11), median of ${renders}: ${miss.missMs.toFixed(2)} ms, of which compressing ` +
      `${miss.compressMs.toFixed(2)} ms; a cache hit through inject: ${miss.hitMs.toFixed(3)} ms`,
    `sizes: article HTML ${kib(sizes.html)}, gzip ${kib(sizes.htmlGzip)}, br ${kib(sizes.htmlBr)}; ` +
      `CSS ${sizes.cssUrl} ${kib(sizes.css)}, br ${kib(sizes.cssBr)}`,
  );
  return lines;
}
