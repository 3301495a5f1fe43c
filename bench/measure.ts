import { readFileSync } from 'node:fs';
import { Agent, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bootApp } from './boot.ts';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as sent on the wire (not decompressed). */
  body: Buffer;
}

/** One GET on a new connection, or on `agent`'s (e.g. a keep-alive agent's) when given. */
export function fetchRaw(port: number, path: string, headers: Record<string, string>, agent: Agent | false = false): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent, timeout: 10_000 }, (res) => {
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
 * Server time (ms, median) to answer the page with an empty cache, and a cache hit, with the app
 * listening on 127.0.0.1 in this process (so that its cache can be dropped before each miss; the
 * app has no way to do that from outside), asked over HTTP on one keep-alive connection the way
 * browsers ask (`Accept-Encoding: gzip, deflate, br, zstd`). The time runs from the server's
 * `request` event to the response's `finish` (the last byte handed to the socket): what the server
 * does, and neither the client's work nor the network. Before each miss the best forms of the
 * previous one are left to finish: a reader who misses does not find 200 other misses compressing
 * in the background. The app logs at the default level (to /dev/null), so the per-request logging
 * is counted as under `npm start`.
 */
export async function measureCacheMiss(url: string, times: number): Promise<{ missMs: number; hitMs: number }> {
  const app = await bootApp(undefined, { level: 'info', file: '/dev/null' });
  await app.fastify.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.fastify.server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const serverTime = requestToFinishTimer(app.fastify.server);
  try {
    const ask = async () => {
      const res = await fetchRaw(port, url, { 'accept-encoding': 'gzip, deflate, br, zstd' }, agent);
      if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
    };
    const miss = async () => {
      await app.cache.idle();
      app.cache.clear();
      return serverTime(ask);
    };
    await sampled(Math.min(20, times), miss); // warm-up: JIT, SQLite statement cache
    const missMs = await sampled(times, miss);
    await app.cache.idle(); // hits are answered with the best forms, as on a warm server
    const hitMs = await sampled(times, () => serverTime(ask));
    return { missMs, hitMs };
  } finally {
    serverTime.stop();
    agent.destroy();
    await app.close();
  }
}

async function sampled(times: number, run: () => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) samples.push(await run());
  return median(samples);
}

/**
 * Times one request at a time from the server's `request` event to its response's `finish`. The
 * listener is put before the app's own, so the time includes all the app does with the request.
 */
function requestToFinishTimer(server: Server): ((ask: () => Promise<void>) => Promise<number>) & { stop(): void } {
  let current: PromiseWithResolvers<number> | undefined;
  const onRequest = (_req: IncomingMessage, res: ServerResponse) => {
    const start = performance.now();
    const timed = current;
    res.once('finish', () => timed?.resolve(performance.now() - start));
  };
  server.prependListener('request', onRequest);
  // The client may read the last byte before the server's `finish` runs: wait for both.
  const timer = async (ask: () => Promise<void>) => {
    current = Promise.withResolvers<number>();
    const [ms] = await Promise.all([current.promise, ask()]);
    return ms;
  };
  return Object.assign(timer, { stop: () => void server.off('request', onRequest) });
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
