import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connection.ts';

// Kysely migrations must accept any schema: the table types describe the final state, not each step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * PostgreSQL only: search ranks every matching article with ts_rank, which reads the article's whole
 * tsvector. In `articles` that vector (7 KB for an English article) is TOASTed: each read looks it up
 * in the TOAST table and copies it together, twice per row (once for @@, once for ts_rank), and that
 * was most of the ranking time. `article_search` holds one narrow row per published article whose
 * vector stays inside the row (toast_tuple_target near a page, storage MAIN), so both read it in place.
 * The vector is still defined once, by the generated column `articles.search_vector`; the articles
 * service copies it here in the transaction that saves the article, as SQLite's FTS index is kept.
 * SQLite needs nothing: its FTS index already holds what ranking reads.
 */
export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`CREATE TABLE article_search (
    id integer PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    lang text NOT NULL,
    search_vector tsvector NOT NULL
  ) WITH (toast_tuple_target = 8160)`.execute(db);
  await sql`ALTER TABLE article_search ALTER COLUMN search_vector SET STORAGE MAIN`.execute(db);
  await sql`INSERT INTO article_search (id, lang, search_vector) SELECT id, lang, search_vector FROM articles WHERE status = 'published'`.execute(db);
  await sql`CREATE INDEX article_search_vector ON article_search USING gin (search_vector)`.execute(db);
  // Nothing searches articles.search_vector any more: its index would only slow every save.
  await sql`DROP INDEX IF EXISTS articles_search`.execute(db);
  await sql`ANALYZE article_search`.execute(db);
}

export async function down(db: AnyDb, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`CREATE INDEX IF NOT EXISTS articles_search ON articles USING gin (search_vector)`.execute(db);
  await sql`DROP TABLE IF EXISTS article_search`.execute(db);
}
