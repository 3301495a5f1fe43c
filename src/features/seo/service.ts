import type { Lang } from '#src/db/types.ts';
import { staticPageSlugs } from '#src/features/pages/service.ts';
import { topicPath } from '#src/web/topics.ts';
import type { Services } from '#src/services.ts';
import { localePath } from '#src/web/i18n/index.ts';

export interface SitemapEntry {
  /** Each language's path of the same page. */
  paths: Partial<Record<Lang, string>>;
  /** When each language's version last changed (a translation has a date of its own). */
  lastmod?: Partial<Record<Lang, string>>;
}

function group<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

function datesByLang(versions: { lang: Lang; updated_at: string }[]): Partial<Record<Lang, string>> {
  return Object.fromEntries(versions.map((v) => [v.lang, v.updated_at.slice(0, 10)]));
}

/** Every public page with its translations, for the sitemap. */
export async function sitemapEntries(services: Services): Promise<SitemapEntry[]> {
  const both = (path: string): SitemapEntry => ({ paths: { en: path, ur: localePath('ur', path) } });
  const [articles, people, pages, topicsEn, topicsUr] = await Promise.all([
    services.articles.allPublished(),
    services.people.all(),
    services.pages.all(),
    services.topics.list('en'),
    services.topics.list('ur'),
  ]);
  const entries: SitemapEntry[] = [both('/'), both('/articles'), both('/conditions'), both('/treatments'), both('/consultation')];
  for (const [slug, versions] of group(articles, (a) => a.slug)) {
    entries.push({ paths: Object.fromEntries(versions.map((v) => [v.lang, localePath(v.lang, `/articles/${slug}`)])), lastmod: datesByLang(versions) });
  }
  for (const versions of group([...topicsEn, ...topicsUr], (t) => `${t.kind}:${t.slug}`).values()) {
    entries.push({ paths: Object.fromEntries(versions.map((v) => [v.lang, localePath(v.lang, topicPath(v.kind, v.slug))])), lastmod: datesByLang(versions) });
  }
  for (const p of people) entries.push({ ...both(`/people/${p.slug}`), lastmod: { en: p.updated_at.slice(0, 10), ur: p.updated_at.slice(0, 10) } });
  for (const slug of staticPageSlugs) {
    const versions = pages.filter((p) => p.slug === slug);
    if (versions.length) entries.push({ paths: Object.fromEntries(versions.map((v) => [v.lang, localePath(v.lang, `/${slug}`)])), lastmod: datesByLang(versions) });
  }
  return entries;
}
