import { sql } from 'kysely';
import type { Db } from '#src/db/connection.ts';
import type { Lang } from '#src/db/types.ts';
import type { SearchHit } from '#src/features/articles/queries.ts';
import { MARK_END, MARK_START } from '#src/features/articles/rules.ts';

/**
 * The search query as it was before ranking and highlighting were split (issue 9): one statement
 * that ranks every match and highlights in the same pass. Kept for tests only, as the reference the
 * faster search must agree with. It had no order among equal scores; `id` is added here, as the
 * search now does, so that the two can be compared row for row.
 */
export async function searchAsBefore(db: Db, terms: string[], lang: Lang, limit: number): Promise<SearchHit[]> {
  if (db.dialect === 'sqlite') {
    const match = terms.map((t) => `"${t}"*`).join(' ');
    const result = await sql<SearchHit>`
      SELECT a.slug, a.title, a.summary,
        snippet(article_fts, 2, ${MARK_START}, ${MARK_END}, '…', 24) AS snippet
      FROM article_fts JOIN articles a ON a.id = article_fts.rowid
      WHERE article_fts MATCH ${match} AND a.lang = ${lang} AND a.status = 'published'
      ORDER BY bm25(article_fts, 10.0, 4.0, 1.0), a.id LIMIT ${limit}`.execute(db.kysely);
    return result.rows;
  }
  const config = lang === 'en' ? 'english' : 'simple';
  const query = terms.map((t) => `${t}:*`).join(' & ');
  const result = await sql<SearchHit>`
    SELECT slug, title, summary,
      ts_headline(${config}::regconfig, body_text, to_tsquery(${config}::regconfig, ${query}),
        ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "`}) AS snippet
    FROM articles
    WHERE search_vector @@ to_tsquery(${config}::regconfig, ${query}) AND lang = ${lang} AND status = 'published'
    ORDER BY ts_rank(search_vector, to_tsquery(${config}::regconfig, ${query})) DESC, id LIMIT ${limit}`.execute(db.kysely);
  return result.rows;
}
