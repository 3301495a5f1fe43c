import type { FastifyInstance } from 'fastify';
import { testBaseUrl } from './helper.ts';

/** Every public HTML page a reader can reach: the sitemap's, plus search and error pages. */
export async function allPublicPages(fastify: FastifyInstance): Promise<string[]> {
  const sitemap = (await fastify.inject('/sitemap.xml')).body;
  const fromSitemap = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => (m[1] ?? '').replace(testBaseUrl, ''));
  return [...fromSitemap, '/articles?page=1', '/search', '/search?q=als', '/search?q=zzzz', '/ur/search?q=als', '/nope', '/ur/nope', '/%E0%A4%A'];
}
