import { readFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import { compressPage } from '#src/platform/page-cache.ts';
import { HTML } from '#src/http/public-route.ts';
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

function median(values: number[]): number {
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

/** Median time (ms) to answer the page with an empty cache, what compression takes of it, and a hit. */
export async function measureCacheMiss(url: string, times: number): Promise<{ missMs: number; compressMs: number; hitMs: number }> {
  const app = await bootApp();
  try {
    const miss = async () => {
      app.cache.clear();
      const res = await app.fastify.inject({ url });
      if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode}`);
      return res;
    };
    const body = (await miss()).rawPayload;
    await timed(Math.min(20, times), miss); // warm-up: JIT, SQLite statement cache
    const missMs = await timed(times, miss);
    const compressMs = await timed(times, () => compressPage(200, HTML, body));
    const hitMs = await timed(times, () => app.fastify.inject({ url }));
    return { missMs, compressMs, hitMs };
  } finally {
    await app.close();
  }
}

/** CPU time (µs) the whole machine has spent busy, from /proc/stat; undefined where there is none. */
export function machineBusyMicros(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = fields;
    return (user + nice + system + irq + softirq) * 10_000; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}
