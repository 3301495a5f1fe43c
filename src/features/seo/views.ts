import type { Lang } from '#src/db/types.ts';
import type { ArticleSummary } from '#src/db/types.ts';
import { escapeHtml as x } from '#src/web/html.ts';
import type { SitemapEntry } from './service.ts';

export function sitemapXml(baseUrl: string, entries: SitemapEntry[]): string {
  const urls = entries.flatMap((e) => {
    const langs = Object.entries(e.paths) as [Lang, string][];
    const alternates = langs.length > 1 ? langs.map(([lang, path]) => `<xhtml:link rel="alternate" hreflang="${lang}" href="${x(baseUrl + path)}"/>`).join('') : '';
    return langs.map(([lang, path]) => {
      const lastmod = e.lastmod?.[lang];
      return `<url><loc>${x(baseUrl + path)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}${alternates}</url>`;
    });
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
}

export function atomFeed(baseUrl: string, clinicName: string, articles: ArticleSummary[]): string {
  const updated = articles.map((a) => a.updated_at).sort().at(-1) ?? '1970-01-01';
  const entries = articles.map((a) => {
    const url = baseUrl + (a.lang === 'en' ? '' : `/${a.lang}`) + `/articles/${a.slug}`;
    return `<entry><title>${x(a.title)}</title><link href="${x(url)}"/><id>${x(url)}</id><published>${a.published_at.slice(0, 10)}T00:00:00Z</published><updated>${a.updated_at.slice(0, 10)}T00:00:00Z</updated><summary>${x(a.summary)}</summary></entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${x(clinicName)}</title><link href="${x(baseUrl)}/"/><link rel="self" href="${x(baseUrl)}/feed.xml"/><id>${x(baseUrl)}/</id><updated>${updated.slice(0, 10)}T00:00:00Z</updated><author><name>${x(clinicName)}</name></author>\n${entries.join('\n')}\n</feed>\n`;
}

export function robotsTxt(baseUrl: string): string {
  return `User-agent: *\nAllow: /\nDisallow: /admin\n\nSitemap: ${baseUrl}/sitemap.xml\n`;
}
