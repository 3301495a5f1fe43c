import type { FastifyInstance } from 'fastify';
import { publicPage, type WebDeps } from '#src/http/public-route.ts';
import { rateLimitStore } from '#src/platform/redis.ts';
import { articleIndexView, articleView } from './views.ts';
import { searchView } from './search-views.ts';
import { pageQuery } from '#src/web/query.ts';
import { searchQuery } from './service.ts';

export function articleRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { articles } = deps.services;

  publicPage(app, deps, '/articles/:slug', async (ctx, request) => {
    const { slug } = request.params as { slug: string };
    const detail = await articles.detail(slug, ctx.lang);
    return detail ? articleView(ctx, detail) : null;
  });

  publicPage(
    app,
    deps,
    '/articles',
    async (ctx, request) => {
      const query = pageQuery.safeParse(request.query);
      if (!query.success) return null;
      const result = await articles.page(ctx.lang, query.data.page);
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
        const { q } = searchQuery.parse(request.query);
        return searchView(ctx, q, await articles.search(q, ctx.lang));
      },
      { cache: false },
    );
  });
}
