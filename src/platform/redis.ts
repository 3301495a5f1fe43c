import { createRequire } from 'node:module';
import type { FastifyBaseLogger } from 'fastify';
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';

const require = createRequire(import.meta.url);

/**
 * The Redis client for shared rate-limit counters. It keeps reconnecting for the life of the
 * process (Redis may start after the app, or restart), and while it is not ready a command fails at
 * once instead of waiting in a queue, so a request falls back to this process's counters.
 */
export function connectRedis(url: string, log: FastifyBaseLogger): Redis {
  // Loaded here, not at the top: ioredis is a few MiB of memory that a process without REDIS_URL
  // never needs. It is CommonJS, so require() keeps this function synchronous.
  const { Redis } = require('ioredis') as typeof import('ioredis');
  const redis = new Redis(url, {
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(100 * times, 2000),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
  });
  // Logged once per outage, not on every reconnection attempt.
  let down = false;
  redis.on('error', (err: Error) => {
    if (!down) log.warn({ err }, 'Redis unreachable: rate limits are counted in each process until it answers');
    down = true;
  });
  redis.on('ready', () => {
    if (down) log.info('Redis answers again: rate limits are shared');
    down = false;
  });
  return redis;
}

/**
 * Waits up to `ms` for the first connection, so that a process whose Redis is up shares its counters
 * from its first request; never fails, since a Redis that is down is only a fallback to local counters.
 */
export async function redisReady(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === 'ready') return true;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)));
  const ready = new Promise<true>((resolve) => redis.once('ready', () => resolve(true)));
  return Promise.race([ready, timeout]).finally(() => clearTimeout(timer));
}

interface StoreMethods extends FastifyRateLimitStore {
  read?: FastifyRateLimitStore['incr'];
}
type Callback = Parameters<FastifyRateLimitStore['incr']>[1];
type RouteOptions = Parameters<FastifyRateLimitStore['child']>[0];

// @fastify/rate-limit ships its two stores without type declarations; they implement StoreMethods.
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as new (continueExceeding?: boolean, exponentialBackoff?: boolean, cache?: number) => StoreMethods;
const RedisStore = require('@fastify/rate-limit/store/RedisStore.js') as new (continueExceeding: boolean | undefined, exponentialBackoff: boolean | undefined, redis: Redis, key: string) => StoreMethods;

class SharedOrLocal implements StoreMethods {
  private readonly redis: Redis | undefined;
  private readonly remote: StoreMethods | undefined;
  private readonly local: StoreMethods;

  constructor(redis: Redis | undefined, remote: StoreMethods | undefined, local: StoreMethods) {
    this.redis = redis;
    this.remote = remote;
    this.local = local;
  }

  incr(key: string, callback: Callback, timeWindow: number, max: number): void {
    this.pick('incr', key, callback, timeWindow, max);
  }

  read(key: string, callback: Callback, timeWindow: number, max: number): void {
    this.pick('read', key, callback, timeWindow, max);
  }

  child(routeOptions: RouteOptions): SharedOrLocal {
    return new SharedOrLocal(this.redis, this.remote?.child(routeOptions), this.local.child(routeOptions));
  }

  /** Redis when it is ready and answers; this process's counter for this request otherwise. */
  private pick(method: 'incr' | 'read', key: string, callback: Callback, timeWindow: number, max: number): void {
    const fallback = () => this.local[method]?.(key, callback, timeWindow, max);
    const remote = this.remote?.[method];
    if (!remote || this.redis?.status !== 'ready') return fallback();
    remote.call(this.remote, key, (err, result) => (err ? fallback() : callback(null, result)), timeWindow, max);
  }
}

/**
 * A store for @fastify/rate-limit: counters in Redis (shared by every process) whenever Redis
 * answers, in memory per process for any request made while it does not. The choice is made per
 * request, so a process that started before Redis shares its counters as soon as Redis is up.
 */
export function rateLimitStore(redis: Redis | undefined, nameSpace: string): FastifyRateLimitStoreCtor {
  return class extends SharedOrLocal {
    constructor(options: FastifyRateLimitOptions) {
      const { continueExceeding, exponentialBackoff } = options as { continueExceeding?: boolean; exponentialBackoff?: boolean };
      const remote = redis ? new RedisStore(continueExceeding, exponentialBackoff, redis, nameSpace) : undefined;
      super(redis, remote, new LocalStore(continueExceeding, exponentialBackoff));
    }
  };
}
