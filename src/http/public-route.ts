import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { Lang } from '#src/db/types.ts';
import { errors } from '#src/errors.ts';
import type { Services } from '#src/services.ts';
import { chooseEncoding, quickPage, type Encoding, type PageCache } from '#src/platform/page-cache.ts';
import { fromRoute, OWN_HEADERS, preparedAnswer, sendFresh } from './cached-answer.ts';
import type { FastLane } from './fast-lane.ts';
import { hasNulByte } from './nul-guard.ts';
import type { Assets, ViewContext } from '#src/web/context.ts';
import { languages, localePath, translator } from '#src/web/i18n/index.ts';

export interface WebDeps {
  services: Services;
  /** Rate-limit counters shared by every process (REDIS_URL); in memory when absent or not answering (see platform/redis.ts). */
  redis?: Redis;
  cache: PageCache;
  /** Where a route leaves the URLs it answered from the cache, to be answered before routing next time. */
  fastLane: FastLane;
  assets: Assets;
  baseUrl: string;
  /** helmet's headers, worked out once (security-headers.ts); cached answers carry them in their prepared header block. */
  securityHeaders: Record<string, string>;
}

export const HTML = 'text/html; charset=utf-8';
const PAGE_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600';

export async function viewContext(deps: WebDeps, lang: Lang): Promise<ViewContext> {
  const { settings } = deps.services;
  const [clinic, staff] = await Promise.all([settings.clinic(), settings.staff()]);
  return { lang, t: translator(lang), clinic, responseTargetHours: staff.responseTargetHours, baseUrl: deps.baseUrl, assets: deps.assets };
}

// On a miss only the form the reader asked for is made, at the fastest level (a fraction of a
// millisecond); the best brotli and gzip forms follow off the request path, a moment later.
function missForms(request: FastifyRequest): readonly Encoding[] {
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  return encoding === 'identity' ? [] : [encoding];
}

export type Render = (ctx: ViewContext, request: FastifyRequest) => Promise<string | null>;

interface PublicOptions {
  /** Query parameters that change the page; others are ignored so they cannot multiply cache entries. */
  query?: string[];
  /** Pages that differ per request (search) are rendered every time and not kept. */
  cache?: boolean;
  contentType?: string;
  /** English only (e.g. the feed); otherwise the route is also served under /ur. */
  langs?: readonly Lang[];
}

/**
 * The cache key: the path without trailing slashes (the language is in it), and the kept query
 * parameters. Most pages keep none, and their usual URL is its own key without a copy.
 */
function cacheKey(request: FastifyRequest, query: string[]): string {
  const url = request.url;
  const at = url.indexOf('?');
  let path = at < 0 ? url : url.slice(0, at);
  if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '') || '/';
  if (query.length === 0) return path;
  const params = request.query as Record<string, unknown>;
  return `${path}?${query.map((name) => `${name}=${typeof params[name] === 'string' ? params[name] : ''}`).join('&')}`;
}

/**
 * Registers a public GET page in each language: rendered once, kept as bytes, answered with ETag/304.
 * A page found in the cache is answered synchronously, with no promise, hook or header merging in
 * between; one that is not is sent as soon as it is rendered (see PageCache for its best forms).
 */
export function publicPage(app: FastifyInstance, deps: WebDeps, path: string, render: Render, options: PublicOptions = {}): void {
  const contentType = options.contentType ?? HTML;
  for (const lang of options.langs ?? languages) {
    const build = async (request: FastifyRequest, forms: readonly Encoding[]) => {
      const body = await render(await viewContext(deps, lang), request);
      if (body === null) throw new errors.NotFound();
      return quickPage(200, contentType, body, forms);
    };
    if (options.cache === false) {
      app.get(localePath(lang, path), (request, reply) => build(request, [chooseEncoding(request.headers['accept-encoding'])]).then((page) => sendFresh(request, reply, page)));
      continue;
    }
    const raw = preparedAnswer(deps.securityHeaders, PAGE_CACHE_CONTROL);
    const answer = fromRoute(raw);
    const query = options.query ?? [];
    app.get(localePath(lang, path), { config: OWN_HEADERS }, (request, reply) => {
      if (hasNulByte(request.url)) throw new errors.NulInRequest();
      const key = cacheKey(request, query);
      // A page whose URL is its own cache key (no query string, no trailing slash) is answered from
      // the cache before routing from now on, as long as it stays in the cache.
      const learn = key === request.url ? () => deps.fastLane.learn(key, raw) : () => {};
      const hit = deps.cache.get(key);
      if (hit) {
        learn();
        return answer(request, reply, hit);
      }
      return deps.cache.getOrRender(key, () => build(request, missForms(request))).then((page) => {
        learn();
        answer(request, reply, page);
      });
    });
  }
}

export function langOfUrl(url: string): Lang {
  return /^\/ur(\/|$|\?)/.test(url) ? 'ur' : 'en';
}
