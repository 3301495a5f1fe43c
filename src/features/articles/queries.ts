import { sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from '#src/db/connection.ts';
import { MARK_END, MARK_START } from './rules.ts';
import { articleSummaryColumns, type Article, type ArticleSummary, type Database, type Lang, type NewArticle } from '#src/db/types.ts';

export type { ArticleSummary };

type Q = Kysely<Database> | Transaction<Database>;

/** Columns for lists: everything but the heavy body fields. */
const listColumns = articleSummaryColumns;

export function findPublished(db: Q, slug: string, lang: Lang): Promise<Article | undefined> {
  return db.selectFrom('articles').selectAll().where('slug', '=', slug).where('lang', '=', lang).where('status', '=', 'published').executeTakeFirst();
}

export async function publishedLanguages(db: Q, slug: string): Promise<Lang[]> {
  const rows = await db.selectFrom('articles').select('lang').where('slug', '=', slug).where('status', '=', 'published').execute();
  return rows.map((r) => r.lang);
}

export function listPublished(db: Q, lang: Lang, limit: number, offset: number): Promise<ArticleSummary[]> {
  return db
    .selectFrom('articles')
    .select(listColumns)
    .where('lang', '=', lang)
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countPublished(db: Q, lang: Lang): Promise<number> {
  const row = await db.selectFrom('articles').select((eb) => eb.fn.countAll<string | number>().as('n')).where('lang', '=', lang).where('status', '=', 'published').executeTakeFirstOrThrow();
  return Number(row.n);
}

export function featuredPublished(db: Q, lang: Lang, limit: number): Promise<ArticleSummary[]> {
  return db.selectFrom('articles').select(listColumns).where('lang', '=', lang).where('status', '=', 'published').where('featured', '=', 1).orderBy('published_at', 'desc').limit(limit).execute();
}

export async function topicSlugsOf(db: Q, articleId: number): Promise<string[]> {
  const rows = await db.selectFrom('article_topics').select('topic_slug').where('article_id', '=', articleId).orderBy('topic_slug').execute();
  return rows.map((r) => r.topic_slug);
}

export function publishedForTopic(db: Q, topicSlug: string, lang: Lang): Promise<ArticleSummary[]> {
  return db
    .selectFrom('articles')
    .innerJoin('article_topics', 'article_topics.article_id', 'articles.id')
    .select(listColumns.map((c) => `articles.${c}` as const))
    .where('article_topics.topic_slug', '=', topicSlug)
    .where('articles.lang', '=', lang)
    .where('articles.status', '=', 'published')
    .orderBy('articles.published_at', 'desc')
    .execute();
}

/** Published articles sharing a topic with this one, most shared topics first. */
export function relatedPublished(db: Q, article: Article, limit: number): Promise<ArticleSummary[]> {
  return db
    .selectFrom('articles')
    .innerJoin('article_topics as mine', (j) => j.on('mine.article_id', '=', article.id))
    .innerJoin('article_topics as theirs', (j) => j.onRef('theirs.article_id', '=', 'articles.id').onRef('theirs.topic_slug', '=', 'mine.topic_slug'))
    .select(listColumns.map((c) => `articles.${c}` as const))
    .select((eb) => eb.fn.countAll<number>().as('shared'))
    .where('articles.id', '!=', article.id)
    .where('articles.lang', '=', article.lang)
    .where('articles.status', '=', 'published')
    .groupBy(listColumns.map((c) => `articles.${c}` as const))
    .orderBy('shared', 'desc')
    .orderBy('articles.published_at', 'desc')
    .limit(limit)
    .execute();
}

export function publishedByPerson(db: Q, personId: number, column: 'author_id' | 'reviewer_id' | 'translator_id'): Promise<ArticleSummary[]> {
  return db.selectFrom('articles').select(listColumns).where(column, '=', personId).where('status', '=', 'published').orderBy('published_at', 'desc').execute();
}

export function allPublished(db: Q): Promise<ArticleSummary[]> {
  return db.selectFrom('articles').select(listColumns).where('status', '=', 'published').orderBy('published_at', 'desc').execute();
}

export async function upsertArticle(db: Q, article: NewArticle): Promise<number> {
  const { slug, lang, ...rest } = article;
  const row = await db
    .insertInto('articles')
    .values(article)
    .onConflict((oc) => oc.columns(['slug', 'lang']).doUpdateSet(rest))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function replaceTopics(db: Q, articleId: number, slugs: string[]): Promise<void> {
  await db.deleteFrom('article_topics').where('article_id', '=', articleId).execute();
  if (slugs.length > 0) await db.insertInto('article_topics').values(slugs.map((topic_slug) => ({ article_id: articleId, topic_slug }))).execute();
}

/** SQLite keeps a separate FTS5 index; PostgreSQL's tsvector column is generated from the row itself. */
export async function reindex(db: Q, dialect: Dialect, id: number, doc: { title: string; summary: string; body_text: string; published: boolean }): Promise<void> {
  if (dialect !== 'sqlite') return;
  await db.deleteFrom('article_fts').where('rowid', '=', id).execute();
  if (doc.published) await db.insertInto('article_fts').values({ rowid: id, title: doc.title, summary: doc.summary, body: doc.body_text }).execute();
}

export interface SearchHit {
  slug: string;
  title: string;
  summary: string;
  snippet: string;
}

// Snippet highlights are marked with control characters so the text can be escaped before <mark> is added.
// Almost all the time of a search is the snippets: each one re-reads and re-tokenizes a whole article
// to find its best passage. So both engines rank every match first and highlight only the `limit`
// rows shown. Equal scores (copies, or terms only in the body) are ordered by id, so the page is stable.

export async function searchPublished(db: Q, dialect: Dialect, terms: string[], lang: Lang, limit: number): Promise<SearchHit[]> {
  return dialect === 'sqlite' ? searchSqlite(db, terms, lang, limit) : searchPostgres(db, terms, lang, limit);
}

async function searchSqlite(db: Q, terms: string[], lang: Lang, limit: number): Promise<SearchHit[]> {
  const match = terms.map((t) => `"${t}"*`).join(' ');
  // SQLite computes the result columns of a sorted, limited query only for the rows it returns, so
  // snippet() runs `limit` times here; bm25 is computed once per match, for the sort.
  const result = await sql<SearchHit>`
    SELECT a.slug, a.title, a.summary,
      snippet(article_fts, 2, ${MARK_START}, ${MARK_END}, '…', 24) AS snippet
    FROM article_fts JOIN articles a ON a.id = article_fts.rowid
    WHERE article_fts MATCH ${match} AND a.lang = ${lang} AND a.status = 'published'
    ORDER BY bm25(article_fts, 10.0, 4.0, 1.0), a.id LIMIT ${limit}`.execute(db);
  return result.rows;
}

async function searchPostgres(db: Q, terms: string[], lang: Lang, limit: number): Promise<SearchHit[]> {
  const config = sql`${lang === 'en' ? 'english' : 'simple'}::regconfig`;
  const query = sql`to_tsquery(${config}, ${terms.map((t) => `${t}:*`).join(' & ')})`;
  // The page is chosen in the subquery (each matching row's vector read once, for the match and its
  // rank); ts_headline, which parses the whole body, then runs for those rows only.
  const result = await sql<SearchHit>`
    SELECT a.slug, a.title, a.summary,
      ts_headline(${config}, a.body_text, ${query},
        ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "`}) AS snippet
    FROM (
      SELECT id, ts_rank(search_vector, ${query}) AS score FROM articles
      WHERE search_vector @@ ${query} AND lang = ${lang} AND status = 'published'
      ORDER BY score DESC, id LIMIT ${limit}
    ) page
    JOIN articles a ON a.id = page.id
    ORDER BY page.score DESC, page.id`.execute(db);
  return result.rows;
}

export async function countReviewOverdue(db: Q, today: string): Promise<number> {
  const row = await db.selectFrom('articles').select((eb) => eb.fn.countAll<string | number>().as('n')).where('status', '=', 'published').where('next_review_at', '<', today).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countAllPublished(db: Q): Promise<number> {
  const row = await db.selectFrom('articles').select((eb) => eb.fn.countAll<string | number>().as('n')).where('status', '=', 'published').executeTakeFirstOrThrow();
  return Number(row.n);
}
