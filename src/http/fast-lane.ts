import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PageCache } from '#src/platform/page-cache.ts';
import type { RawAnswer } from './cached-answer.ts';

// Only real pages are learned (a route learns a URL after answering it), so the map holds one entry
// per page readers visit; the bound is for a site whose pages keep changing addresses.
const MAX_URLS = 20_000;

/**
 * Cached public pages answered before Fastify's routing: a GET for exactly a URL that a public
 * route has answered from the page cache, while that page is still in the cache, is written at once
 * with the route's prepared header block, the same bytes the route would send. Everything else
 * (other methods, query strings, a page dropped from the cache, while the server closes) goes
 * through Fastify as usual. Routing, the request object and the hooks cost as much as writing the
 * page itself, and a cached page needs none of them: it is the same for every reader, and the
 * URL matched a route, passed its checks and named this page when the route learned it.
 */
export class FastLane {
  private readonly answers = new Map<string, RawAnswer>();
  private readonly cache: PageCache;
  private open: boolean;
  /** Requests answered here since start (tests and operators can tell the lane is in use). */
  answered = 0;

  /** `enabled` false sends every request through Fastify, e.g. to write an access line for each. */
  constructor(cache: PageCache, enabled: boolean) {
    this.cache = cache;
    this.open = enabled;
  }

  /** A public route answered `url` from the cache under key `url`: later GETs of it can skip routing. */
  learn(url: string, answer: RawAnswer): void {
    if (!this.open || this.answers.get(url) === answer) return;
    if (this.answers.size >= MAX_URLS) this.answers.clear();
    this.answers.set(url, answer);
  }

  /** From now on every request goes through Fastify (which answers 503 while the server closes). */
  close(): void {
    this.open = false;
    this.answers.clear();
  }

  /** Answers the request when it can; false leaves it untouched for Fastify. */
  answer(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' || !this.open) return false;
    const url = req.url as string;
    const answer = this.answers.get(url);
    if (answer === undefined) return false;
    const page = this.cache.get(url);
    if (page === undefined) return false;
    answer(req.headers, res, page);
    this.answered++;
    return true;
  }
}
