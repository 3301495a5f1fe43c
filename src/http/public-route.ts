import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { Lang } from '#src/db/types.ts';
import { errors } from '#src/errors.ts';
import type { Services } from '#src/services.ts';
import { compressPage, chooseEncoding, etagFor, matchesEtag, type CachedPage, type PageCache } from '#src/platform/page-cache.ts';
import type { Assets, ViewContext } from '#src/web/context.ts';
import { languages, localePath, translator } from '#src/web/i18n/index.ts';

export interface WebDeps {
  services: Services;
  /** Rate-limit counters shared by every process (REDIS_URL); in memory when absent or not answering (see platform/redis.ts). */
  redis?: Redis;
  cache: PageCache;
  assets: Assets;
  baseUrl: string;
}

export const HTML = 'text/html; charset=utf-8';
const PAGE_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600';

export async function viewContext(deps: WebDeps, lang: Lang): Promise<ViewContext> {
  return { lang, t: translator(lang), clinic: await deps.services.settings.clinic(), baseUrl: deps.baseUrl, assets: deps.assets };
}

/** Sends a cached page in the encoding the client prefers, or 304 when it already has it. */
export function sendCached(request: FastifyRequest, reply: FastifyReply, page: CachedPage, cacheControl = PAGE_CACHE_CONTROL): FastifyReply {
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  reply.headers({ 'cache-control': cacheControl, vary: 'Accept-Encoding', etag: etagFor(page, encoding) });
  if (matchesEtag(request.headers['if-none-match'], page)) return reply.code(304).send();
  reply.code(page.status).header('content-type', page.contentType);
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  return reply.send(encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.identity);
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

function cacheKey(lang: Lang, request: FastifyRequest, query: string[]): string {
  const path = request.url.split('?')[0] ?? '/';
  const params = request.query as Record<string, unknown>;
  const kept = query.map((name) => `${name}=${typeof params[name] === 'string' ? params[name] : ''}`).join('&');
  return `${lang} ${path.replace(/\/+$/, '') || '/'}?${kept}`;
}

/** Registers a public GET page in each language: rendered once, kept as bytes, answered with ETag/304. */
export function publicPage(app: FastifyInstance, deps: WebDeps, path: string, render: Render, options: PublicOptions = {}): void {
  for (const lang of options.langs ?? languages) {
    app.get(localePath(lang, path), (request, reply) => {
      const build = async () => {
        const body = await render(await viewContext(deps, lang), request);
        if (body === null) throw new errors.NotFound();
        return compressPage(200, options.contentType ?? HTML, body, options.cache === false);
      };
      if (options.cache === false) return build().then((page) => sendCached(request, reply, page, 'no-cache'));
      const key = cacheKey(lang, request, options.query ?? []);
      // The common case, a page already in memory, is answered without a promise in between.
      const hit = deps.cache.get(key);
      if (hit) {
        sendCached(request, reply, hit);
        return;
      }
      return deps.cache.getOrRender(key, build).then((page) => sendCached(request, reply, page));
    });
  }
}

export function langOfUrl(url: string): Lang {
  return /^\/ur(\/|$|\?)/.test(url) ? 'ur' : 'en';
}
