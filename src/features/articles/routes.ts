import type { FastifyInstance } from 'fastify';
import { publicPage, type WebDeps } from '#src/http/public-route.ts';
import { rateLimitStore } from '#src/platform/redis.ts';
import { articleIndexView, articleView } from './views.ts';
import { searchView } from './search-views.ts';
import { withoutDirectionControls } from '#src/web/forms.ts';

function pageNumber(value: unknown): number | null {
  if (value === undefined) return 1;
  return typeof value === 'string' && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : null;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function articleRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { articles } = deps.services;

  publicPage(app, deps, '/articles/:slug', async (ctx, request) => {
    const { slug } = request.params as { slug: string };
    const detail = await articles.detail(slug, ctx.lang);
    return detail ? articleView(ctx, detail, today()) : null;
  });

  publicPage(
    app,
    deps,
    '/articles',
    async (ctx, request) => {
      const page = pageNumber((request.query as Record<string, unknown>).page);
      if (page === null) return null;
      const result = await articles.page(ctx.lang, page);
      if (!result) return null;
      const other = await articles.page(ctx.lang === 'en' ? 'ur' : 'en', 1);
      return articleIndexView(ctx, result, (other?.items.length ?? 0) > 0);
    },
    { query: ['page'] },
  );

  app.register(async (scoped) => {
    // Search renders per query, so it is the one public page worth limiting per client.
    // Counters live in Redis when configured, so the limit holds across processes; for a request
    // made while Redis does not answer, this process counts on its own rather than failing patients.
    await scoped.register(import('@fastify/rate-limit'), { max: 60, timeWindow: '1 minute', store: rateLimitStore(deps.redis, 'caresite-search-') });
    publicPage(
      scoped,
      deps,
      '/search',
      async (ctx, request) => {
        const raw = (request.query as Record<string, unknown>).q;
        const query = typeof raw === 'string' ? withoutDirectionControls(raw.slice(0, 200)) : '';
        return searchView(ctx, query, await articles.search(query, ctx.lang));
      },
      { cache: false },
    );
  });
}
