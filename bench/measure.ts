import { readFileSync } from 'node:fs';
import { request, ServerResponse, type IncomingHttpHeaders } from 'node:http';
import { bootApp } from './boot.ts';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as sent on the wire (not decompressed). */
  body: Buffer;
}

export function fetchRaw(port: number, path: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path}: timed out`)));
    req.on('error', reject);
    req.end();
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Server time (ms, median) to answer the page with an empty cache, and a cache hit, in this process
 * through inject (the app has no way to drop its cache from outside), asked the way browsers ask
 * (`Accept-Encoding: gzip, deflate, br, zstd`). The time runs from the request to the moment the
 * app hands the last byte of the answer over (`end()`), so inject's own bookkeeping after that is
 * not counted. Before each miss the best forms of the previous one are left to finish: a reader
 * who misses does not find 200 other misses compressing in the background. The app logs at the
 * default level (to /dev/null), so the per-request logging is counted as under `npm start`.
 */
export async function measureCacheMiss(url: string, times: number): Promise<{ missMs: number; hitMs: number }> {
  const app = await bootApp(undefined, { level: 'info', file: '/dev/null' });
  const headers = { 'accept-encoding': 'gzip, deflate, br, zstd' };
  const untilEnd = endTimer();
  try {
    const ask = async () => {
      const res = await app.fastify.inject({ url, headers });
      if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode}`);
    };
    const miss = async () => {
      await app.cache.idle();
      app.cache.clear();
      return untilEnd(ask);
    };
    await sampled(Math.min(20, times), miss); // warm-up: JIT, SQLite statement cache
    const missMs = await sampled(times, miss);
    const hitMs = await sampled(times, () => untilEnd(ask));
    return { missMs, hitMs };
  } finally {
    untilEnd.restore();
    await app.close();
  }
}

async function sampled(times: number, run: () => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) samples.push(await run());
  return median(samples);
}

/** Times a request from its start to the last `end()` of a response during it (inject's responses are ServerResponses). */
function endTimer(): ((run: () => Promise<void>) => Promise<number>) & { restore(): void } {
  const original = ServerResponse.prototype.end;
  let endedAt = 0;
  ServerResponse.prototype.end = function (this: ServerResponse, ...args: Parameters<typeof original>) {
    endedAt = performance.now();
    return original.apply(this, args);
  } as typeof original;
  const timer = async (run: () => Promise<void>) => {
    const start = performance.now();
    await run();
    return endedAt - start;
  };
  return Object.assign(timer, { restore: () => void (ServerResponse.prototype.end = original) });
}

/** Time (ms) to the last byte of each page, asked once each in turn on a new connection. */
export async function visitOnce(port: number, paths: string[], headers: Record<string, string>): Promise<number[]> {
  const times: number[] = [];
  for (const path of paths) {
    const start = performance.now();
    const res = await fetchRaw(port, path, headers);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * The server's own time (ms) for the given paths, from the responseTime of Fastify's request log
 * lines (pino JSON), joined to their URL by reqId. Empty when the log level leaves them out.
 */
export function loggedResponseTimes(logFile: string, paths: string[]): number[] {
  const wanted = new Set(paths);
  const urls = new Map<string, string>();
  const times: number[] = [];
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('"reqId"')) continue;
    let entry: { reqId?: string; req?: { url?: string }; responseTime?: number };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    if (entry.reqId === undefined) continue;
    if (entry.req?.url) urls.set(entry.reqId, entry.req.url);
    const url = urls.get(entry.reqId);
    if (typeof entry.responseTime === 'number' && url && wanted.has(url)) times.push(entry.responseTime);
  }
  return times;
}
