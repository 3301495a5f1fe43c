import type { FastifyInstance } from 'fastify';
import { publicPage, type WebDeps } from '#src/http/public-route.ts';
import { homeView } from './views.ts';

export function homeRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { topics, articles, testimonials } = deps.services;
  publicPage(app, deps, '/', async (ctx) => {
    const [conditions, latest, quotes] = await Promise.all([topics.list(ctx.lang, 'condition'), articles.latest(ctx.lang, 5), testimonials.featured(ctx.lang, 3)]);
    return homeView(ctx, { conditions, latest, testimonials: quotes });
  });
}
