import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ContentError } from '#src/content/content-error.ts';
import type { ImageLookup } from '#src/content/images.ts';
import type { TocEntry } from '#src/content/markdown.ts';
import { renderMarkdown } from '#src/content/render-markdown.ts';
import type { Dialect } from '#src/db/connection.ts';
import type { Article, Database, Lang, Person, Testimonial, Topic } from '#src/db/types.ts';
import type { PeopleService } from '#src/features/people/service.ts';
import type { SettingsService } from '#src/features/settings/service.ts';
import type { TestimonialsService } from '#src/features/testimonials/service.ts';
import type { TopicsService } from '#src/features/topics/service.ts';
import * as q from './queries.ts';
import { foldForSearch } from '#src/db/search-folding.ts';
import { withoutDirectionControls } from '#src/web/forms.ts';
import { PAGE_SIZE, pageCount, parseVideo, reviewState, SEARCH_CACHE_QUERIES, SEARCH_RESULTS, searchSnippet, searchTerms, type ReviewState } from './rules.ts';
import { SearchCache } from './search-cache.ts';

const isoDate = z.iso.date();
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase words joined by hyphens');

export const articleInput = z
  .object({
    slug,
    lang: z.enum(['en', 'ur']),
    status: z.enum(['draft', 'published']).default('published'),
    title: z.string().min(1).max(200),
    summary: z.string().min(1).max(400),
    body: z.string().min(1),
    author: slug,
    reviewer: slug,
    translator: slug.optional(),
    published_at: isoDate,
    updated_at: isoDate.optional(),
    reviewed_at: isoDate,
    next_review_at: isoDate,
    featured: z.boolean().default(false),
    conditions: z.array(slug).default([]),
    treatments: z.array(slug).default([]),
    testimonial: z.string().optional(),
    video: z.url().optional(),
    references: z.array(z.string().min(1)).default([]),
    conflict_of_interest: z.string().max(2000).optional(),
  })
  .refine((a) => a.next_review_at > a.reviewed_at, { message: 'next_review_at must be after reviewed_at', path: ['next_review_at'] })
  .refine((a) => a.video === undefined || parseVideo(a.video) !== null, { message: 'only YouTube and Vimeo links can be embedded', path: ['video'] });
export type ArticleInput = z.input<typeof articleInput>;

/** `?q=` of the search page: the text as typed, cut to 200 characters, without the invisible marks that reorder it. */
export const searchQuery = z.object({
  q: z
    .string()
    .catch('')
    .transform((q) => withoutDirectionControls(q.slice(0, 200))),
});

export interface ArticleDetail {
  article: Article;
  toc: TocEntry[];
  references: string[];
  author: Person;
  reviewer: Person;
  translator?: Person;
  conditions: Topic[];
  treatments: Topic[];
  testimonial: Testimonial | undefined;
  related: q.ArticleSummary[];
  languages: Lang[];
  /** Whether the article is past its next review date, today by the service's clock. */
  reviewState: ReviewState;
}

export interface ArticlePage {
  items: q.ArticleSummary[];
  page: number;
  pages: number;
}

export class ArticlesService {
  private readonly db: Kysely<Database>;
  private readonly dialect: Dialect;
  private readonly people: PeopleService;
  private readonly topics: TopicsService;
  private readonly testimonials: TestimonialsService;
  private readonly settings: SettingsService;
  /** Uploaded images the body names, drawn as responsive pictures (media feature). */
  private readonly images: ImageLookup | undefined;
  private readonly now: () => Date;
  private readonly searches = new SearchCache<q.SearchHit[]>(SEARCH_CACHE_QUERIES);

  constructor(deps: { db: Kysely<Database>; dialect: Dialect; people: PeopleService; topics: TopicsService; testimonials: TestimonialsService; settings: SettingsService; images?: ImageLookup; now?: () => Date }) {
    this.db = deps.db;
    this.images = deps.images;
    this.now = deps.now ?? (() => new Date());
    this.dialect = deps.dialect;
    this.people = deps.people;
    this.topics = deps.topics;
    this.testimonials = deps.testimonials;
    this.settings = deps.settings;
  }

  async detail(slug: string, lang: Lang): Promise<ArticleDetail | undefined> {
    const article = await q.findPublished(this.db, slug, lang);
    if (!article) return undefined;
    const [people, topicSlugs, related, languages, testimonial] = await Promise.all([
      this.people.byIds([article.author_id, article.reviewer_id, ...(article.translator_id === null ? [] : [article.translator_id])]),
      q.topicSlugsOf(this.db, article.id),
      q.relatedPublished(this.db, article, 3),
      q.publishedLanguages(this.db, slug),
      article.testimonial_id ? this.testimonials.forArticle(article.testimonial_id, lang) : Promise.resolve(undefined),
    ]);
    const topics = await this.topics.bySlugs(topicSlugs, lang);
    const author = people.get(article.author_id);
    const reviewer = people.get(article.reviewer_id);
    if (!author || !reviewer) throw new Error(`article ${slug} has no author or reviewer`);
    return {
      article,
      toc: JSON.parse(article.toc_json) as TocEntry[],
      references: JSON.parse(article.references_json) as string[],
      author,
      reviewer,
      translator: article.translator_id === null ? undefined : people.get(article.translator_id),
      conditions: topics.filter((t) => t.kind === 'condition'),
      treatments: topics.filter((t) => t.kind === 'treatment'),
      testimonial,
      related,
      languages,
      reviewState: reviewState(article.next_review_at, this.now().toISOString()),
    };
  }

  async page(lang: Lang, page: number): Promise<ArticlePage | undefined> {
    const total = await q.countPublished(this.db, lang);
    const pages = pageCount(total);
    if (page < 1 || page > pages) return undefined;
    const items = await q.listPublished(this.db, lang, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    return { items, page, pages };
  }

  featured(lang: Lang, limit = 3): Promise<q.ArticleSummary[]> {
    return q.featuredPublished(this.db, lang, limit);
  }

  latest(lang: Lang, limit = 5): Promise<q.ArticleSummary[]> {
    return q.listPublished(this.db, lang, limit, 0);
  }

  forTopic(topicSlug: string, lang: Lang): Promise<q.ArticleSummary[]> {
    return q.publishedForTopic(this.db, topicSlug, lang);
  }

  async byPerson(personId: number): Promise<{ wrote: q.ArticleSummary[]; reviewed: q.ArticleSummary[]; translated: q.ArticleSummary[] }> {
    const [wrote, reviewed, translated] = await Promise.all([
      q.publishedByPerson(this.db, personId, 'author_id'),
      q.publishedByPerson(this.db, personId, 'reviewer_id'),
      q.publishedByPerson(this.db, personId, 'translator_id'),
    ]);
    return { wrote, reviewed, translated };
  }

  allPublished(): Promise<q.ArticleSummary[]> {
    return q.allPublished(this.db);
  }

  /** For the dashboard: how many articles are published, and how many are past their review date (today by the service's clock). */
  async editorialCounts(): Promise<{ published: number; reviewOverdue: number }> {
    const today = this.now().toISOString().slice(0, 10);
    const [published, reviewOverdue] = await Promise.all([q.countAllPublished(this.db), q.countReviewOverdue(this.db, today)]);
    return { published, reviewOverdue };
  }

  languages(slug: string): Promise<Lang[]> {
    return q.publishedLanguages(this.db, slug);
  }

  async search(query: string, lang: Lang): Promise<q.SearchHit[]> {
    const terms = searchTerms(query);
    if (terms.length === 0) return [];
    // Read on every search (one small row), so a change published by any process is seen at once.
    const version = await this.settings.contentVersion();
    return this.searches.get(version, `${lang} ${terms.join(' ')}`, async () => {
      const rows = await q.searchPublished(this.db, this.dialect, terms, lang, SEARCH_RESULTS);
      return rows.map((r) => ({ slug: r.slug, title: r.title, summary: r.summary, snippet: searchSnippet(r.body_text, terms) }));
    });
  }

  /** The people, topics and testimonial an article names, found; a ContentError names the first that is not. */
  private async resolve(a: z.output<typeof articleInput>, checkReviewer = true): Promise<{ author: Person; reviewer: Person | undefined; translator: Person | undefined; topicSlugs: string[] }> {
    const [author, reviewer] = await Promise.all([this.people.bySlug(a.author), this.people.bySlug(a.reviewer)]);
    if (!author) throw new ContentError(`author "${a.author}" is not a person`);
    if (checkReviewer && (!reviewer || !this.people.hasRole(reviewer, 'reviewer'))) throw new ContentError(`reviewer "${a.reviewer}" is not a medical reviewer`);
    const translator = a.translator ? await this.people.bySlug(a.translator) : undefined;
    if (a.translator && !translator) throw new ContentError(`translator "${a.translator}" is not a person`);
    const topicSlugs = [...a.conditions, ...a.treatments];
    const known = await this.topics.bySlugs(topicSlugs, 'en');
    const missing = topicSlugs.filter((s) => !known.some((t) => t.slug === s));
    if (missing.length) throw new ContentError(`unknown topics: ${missing.join(', ')}`);
    if (a.testimonial && !(await this.testimonials.byId(a.testimonial))) throw new ContentError(`unknown testimonial "${a.testimonial}"`);
    return { author, reviewer, translator, topicSlugs };
  }

  /**
   * Whether an article would be saved as it is, without saving it (zod or Content errors are
   * thrown). Before review nobody has signed it off yet, so the reviewer can be left unchecked.
   */
  async validate(input: ArticleInput, options: { reviewer: boolean } = { reviewer: true }): Promise<void> {
    await this.resolve(articleInput.parse(input), options.reviewer);
  }

  /** A published article with what the editor needs to start a revision from it: the slugs of its people and topics. */
  async forEditing(slug: string, lang: Lang): Promise<{ article: Article; author: string; translator: string; conditions: string[]; treatments: string[] } | undefined> {
    const article = await q.findPublished(this.db, slug, lang);
    if (!article) return undefined;
    const [people, topicSlugs] = await Promise.all([
      this.people.byIds([article.author_id, ...(article.translator_id === null ? [] : [article.translator_id])]),
      q.topicSlugsOf(this.db, article.id),
    ]);
    const topics = await this.topics.bySlugs(topicSlugs, 'en');
    const kindOf = (kind: string) => topicSlugs.filter((s) => topics.some((t) => t.slug === s && t.kind === kind));
    return {
      article,
      author: people.get(article.author_id)?.slug ?? '',
      translator: article.translator_id === null ? '' : (people.get(article.translator_id)?.slug ?? ''),
      conditions: kindOf('condition'),
      treatments: kindOf('treatment'),
    };
  }

  /** Renders and stores an article with its topics and search entry, all in one transaction. */
  async save(input: ArticleInput): Promise<number> {
    const a = articleInput.parse(input);
    const { author, reviewer, translator, topicSlugs } = await this.resolve(a);
    if (!reviewer) throw new ContentError(`reviewer "${a.reviewer}" is not a medical reviewer`);
    const rendered = await renderMarkdown(a.body, { references: a.references.length, images: this.images });
    const row = {
      slug: a.slug,
      lang: a.lang,
      status: a.status,
      title: a.title,
      summary: a.summary,
      body_md: a.body,
      body_html: rendered.html,
      body_text: foldForSearch(rendered.text),
      toc_json: JSON.stringify(rendered.toc),
      references_json: JSON.stringify(a.references),
      author_id: author.id,
      reviewer_id: reviewer.id,
      translator_id: translator?.id ?? null,
      testimonial_id: a.testimonial ?? null,
      video_url: a.video ?? null,
      featured: a.featured ? 1 : 0,
      published_at: a.published_at,
      updated_at: a.updated_at ?? a.published_at,
      reviewed_at: a.reviewed_at,
      next_review_at: a.next_review_at,
      conflict_of_interest: a.conflict_of_interest?.trim() || null,
    };
    const id = await this.db.transaction().execute(async (tx) => {
      const id = await q.upsertArticle(tx, row);
      await q.replaceTopics(tx, id, topicSlugs);
      await q.reindex(tx, this.dialect, id, { ...row, published: a.status === 'published' });
      return id;
    });
    // Every process drops its cached pages when it sees the new version.
    await this.settings.bumpContentVersion();
    return id;
  }
}
