import { sql, type Kysely } from 'kysely';
import { foldForSearch } from '../search-folding.ts';
import type { Dialect } from '../connection.ts';

// Kysely migrations must accept any schema: the table types describe the final state, not each step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Search that forgives how people type: the stored search text is folded (Urdu vowel marks dropped,
 * Arabic letter forms made Urdu), and SQLite's index stems English words as PostgreSQL's 'english'
 * configuration does, so "parkinsons" finds "Parkinson's".
 */
export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  const rows = await db.selectFrom('articles').select(['id', 'body_text']).execute();
  for (const row of rows as { id: number; body_text: string }[]) {
    const folded = foldForSearch(row.body_text);
    if (folded !== row.body_text) await db.updateTable('articles').set({ body_text: folded }).where('id', '=', row.id).execute();
  }
  if (dialect === 'sqlite') await rebuildFts(db, 'porter unicode61 remove_diacritics 2');
}

export async function down(db: AnyDb, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') await rebuildFts(db, 'unicode61 remove_diacritics 2');
}

async function rebuildFts(db: AnyDb, tokenizer: string): Promise<void> {
  await sql`DROP TABLE IF EXISTS article_fts`.execute(db);
  await sql`CREATE VIRTUAL TABLE article_fts USING fts5(title, summary, body, tokenize = ${sql.lit(tokenizer)})`.execute(db);
  await sql`INSERT INTO article_fts (rowid, title, summary, body) SELECT id, title, summary, body_text FROM articles WHERE status = 'published'`.execute(db);
}
