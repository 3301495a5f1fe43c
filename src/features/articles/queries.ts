import { sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from '#src/db/connection.ts';
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

/**
 * The search index holds published articles only, so that matching never reads an article row to
 * check its status. SQLite: the FTS5 table. PostgreSQL: article_search (migration 007), a copy of the
 * row's generated search_vector kept where ranking reads it in place.
 */
export async function reindex(db: Q, dialect: Dialect, id: number, doc: { title: string; summary: string; body_text: string; published: boolean }): Promise<void> {
  if (dialect === 'sqlite') {
    await db.deleteFrom('article_fts').where('rowid', '=', id).execute();
    if (doc.published) await db.insertInto('article_fts').values({ rowid: id, title: doc.title, summary: doc.summary, body: doc.body_text }).execute();
    return;
  }
  await sql`DELETE FROM article_search WHERE id = ${id}`.execute(db);
  if (doc.published) await sql`INSERT INTO article_search (id, lang, search_vector) SELECT id, lang, search_vector FROM articles WHERE id = ${id}`.execute(db);
}

/** A matching article, best first; its snippet is made from body_text by the service. */
export interface SearchRow {
  slug: string;
  title: string;
  summary: string;
  body_text: string;
}

export interface SearchHit {
  slug: string;
  title: string;
  summary: string;
  snippet: string;
}

// Both engines rank every match reading only their search index, then read the `limit` rows shown.
// Their snippet functions (FTS5 snippet(), ts_headline) are not used: each tokenized and stemmed a
// whole article per result, most of the time of a search; the service cuts the snippet from
// body_text instead. Equal scores (copies, or terms only in the body) are ordered by id, so the
// page is stable.

export async function searchPublished(db: Q, dialect: Dialect, terms: string[], lang: Lang, limit: number): Promise<SearchRow[]> {
  return dialect === 'sqlite' ? searchSqlite(db, terms, lang, limit) : searchPostgres(db, terms, lang, limit);
}

async function searchSqlite(db: Q, terms: string[], lang: Lang, limit: number): Promise<SearchRow[]> {
  const match = terms.map((t) => `"${t}"*`).join(' ');
  // The language is checked against the ids of the articles_listing index, gathered once into a set
  // (the `+` keeps SQLite from handing each id to FTS5 as a lookup of its own, one MATCH per id);
  // joining articles instead read every match's article row, most of which sit on pages of their own.
  const result = await sql<SearchRow>`
    SELECT a.slug, a.title, a.summary, a.body_text
    FROM (
      SELECT rowid AS id, bm25(article_fts, 10.0, 4.0, 1.0) AS score FROM article_fts
      WHERE article_fts MATCH ${match} AND +rowid IN (SELECT id FROM articles WHERE lang = ${lang} AND status = 'published')
      ORDER BY score, rowid LIMIT ${limit}
    ) page
    JOIN articles a ON a.id = page.id
    ORDER BY page.score, page.id`.execute(db);
  return result.rows;
}

async function searchPostgres(db: Q, terms: string[], lang: Lang, limit: number): Promise<SearchRow[]> {
  const config = sql`${lang === 'en' ? 'english' : 'simple'}::regconfig`;
  const query = sql`to_tsquery(${config}, ${terms.map((t) => `${t}:*`).join(' & ')})`;
  const result = await sql<SearchRow>`
    SELECT a.slug, a.title, a.summary, a.body_text
    FROM (
      SELECT id, ts_rank(search_vector, ${query}) AS score FROM article_search
      WHERE search_vector @@ ${query} AND lang = ${lang}
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
