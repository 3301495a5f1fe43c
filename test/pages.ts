import type { TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build, testBaseUrl } from './helper.ts';

export interface RenderedPage {
  url: string;
  html: string;
}

/** Every public HTML page a reader can reach: the sitemap's, plus search and error pages. */
export async function allPublicPages(fastify: FastifyInstance): Promise<string[]> {
  const sitemap = (await fastify.inject('/sitemap.xml')).body;
  const fromSitemap = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => (m[1] ?? '').replace(testBaseUrl, ''));
  return [...fromSitemap, '/articles?page=1', '/search', '/search?q=als', '/search?q=zzzz', '/ur/search?q=als', '/nope', '/ur/nope', '/%E0%A4%A', '/report-a-problem?page=/articles/als-overview', '/ur/report-a-problem?page=/ur/articles/als-overview', '/report-a-problem/thanks?page=/articles/als-overview'];
}

/** The HTML of every public page, from an app loaded with the demo content. */
export async function renderPublicPages(t: Pick<TestContext, 'after'>): Promise<RenderedPage[]> {
  const { fastify } = await build(t);
  const pages: RenderedPage[] = [];
  for (const url of await allPublicPages(fastify)) {
    const res = await fastify.inject(url);
    if (!String(res.headers['content-type']).startsWith('text/html')) throw new Error(`${url} is not HTML: ${String(res.headers['content-type'])}`);
    pages.push({ url, html: res.body });
  }
  return pages;
}

/**
 * The HTML of every dashboard page: the signed-out ones, then every GET route the app registers under
 * /admin, as an admin (routes are discovered, so a new page cannot be missed).
 */
export async function renderDashboardPages(t: Pick<TestContext, 'after'>): Promise<RenderedPage[]> {
  const { get, makeUser, signIn, staffApp } = await import('./staff.ts');
  const app = await staffApp(t);
  const admin = await makeUser(app, 'asma@clinic.example', ['admin']);
  // With the demo articles, so that the editor, its revisions and a comparison are pages too.
  const { importContent } = await import('#src/content/importer.ts');
  const { demoContent } = await import('./helper.ts');
  await importContent(app.services, demoContent);
  const { cookies } = await signIn(app, 'asma@clinic.example');
  const signedOut = ['/admin/sign-in', '/ur/admin/sign-in', '/admin/password/forgot', '/admin/password/set?token=bad'];
  const signedIn = [
    ...app.staffRoutes.filter((r) => r.method === 'GET' && r.access !== 'second-factor').map((r) => r.url.replace(':id', String(admin.id)).replace(':lang/:slug', 'en/als-overview')),
    '/admin/articles/en/als-overview/compare?from=1&to=1',
    '/ur/admin/articles/ur/als-overview',
  ];
  const pages: RenderedPage[] = [];
  for (const [urls, jar] of [[signedOut, new Map<string, string>()], [signedIn, cookies]] as const) {
    for (const url of urls) {
      const res = await get(app, url, jar);
      if (res.statusCode === 200 && String(res.headers['content-type']).startsWith('text/html')) pages.push({ url, html: res.body });
    }
  }
  return pages;
}
