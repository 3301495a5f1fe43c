import type { FastifyInstance } from 'fastify';
import { publicPage, type WebDeps } from '#src/http/public-route.ts';
import { sitemapEntries } from './service.ts';
import { atomFeed, robotsTxt, sitemapXml } from './views.ts';

export function seoRoutes(app: FastifyInstance, deps: WebDeps): void {
  const en = ['en'] as const;
  publicPage(app, deps, '/sitemap.xml', async () => sitemapXml(deps.baseUrl, await sitemapEntries(deps.services)), { langs: en, contentType: 'application/xml; charset=utf-8' });
  publicPage(app, deps, '/feed.xml', async (ctx) => atomFeed(deps.baseUrl, ctx.clinic.name, (await deps.services.articles.allPublished()).slice(0, 50)), { langs: en, contentType: 'application/atom+xml; charset=utf-8' });
  publicPage(app, deps, '/robots.txt', async () => robotsTxt(deps.baseUrl), { langs: en, contentType: 'text/plain; charset=utf-8' });
}
