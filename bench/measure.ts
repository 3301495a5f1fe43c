import { readFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
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

async function timed(times: number, run: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/**
 * Server time (ms, median) to answer the page with an empty cache, and a cache hit, in this process
 * through inject: the app has no hook to drop its cache from outside. It logs at the default level
 * (to /dev/null), so the per-request logging is counted as under `npm start`.
 */
export async function measureCacheMiss(url: string, times: number): Promise<{ missMs: number; hitMs: number }> {
  const app = await bootApp(undefined, { level: 'info', file: '/dev/null' });
  try {
    const miss = async () => {
      app.cache.clear();
      const res = await app.fastify.inject({ url });
      if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode}`);
    };
    await timed(Math.min(20, times), miss); // warm-up: JIT, SQLite statement cache
    const missMs = await timed(times, miss);
    const hitMs = await timed(times, () => app.fastify.inject({ url }));
    return { missMs, hitMs };
  } finally {
    await app.close();
  }
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
