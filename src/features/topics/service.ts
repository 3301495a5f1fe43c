import type { Kysely } from 'kysely';
import { z } from 'zod';
import { renderMarkdown } from '#src/content/render-markdown.ts';
import type { Database, Lang, Topic, TopicKind } from '#src/db/types.ts';
import { findTopic, listTopics, topicLanguages, topicsBySlugs, upsertTopic } from './queries.ts';

export const topicInput = z
  .object({
    slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase words joined by hyphens'),
    lang: z.enum(['en', 'ur']),
    kind: z.enum(['condition', 'treatment']),
    title: z.string().min(1),
    summary: z.string().min(1),
    also_known_as: z.array(z.string()).default([]),
    evidence: z.enum(['approved', 'trials', 'unproven']).optional(),
    evidence_note: z.string().optional(),
    body: z.string().default(''),
  })
  .refine((t) => t.kind === 'condition' || t.evidence !== undefined, {
    message: 'a treatment needs an evidence status: approved, trials or unproven',
    path: ['evidence'],
  });
export type TopicInput = z.input<typeof topicInput>;

export class TopicsService {
  private readonly db: Kysely<Database>;
  private readonly now: () => Date;
  constructor(db: Kysely<Database>, now: () => Date = () => new Date()) {
    this.db = db;
    this.now = now;
  }

  find(kind: TopicKind, slug: string, lang: Lang): Promise<Topic | undefined> {
    return findTopic(this.db, kind, slug, lang);
  }

  list(lang: Lang, kind?: TopicKind): Promise<Topic[]> {
    return listTopics(this.db, lang, kind);
  }

  /** Topics by slug in the reader's language, falling back to English for any not yet translated. */
  async bySlugs(slugs: string[], lang: Lang): Promise<Topic[]> {
    const found = await topicsBySlugs(this.db, slugs, lang);
    if (lang === 'en' || found.length === slugs.length) return found;
    const have = new Set(found.map((t) => t.slug));
    const fallback = await topicsBySlugs(this.db, slugs.filter((s) => !have.has(s)), 'en');
    return [...found, ...fallback];
  }

  languages(kind: TopicKind, slug: string): Promise<Lang[]> {
    return topicLanguages(this.db, kind, slug);
  }

  async save(input: TopicInput): Promise<void> {
    const t = topicInput.parse(input);
    await upsertTopic(this.db, {
      slug: t.slug,
      lang: t.lang,
      kind: t.kind,
      title: t.title,
      summary: t.summary,
      also_known_as: JSON.stringify(t.also_known_as),
      body_html: (await renderMarkdown(t.body)).html,
      evidence: t.evidence ?? null,
      evidence_note: t.evidence_note ?? null,
      updated_at: this.now().toISOString(),
    });
  }
}
