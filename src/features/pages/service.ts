import type { Kysely } from 'kysely';
import { z } from 'zod';
import { renderMarkdown } from '#src/content/render-markdown.ts';
import type { Database, Lang, Page } from '#src/db/types.ts';
import { findPage, listPages, pageLanguages, upsertPage } from './queries.ts';

/** The static pages a clinic site has; each is a Markdown file and its URL is its slug. */
export const staticPageSlugs = ['about', 'contact', 'privacy', 'editorial-policy'] as const;

export const pageInput = z.object({
  slug: z.enum(staticPageSlugs),
  lang: z.enum(['en', 'ur']),
  title: z.string().min(1),
  summary: z.string().min(1),
  body: z.string().min(1),
});
export type PageInput = z.input<typeof pageInput>;

export class PagesService {
  private readonly db: Kysely<Database>;
  private readonly now: () => Date;
  constructor(db: Kysely<Database>, now: () => Date = () => new Date()) {
    this.db = db;
    this.now = now;
  }

  find(slug: string, lang: Lang): Promise<Page | undefined> {
    return findPage(this.db, slug, lang);
  }

  all(): Promise<Page[]> {
    return listPages(this.db);
  }

  languages(slug: string): Promise<Lang[]> {
    return pageLanguages(this.db, slug);
  }

  async save(input: PageInput): Promise<void> {
    const p = pageInput.parse(input);
    await upsertPage(this.db, {
      slug: p.slug,
      lang: p.lang,
      title: p.title,
      summary: p.summary,
      body_html: (await renderMarkdown(p.body)).html,
      updated_at: this.now().toISOString(),
    });
  }
}
