import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopChild, track } from './children.ts';
import type { Sampler } from './proc.ts';

export interface LoadOptions {
  threads: number;
  connections: number;
  /** Folder for wrk's Lua scripts. */
  dir: string;
}

/** What to send: one fixed request, or a search for a random word from a random client address. */
export interface Target {
  port: number;
  path: string;
  headers: Record<string, string>;
  /** Search words; each request asks for one, from an X-Forwarded-For address of its own. */
  words?: string[];
}

export interface LoadResult {
  /** Answers per second, not counting errors (4xx/5xx, timeouts, broken connections). */
  rps: number;
  p99Ms: number;
  requests: number;
  errors: number;
  /** Share of one core the load generator used; undefined if it could not be measured. */
  loadgenCpu: number | undefined;
}

export type Generator = 'wrk' | 'autocannon';

// Debian's package (apt-get install wrk), or another build named by BENCH_WRK.
const wrkBinary = process.env.BENCH_WRK ?? 'wrk';

export function pickGenerator(): Generator {
  const wanted = process.env.BENCH_LOADGEN;
  if (wanted === 'autocannon' || wanted === 'wrk') return wanted;
  if (wanted) throw new Error('BENCH_LOADGEN must be wrk or autocannon');
  return spawnSync(wrkBinary, ['--version']).error ? 'autocannon' : 'wrk';
}

const MARK = 'BENCH_RESULT ';
const DONE_LUA = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('${MARK}{"requests":%d,"micros":%d,"p99":%.1f,"status":%d,"socket":%d}\\n',
    summary.requests, summary.duration, latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
`;

// Each wrk thread has its own Lua state: a per-thread seed keeps their word sequences apart.
function searchLua(words: string[], headers: Record<string, string>): string {
  const fixed = Object.entries(headers).map(([k, v]) => `["${k}"] = "${v}"`);
  return `
local words = { ${words.map((w) => `"${w}"`).join(', ')} }
local threads = 0
function setup(thread) threads = threads + 1; thread:set("seed", threads) end
function init(args) math.randomseed(os.time() * 1000 + seed) end
local function octet() return math.random(1, 254) end
request = function()
  local headers = { ${fixed.join(', ')} }
  headers["X-Forwarded-For"] = octet() .. "." .. octet() .. "." .. octet() .. "." .. octet()
  return wrk.format("GET", "/search?q=" .. words[math.random(#words)], headers)
end
${DONE_LUA}`;
}

async function runWrk(target: Target, seconds: number, options: LoadOptions, sampler: Sampler): Promise<LoadResult> {
  const script = join(options.dir, target.words ? 'search.lua' : 'done.lua');
  writeFileSync(script, target.words ? searchLua(target.words, target.headers) : DONE_LUA);
  const headerArgs = target.words ? [] : Object.entries(target.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const args = [`-t${options.threads}`, `-c${options.connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, ...headerArgs, `http://127.0.0.1:${target.port}${target.path}`];
  const r = await wrkResult<{ requests: number; micros: number; p99: number; status: number; socket: number }>(args, seconds, sampler);
  return { rps: (r.requests - r.status) / (r.micros / 1e6), p99Ms: r.p99 / 1000, requests: r.requests, errors: r.status + r.socket, loadgenCpu: sampler.stop() };
}

/** Fixed requests standing for random searches, since functions cannot be handed to autocannon's workers. */
function searchRequests(target: Target): { method: string; path: string; headers: Record<string, string> }[] {
  const words = target.words ?? [];
  const octet = () => 1 + Math.floor(Math.random() * 254);
  return Array.from({ length: 5000 }, () => ({
    method: 'GET',
    path: `/search?q=${words[Math.floor(Math.random() * words.length)] ?? ''}`,
    headers: { ...target.headers, 'x-forwarded-for': `${octet()}.${octet()}.${octet()}.${octet()}` },
  }));
}

async function runAutocannon(target: Target, seconds: number, options: LoadOptions, sampler: Sampler): Promise<LoadResult> {
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}${target.path}`,
    connections: options.connections,
    workers: options.threads,
    duration: seconds,
    headers: target.headers,
    timeout: 10,
    ...(target.words ? { requests: searchRequests(target) } : {}),
  });
  const cpu = process.cpuUsage(cpu0);
  sampler.stop();
  const answered = Object.entries(result.statusCodeStats).reduce((sum, [status, s]) => (Number(status) < 400 ? sum + s.count : sum), 0);
  const all = Object.values(result.statusCodeStats).reduce((sum, s) => sum + s.count, 0);
  return {
    rps: answered / result.duration,
    p99Ms: result.latency.p99,
    requests: all,
    errors: all - answered + result.errors + result.timeouts,
    loadgenCpu: (cpu.user + cpu.system) / ((performance.now() - started) * 1000),
  };
}

export function runLoad(generator: Generator, target: Target, seconds: number, options: LoadOptions, sampler: Sampler): Promise<LoadResult> {
  return generator === 'wrk' ? runWrk(target, seconds, options, sampler) : runAutocannon(target, seconds, options, sampler);
}

/**
 * Runs wrk with a script whose done() prints one line of JSON after MARK, watching wrk's own CPU,
 * bounded in time; returns that JSON. Shared by every bench that drives wrk with a script.
 */
export async function wrkResult<T>(args: string[], seconds: number, sampler: Sampler): Promise<T> {
  const proc = spawn(wrkBinary, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const pid = track(proc, 'wrk');
  sampler.watchLoadgen(pid);
  let output = '';
  proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const overdue = setTimeout(() => void stopChild(pid, 1000), (seconds + 30) * 1000);
  const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
  clearTimeout(overdue);
  const line = output.split('\n').find((l) => l.startsWith(MARK));
  if (code !== 0 || !line) throw new Error(`wrk ${args.join(' ')} failed (${code}):\n${output}`);
  return JSON.parse(line.slice(MARK.length)) as T;
}
