import type { FastifyInstance } from 'fastify';
import { publicPage, type WebDeps } from '#src/http/public-route.ts';
import { staticPageSlugs } from './service.ts';
import { staticPageView } from './views.ts';

export function pageRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { pages } = deps.services;
  for (const slug of staticPageSlugs) {
    publicPage(app, deps, `/${slug}`, async (ctx) => {
      const page = await pages.find(slug, ctx.lang);
      return page ? staticPageView(ctx, page, await pages.languages(slug)) : null;
    });
  }
}
